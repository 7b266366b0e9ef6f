package io.istiolint.rules.telemetry;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * IL0702: more than one Telemetry of a namespace applies to the whole namespace (in the root namespace: to
 * the whole mesh). Istio uses one of them and which one is undefined. Unlike istioctl (IST0160), an empty
 * {@code selector: {}} counts as namespace-wide (it is, at run time) and a Telemetry with targetRefs does
 * not (it is not).
 */
public final class TelemetryMultipleWithoutSelector implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0702", "telemetry-multiple-without-selector", Severity.ERROR,
      Set.of(Kind.TELEMETRY), Set.of(),
      "More than one Telemetry without a selector or targetRefs in one namespace (in the root namespace: mesh-wide)",
      "Merge the namespace-wide Telemetries into one, or give all but one a selector or targetRefs",
      List.of("IST0160"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    if (Telemetries.scope(target) != Telemetries.Scope.NAMESPACE_WIDE) {
      return;
    }
    List<String> others = new ArrayList<>();
    for (Resource other : Telemetries.others(target, ctx)) {
      if (Telemetries.scope(other) == Telemetries.Scope.NAMESPACE_WIDE) {
        others.add(other.name());
      }
    }
    if (others.isEmpty()) {
      return;
    }
    boolean root = target.namespace().equals(ctx.mesh().rootNamespace());
    String scope = root ? "mesh-wide (no selector in the root namespace `" + target.namespace() + "`)"
        : "namespace-wide in `" + target.namespace() + "` (no selector or targetRefs)";
    YamlPath at = target.spec().has("selector") ? YamlPath.of("spec", "selector") : YamlPath.of("metadata", "name");
    ctx.report(target, at, "this Telemetry and " + Telemetries.names(others) + (others.size() == 1 ? " are both " : " are all ") + scope
        + ": Istio applies only one of them, and which one is undefined",
        "merge them into one Telemetry, or give all but one a selector or targetRefs");
  }
}
