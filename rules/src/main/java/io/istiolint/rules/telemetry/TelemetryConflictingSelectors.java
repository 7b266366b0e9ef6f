package io.istiolint.rules.telemetry;

import io.istiolint.rules.common.ReadKinds;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.index.Workload;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IL0703: a workload picked by several Telemetries of its namespace through their selectors, or a Service,
 * Gateway, ServiceEntry or GatewayClass named by the targetRefs of several. Istio applies only the first
 * match, so the others are silently ignored for it. A selector-less Telemetry (of the namespace or the root
 * namespace) does not conflict with these: it is the base they refine. Like istioctl (IST0159) only
 * same-namespace Telemetries are compared: a selector in the root namespace selects only root-namespace
 * workloads. istioctl ignores targetRefs; we compare them too.
 */
public final class TelemetryConflictingSelectors implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0703", "telemetry-conflicting-selectors", Severity.ERROR,
      Set.of(Kind.TELEMETRY), ReadKinds.of(ReadKinds.WORKLOADS),
      "A workload (or targetRef target) is selected by several Telemetries of its namespace",
      "Merge the Telemetries that select the same workload, or make their selectors disjoint",
      List.of("IST0159"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    Telemetries.Scope scope = Telemetries.scope(target);
    if (scope == Telemetries.Scope.SELECTOR) {
      checkSelector(target, ctx);
    } else if (scope == Telemetries.Scope.TARGET_REFS) {
      checkTargetRefs(target, ctx);
    }
  }

  private static void checkSelector(Resource target, RuleContext ctx) {
    List<Workload> mine = Telemetries.selected(target, ctx);
    List<String> conflicting = new ArrayList<>();
    Workload shared = null;
    for (Resource other : Telemetries.others(target, ctx)) {
      if (Telemetries.scope(other) != Telemetries.Scope.SELECTOR) {
        continue;
      }
      Map<String, String> labels = Workload.selectorOf(other);
      Workload both = mine.stream().filter(w -> w.matches(labels)).findFirst().orElse(null);
      if (both != null) {
        conflicting.add(other.name());
        shared = shared == null ? both : shared;
      }
    }
    if (shared != null) {
      ctx.report(target, YamlPath.of("spec", "selector", "matchLabels"), shared.source().ref().displayName()
          + " is selected by this Telemetry and by " + Telemetries.names(conflicting)
          + ": Istio applies only one of them to it, and which one is undefined", hint());
    }
  }

  private static void checkTargetRefs(Resource target, RuleContext ctx) {
    for (Telemetries.TargetRef ref : Telemetries.targetRefs(target)) {
      if (ref.target().isEmpty() || ref.name().isEmpty()) {
        continue;
      }
      List<String> conflicting = new ArrayList<>();
      for (Resource other : Telemetries.others(target, ctx)) {
        if (Telemetries.scope(other) == Telemetries.Scope.TARGET_REFS
            && Telemetries.targetRefs(other).stream().anyMatch(o -> o.key().equals(ref.key()))) {
          conflicting.add(other.name());
        }
      }
      if (!conflicting.isEmpty()) {
        ctx.report(target, ref.path().field("name"), ref.kind() + " `" + ref.name() + "` is targeted by this Telemetry and by "
            + Telemetries.names(conflicting) + ": Istio applies only one of them to it, and which one is undefined", hint());
      }
    }
  }

  private static String hint() {
    return "merge the Telemetries into one, or make their selectors pick different workloads";
  }
}
