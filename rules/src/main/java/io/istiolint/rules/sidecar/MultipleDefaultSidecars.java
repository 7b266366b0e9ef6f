package io.istiolint.rules.sidecar;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.index.Workload;
import io.istiolint.model.Resource;
import io.istiolint.rules.common.Labels;
import java.util.List;
import java.util.Set;

/**
 * IL0503: more than one Sidecar without workloadSelector in a namespace (an empty selector counts as none);
 * which one the namespace's workloads get is undefined. Reported on each of them.
 */
public final class MultipleDefaultSidecars implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0503", "sidecar-multiple-default", Severity.ERROR,
      Set.of(Kind.SIDECAR), Set.of(Kind.SIDECAR),
      "More than one Sidecar without workloadSelector in a namespace; which one applies is undefined",
      "Keep one namespace-wide Sidecar per namespace: merge them, or give the others a workloadSelector",
      List.of("IST0111", "KIA0002"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource sidecar, RuleContext ctx) {
    if (!Workload.selectorOf(sidecar).isEmpty()) {
      return;
    }
    List<Resource> rivals = Sidecars.others(sidecar, ctx).stream().filter(s -> Workload.selectorOf(s).isEmpty()).toList();
    if (rivals.isEmpty()) {
      return;
    }
    YamlPath at = sidecar.spec().has("workloadSelector") ? YamlPath.of("spec", "workloadSelector").key() : YamlPath.of("metadata", "name");
    ctx.report(sidecar, at, "namespace " + sidecar.namespace() + " has other Sidecars without workloadSelector ("
        + Labels.describeResources(rivals, 3) + "): which one its workloads get is undefined",
        "keep one namespace-wide Sidecar in " + sidecar.namespace() + ": merge them, or give the others a workloadSelector");
  }
}
