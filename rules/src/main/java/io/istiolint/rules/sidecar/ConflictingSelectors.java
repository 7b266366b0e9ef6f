package io.istiolint.rules.sidecar;

import io.istiolint.rules.common.ReadKinds;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.index.Workload;
import io.istiolint.model.Resource;
import io.istiolint.rules.common.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IL0502: a workload selected by more than one Sidecar of its namespace; which one its proxy gets is
 * undefined. Reported on each Sidecar involved, naming the others and a workload they share (Pods, pod
 * templates of controllers or WorkloadEntries, where istioctl's IST0110 sees only Pods).
 */
public final class ConflictingSelectors implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0502", "sidecar-conflicting-selectors", Severity.ERROR,
      Set.of(Kind.SIDECAR), ReadKinds.of(ReadKinds.WORKLOADS, Kind.SIDECAR),
      "A workload is selected by several Sidecars with workloadSelector; which one applies is undefined",
      "Make the Sidecars' selectors select distinct workloads, or merge them into one Sidecar",
      List.of("IST0110", "KIA0003"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource sidecar, RuleContext ctx) {
    Map<String, String> selector = Workload.selectorOf(sidecar);
    if (selector.isEmpty()) {
      return;
    }
    List<Workload> mine = ctx.index().workloadsSelectedBy(sidecar.namespace(), selector);
    List<Resource> rivals = new ArrayList<>();
    List<Workload> shared = new ArrayList<>();
    for (Resource other : Sidecars.others(sidecar, ctx)) {
      Map<String, String> theirs = Workload.selectorOf(other);
      if (theirs.isEmpty()) {
        continue;
      }
      List<Workload> both = mine.stream().filter(w -> w.matches(theirs)).toList();
      if (!both.isEmpty()) {
        rivals.add(other);
        both.stream().filter(w -> !shared.contains(w)).forEach(shared::add);
      }
    }
    if (!rivals.isEmpty()) {
      ctx.report(sidecar, SelectorMatchesNothing.LABELS, "this Sidecar and " + Labels.describeResources(rivals, 3) + " select the same workload ("
          + Labels.describe(shared, 2) + "): which Sidecar its proxy gets is undefined",
          "make the workloadSelectors select distinct workloads, or merge the Sidecars into one");
    }
  }
}
