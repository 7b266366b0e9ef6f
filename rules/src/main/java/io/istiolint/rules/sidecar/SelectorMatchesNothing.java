package io.istiolint.rules.sidecar;

import io.istiolint.rules.common.ReadKinds;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.index.EndpointLabels;
import io.istiolint.index.Workload;
import io.istiolint.model.Resource;
import io.istiolint.rules.common.Labels;
import io.istiolint.schemas.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IL0501: a Sidecar's workloadSelector matches no workload of its namespace, so it configures no proxy.
 * Workloads are Pods, the pod templates of controllers (a repository holds Deployments, not Pods: istioctl's
 * IST0101 only looks at Pods) and WorkloadEntries; unverified when the namespace's workloads are not loaded.
 */
public final class SelectorMatchesNothing implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0501", "sidecar-selector-matches-nothing", Severity.ERROR,
      Set.of(Kind.SIDECAR), ReadKinds.of(ReadKinds.WORKLOADS, Kind.NODE),
      "The Sidecar's workloadSelector matches no workload in its namespace",
      "Correct the selector's labels to those of the workloads it is meant for (in the Sidecar's namespace)",
      List.of("IST0101", "KIA0004"));

  static final YamlPath LABELS = YamlPath.of("spec", "workloadSelector", "labels");

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
    EndpointLabels.Match match = EndpointLabels.selects(ctx.index(), sidecar.namespace(), selector);
    if (match == EndpointLabels.Match.YES) {
      return;
    }
    if (match == EndpointLabels.Match.UNKNOWN) {
      ctx.unverified(sidecar, LABELS, EndpointLabels.UNKNOWN_REASON);
      return;
    }
    if (!ctx.index().completeness().workloadsComplete(sidecar.namespace())) {
      ctx.unverified(sidecar, LABELS, ctx.index().completeness().whyWorkloadsIncomplete(sidecar.namespace()));
      return;
    }
    List<Workload> all = ctx.index().workloadsIn(sidecar.namespace());
    String hint = Labels.closestLabel(selector, all).map(Suggestions::didYouMean)
        .orElse("use the labels of the workloads this Sidecar is for; a Sidecar only selects workloads of its own namespace");
    ctx.report(sidecar, LABELS, "workloadSelector " + Labels.format(selector) + " matches no workload in namespace " + sidecar.namespace()
        + ": this Sidecar configures no proxy", hint);
  }
}
