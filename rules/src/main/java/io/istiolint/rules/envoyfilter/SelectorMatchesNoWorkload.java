package io.istiolint.rules.envoyfilter;

import io.istiolint.rules.common.ReadKinds;
import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.index.EndpointLabels;
import io.istiolint.index.Workload;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.rules.common.Labels;
import io.istiolint.schemas.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IL0605: the EnvoyFilter selects nothing, so it patches no proxy. {@code workloadSelector.labels} is matched
 * against the workloads of the filter's namespace — of every namespace for a filter in the root namespace, as
 * istiod does; {@code targetRefs} must name a Gateway (Gateway API), Service or ServiceEntry of the filter's
 * namespace. Where the inputs do not hold every workload (or target) of that scope, the reference is counted as
 * unverified rather than reported.
 */
public final class SelectorMatchesNoWorkload implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0605", "ef-selector-matches-no-workload", Severity.WARNING,
      Set.of(Kind.ENVOY_FILTER), ReadKinds.of(ReadKinds.WORKLOADS, ReadKinds.SERVICES, Kind.NODE),
      "An EnvoyFilter's workloadSelector matches no workload, or a targetRef names nothing that exists",
      "Fix the labels or the target name, or remove the EnvoyFilter if its workloads are gone",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    checkSelector(target, ctx);
    List<JsonNode> refs = Json.items(target.spec().path("targetRefs"));
    for (int i = 0; i < refs.size(); i++) {
      checkTargetRef(target, ctx, refs.get(i), YamlPath.of("spec", "targetRefs", i, "name"));
    }
  }

  private static void checkSelector(Resource target, RuleContext ctx) {
    Map<String, String> labels = Workload.selectorOf(target);
    if (labels.isEmpty()) {
      return;
    }
    YamlPath at = YamlPath.of("spec", "workloadSelector", "labels");
    boolean meshWide = target.namespace().equals(ctx.mesh().rootNamespace());
    List<Workload> candidates = meshWide ? ctx.index().workloads()
        : ctx.index().workloadsIn(target.namespace());
    EndpointLabels.Match match = EndpointLabels.any(ctx.index(), candidates, labels);
    if (match == EndpointLabels.Match.YES) {
      return;
    }
    if (match == EndpointLabels.Match.UNKNOWN) {
      ctx.unverified(target, at, EndpointLabels.UNKNOWN_REASON);
      return;
    }
    boolean complete = meshWide ? ctx.index().completeness().workloadsCompleteEverywhere() : ctx.index().completeness().workloadsComplete(target.namespace());
    if (!complete) {
      ctx.unverified(target, at, meshWide ? ctx.index().completeness().whyWorkloadsIncompleteSomewhere("not every namespace's workloads loaded"
          + " (an EnvoyFilter in " + ctx.mesh().rootNamespace() + " selects across the mesh)") : ctx.index().completeness().whyWorkloadsIncomplete(target.namespace()));
      return;
    }
    String selector = Labels.formatCompact(labels);
    String scope = meshWide ? "any namespace" : "namespace " + target.namespace();
    ctx.report(target, at, "workloadSelector " + selector + " matches no workload in " + scope + ": this EnvoyFilter patches no proxy",
        hint(labels, candidates));
  }

  private static String hint(Map<String, String> labels, List<Workload> candidates) {
    for (Map.Entry<String, String> e : labels.entrySet()) {
      Set<String> values = candidates.stream().map(w -> w.labels().get(e.getKey())).filter(v -> v != null)
          .collect(Collectors.toSet());
      if (!values.contains(e.getValue())) {
        Optional<String> close = Suggestions.closest(e.getValue(), values);
        if (close.isPresent()) {
          return "did you mean " + e.getKey() + "=" + close.get() + "?";
        }
      }
    }
    return "select the labels of a workload's pods (their template's metadata.labels), or remove the EnvoyFilter";
  }

  private static void checkTargetRef(Resource target, RuleContext ctx, JsonNode ref, YamlPath at) {
    String kind = Json.text(ref.path("kind"), "");
    String group = Json.text(ref.path("group"), "");
    String name = Json.text(ref.path("name"), "");
    Kind k;
    if (kind.equals("Gateway") && group.equals(Kind.KUBERNETES_GATEWAY.group())) {
      k = Kind.KUBERNETES_GATEWAY;
    } else if (kind.equals("Service") && (group.isEmpty() || group.equals("core"))) {
      k = Kind.SERVICE;
    } else if (kind.equals("ServiceEntry") && group.equals(Kind.SERVICE_ENTRY.group())) {
      k = Kind.SERVICE_ENTRY;
    } else {
      return;
    }
    if (name.isEmpty() || ctx.index().find(k, target.namespace(), name).isPresent()) {
      return;
    }
    if (!ctx.index().completeness().isComplete(k, target.namespace())) {
      ctx.unverified(target, at, ctx.index().completeness().whyIncomplete(k, target.namespace()));
      return;
    }
    List<String> names = ctx.index().names(k, target.namespace());
    ctx.report(target, at, "targetRefs names " + kind + " " + target.namespace() + "/" + name
            + ", which does not exist: this EnvoyFilter patches no proxy",
        Suggestions.didYouMeanClosest(name, names).orElse("name a " + kind + " of namespace " + target.namespace()));
  }
}
