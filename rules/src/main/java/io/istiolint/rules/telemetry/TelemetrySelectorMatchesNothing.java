package io.istiolint.rules.telemetry;

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
import io.istiolint.schemas.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IL0704: a Telemetry whose {@code selector.matchLabels} match no workload of its namespace, or whose
 * targetRefs name a Service, ServiceEntry, Gateway or GatewayClass that does not exist: it configures
 * nothing. Only judged when the namespace's workloads (or the target kind) were loaded; otherwise counted as
 * unverified. A selector in the root namespace is not mesh-wide: when it matches workloads of other
 * namespaces only, the hint says so.
 */
public final class TelemetrySelectorMatchesNothing implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0704", "telemetry-selector-matches-nothing", Severity.WARNING,
      Set.of(Kind.TELEMETRY), ReadKinds.of(ReadKinds.WORKLOADS, ReadKinds.SERVICES, Kind.NODE),
      "A Telemetry's selector matches no workload, or its targetRefs name nothing that exists",
      "Fix the labels or the targetRef name so that the Telemetry applies to the intended workloads",
      List.of("IST0101"));

  private static final YamlPath MATCH_LABELS = YamlPath.of("spec", "selector", "matchLabels");

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
      Telemetries.targetRefs(target).forEach(ref -> checkTargetRef(target, ref, ctx));
    }
  }

  private static void checkSelector(Resource target, RuleContext ctx) {
    String ns = target.namespace();
    EndpointLabels.Match match = EndpointLabels.selects(ctx.index(), ns, Workload.selectorOf(target));
    if (match == EndpointLabels.Match.YES) {
      return;
    }
    if (match == EndpointLabels.Match.UNKNOWN) {
      ctx.unverified(target, MATCH_LABELS, EndpointLabels.UNKNOWN_REASON);
      return;
    }
    if (!ctx.index().completeness().workloadsComplete(ns)) {
      ctx.unverified(target, MATCH_LABELS, ctx.index().completeness().whyWorkloadsIncomplete(ns));
      return;
    }
    Map<String, String> labels = Workload.selectorOf(target);
    Optional<Workload> elsewhere = ctx.index().workloads().stream()
        .filter(w -> !w.namespace().equals(ns) && w.matches(labels)).findFirst();
    String hint;
    if (elsewhere.isPresent() && ns.equals(ctx.mesh().rootNamespace())) {
      hint = "a selector in the root namespace selects only workloads of `" + ns + "`, not of the whole mesh; it would match "
          + elsewhere.get().source().ref().displayName() + ": put the Telemetry in namespace `" + elsewhere.get().namespace() + "`";
    } else if (elsewhere.isPresent()) {
      hint = "a selector selects only workloads of the Telemetry's own namespace; it would match "
          + elsewhere.get().source().ref().displayName() + ": put the Telemetry in namespace `" + elsewhere.get().namespace() + "`";
    } else {
      hint = "compare the labels with the pod template labels of the workloads in `" + ns + "`";
    }
    ctx.report(target, MATCH_LABELS, "selector " + Telemetries.labels(labels) + " matches no workload in namespace `" + ns
        + "`: this Telemetry configures nothing", hint);
  }

  private static void checkTargetRef(Resource target, Telemetries.TargetRef ref, RuleContext ctx) {
    Optional<Kind> kind = ref.target();
    if (kind.isEmpty() || ref.name().isEmpty()) {
      return; // a kind Istio does not attach Telemetry to: its validation rejects it
    }
    boolean clusterScoped = kind.get().equals(Telemetries.GATEWAY_CLASS);
    String ns = clusterScoped ? "" : target.namespace();
    if (clusterScoped && Telemetries.BUILT_IN_GATEWAY_CLASSES.contains(ref.name())) {
      return;
    }
    if (ctx.index().find(kind.get(), ns, ref.name()).isPresent()) {
      return;
    }
    String where = clusterScoped ? "" : " in namespace `" + ns + "`";
    if (!ctx.index().completeness().isComplete(kind.get(), ns)) {
      ctx.unverified(target, ref.path().field("name"), "no " + plural(ref.kind()) + " loaded" + (clusterScoped ? "" : " for namespace " + ns));
      return;
    }
    List<String> existing = ctx.index().names(kind.get(), ns);
    ctx.report(target, ref.path().field("name"), ref.kind() + " `" + ref.name() + "` does not exist" + where
        + ": this targetRef attaches the Telemetry to nothing",
        Suggestions.didYouMeanClosest(ref.name(), existing).orElse("name an existing " + ref.kind()
            + (clusterScoped ? "" : " of the Telemetry's namespace (targetRefs cannot cross namespaces)")));
  }

  /** {@code ServiceEntry} → {@code ServiceEntries}, {@code Gateway} → {@code Gateways}. */
  private static String plural(String kind) {
    return kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s";
  }
}