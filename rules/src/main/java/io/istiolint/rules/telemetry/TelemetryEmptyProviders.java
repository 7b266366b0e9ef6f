package io.istiolint.rules.telemetry;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.mesh.MeshConfig;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * IL0705: an accessLogging entry that names no provider while MeshConfig {@code defaultProviders.accessLogging}
 * is empty: it turns nothing on (as istioctl's IST0157). Without a MeshConfig the default providers are
 * unknown, so the entry is counted as unverified; an entry with {@code disabled: true} is fine (it turns the
 * defaults off).
 */
public final class TelemetryEmptyProviders implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0705", "telemetry-empty-providers", Severity.WARNING,
      Set.of(Kind.TELEMETRY), Set.of(Kind.CONFIG_MAP, Kind.ISTIO_OPERATOR),
      "An accessLogging entry names no provider and MeshConfig has no default access logging provider",
      "Name a provider (e.g. `envoy`, Istio's built-in file logger) or set MeshConfig defaultProviders.accessLogging",
      List.of("IST0157"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    MeshConfig mesh = ctx.mesh().config();
    List<JsonNode> entries = Json.items(target.spec().path("accessLogging"));
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      if (!entry.isObject() || entry.path("disabled").asBoolean(false) || !Json.items(entry.path("providers")).isEmpty()) {
        continue;
      }
      YamlPath at = YamlPath.of("spec", "accessLogging", i);
      if (!mesh.known()) {
        ctx.unverified(target, at, "no MeshConfig loaded, so its default access logging providers are unknown"
            + " (pass --mesh-config, or add the istio ConfigMap or IstioOperator)");
      } else if (mesh.defaultProviders().accessLogging().isEmpty()) {
        ctx.report(target, at, "access logging entry names no provider and MeshConfig sets no defaultProviders.accessLogging:"
            + " istiod ignores the entry and its filter (only a legacy MeshConfig accessLogFile, if set, still logs every request)", "add `providers: [{name: envoy}]` (Istio's built-in file logger) or another provider,"
            + " or set defaultProviders.accessLogging in MeshConfig");
      }
    }
  }
}
