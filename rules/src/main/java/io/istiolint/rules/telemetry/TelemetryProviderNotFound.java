package io.istiolint.rules.telemetry;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.mesh.ExtensionProvider;
import io.istiolint.mesh.MeshConfig;
import io.istiolint.model.Resource;
import io.istiolint.schemas.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * IL0701: a metrics, tracing or accessLogging provider name that MeshConfig {@code extensionProviders} does
 * not define; istiod skips it, so the telemetry silently goes nowhere. Istio's analyzers do not check this.
 * Without a MeshConfig (no {@code --mesh-config}, no {@code istio} ConfigMap or IstioOperator among the
 * inputs) only Istio's built-in names ({@code prometheus}, {@code stackdriver}, {@code envoy}) are known;
 * other names are counted as unverified, not reported.
 */
public final class TelemetryProviderNotFound implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0701", "telemetry-provider-not-found", Severity.ERROR,
      Set.of(Kind.TELEMETRY), Set.of(Kind.CONFIG_MAP, Kind.ISTIO_OPERATOR),
      "A Telemetry names a provider that MeshConfig extensionProviders does not define",
      "Fix the provider name, or define the provider in MeshConfig extensionProviders (--mesh-config shows istiolint the MeshConfig)",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    MeshConfig mesh = ctx.mesh().config();
    for (Telemetries.ProviderRef ref : Telemetries.providerRefs(target)) {
      if (mesh.provider(ref.name()).isPresent()) {
        continue;
      }
      if (!mesh.known()) {
        ctx.unverified(target, ref.path(), "no MeshConfig loaded, so only Istio's built-in extension providers are known"
            + " (pass --mesh-config, or add the istio ConfigMap or IstioOperator)");
        continue;
      }
      List<String> suitable = new ArrayList<>();
      List<String> others = new ArrayList<>();
      for (ExtensionProvider p : mesh.extensionProviders()) {
        (p.type().serves(ref.use()) ? suitable : others).add(p.name());
      }
      List<String> candidates = new ArrayList<>(suitable);
      candidates.addAll(others);
      String defined = suitable.isEmpty() ? "MeshConfig defines no " + ref.what() + " provider"
          : suitable.size() == 1 ? "the only " + ref.what() + " provider is `" + suitable.get(0) + "`"
          : "the " + ref.what() + " providers are " + Telemetries.names(suitable);
      String hint = Suggestions.didYouMeanClosest(ref.name(), candidates)
          .orElse("define `" + ref.name() + "` in MeshConfig extensionProviders; Istio itself defines only `prometheus`,"
              + " `stackdriver` and `envoy`");
      ctx.report(target, ref.path(), ref.what() + " provider `" + ref.name() + "` is not defined in MeshConfig extensionProviders ("
          + defined + "): istiod ignores it", hint);
    }
  }
}
