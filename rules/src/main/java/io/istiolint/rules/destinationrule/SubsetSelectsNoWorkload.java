package io.istiolint.rules.destinationrule;

import io.istiolint.rules.common.ReadKinds;
import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.HostResolver;
import io.istiolint.hosts.Hosts;
import io.istiolint.hosts.MeshService;
import io.istiolint.index.EndpointLabels;
import io.istiolint.index.Workload;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.rules.common.Labels;
import io.istiolint.schemas.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IL0202: a VirtualService routes to a subset whose labels, together with the service's selector (a Service
 * selector or a ServiceEntry workloadSelector), select no workload — Pods, pod templates of controllers, or
 * WorkloadEntries — so those requests fail with 503 (no healthy upstream).
 *
 * <p>Unlike istioctl (IST0173), which reports every subset without Pods, a subset is only reported when a
 * VirtualService in the inputs sends traffic to it: DestinationRules commonly declare subsets for versions
 * that are deployed later or elsewhere (Istio's Bookinfo ships {@code v2-mysql} and {@code v2-mysql-vm}
 * subsets whose Deployments live in separate files), and an unused subset breaks nothing. This follows
 * Kiali's split (KIA0203 is an error only when routed to), but matches workloads the way Istio does: the
 * Service selector merged with the subset labels, within the service's namespace.
 */
public final class SubsetSelectsNoWorkload implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0202", "dr-subset-selects-no-workload", Severity.ERROR,
      Set.of(Kind.DESTINATION_RULE), ReadKinds.of(ReadKinds.WORKLOADS, ReadKinds.SERVICES, Kind.VIRTUAL_SERVICE, Kind.NODE),
      "A VirtualService routes to a subset whose labels select no workload of the host",
      "Correct the subset's labels to those of the workloads, deploy the workload the subset names, or stop routing to it",
      List.of("IST0173", "KIA0203"));

  private enum Selection { SELECTS, NONE, UNKNOWN }

  private record Outcome(Selection selection, String reason, Map<String, String> selector, List<Workload> candidates) {}

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource dr, RuleContext ctx) {
    String host = Json.text(dr.spec().path("host"), "");
    List<JsonNode> subsets = Json.items(dr.spec().path("subsets"));
    if (host.isEmpty() || Hosts.isWildcard(host) || subsets.isEmpty()) {
      return;
    }
    HostResolver.Lookup lookup = ctx.hosts().lookup(host, dr.namespace());
    if (lookup.status() != HostResolver.Status.FOUND) {
      return;
    }
    for (int i = 0; i < subsets.size(); i++) {
      JsonNode subset = subsets.get(i);
      String name = Json.text(subset.path("name"), "");
      if (name.isEmpty()) {
        continue;
      }
      List<SubsetRoutes.Route> routes = SubsetRoutes.to(lookup.fqdn(), name, ctx).stream()
          .filter(r -> SubsetRoutes.usesRule(dr, lookup.fqdn(), r.virtualService().namespace(), ctx)).toList();
      if (routes.isEmpty()) {
        continue;
      }
      YamlPath at = subset.path("labels").isObject() ? YamlPath.of("spec", "subsets", i, "labels") : YamlPath.of("spec", "subsets", i, "name");
      Outcome outcome = select(lookup.matches(), Json.stringMap(subset.path("labels")), ctx);
      if (outcome.selection() == Selection.UNKNOWN) {
        ctx.unverified(dr, at, outcome.reason());
      } else if (outcome.selection() == Selection.NONE) {
        report(dr, at, name, lookup.fqdn(), outcome, routes, ctx);
      }
    }
  }

  private static void report(Resource dr, YamlPath at, String name, String fqdn, Outcome outcome, List<SubsetRoutes.Route> routes,
      RuleContext ctx) {
    String more = routes.size() > 1 ? " (and " + (routes.size() - 1) + " more)" : "";
    String message = "subset `" + name + "` selects no workload of " + fqdn + " (none has the labels " + Labels.format(outcome.selector())
        + "), yet " + routes.get(0).describe() + more + ": that traffic fails with 503 (no healthy upstream)";
    Optional<String> close = Labels.closestLabel(outcome.selector(), outcome.candidates());
    String hint = close.map(Suggestions::didYouMean)
        .orElse("correct the subset's labels, deploy a workload with labels " + Labels.format(outcome.selector()) + ", or route elsewhere");
    ctx.report(dr, at, message, hint);
  }

  /** Whether the subset selects a workload of any of the services behind the host. */
  private static Outcome select(List<MeshService> services, Map<String, String> labels, RuleContext ctx) {
    Outcome none = null;
    String unknown = null;
    for (MeshService s : services) {
      Outcome o = select(s, labels, ctx);
      if (o == null || o.selection() == Selection.SELECTS) {
        return new Outcome(Selection.SELECTS, null, Map.of(), List.of());
      }
      if (o.selection() == Selection.UNKNOWN) {
        unknown = o.reason();
      } else if (none == null) {
        none = o;
      }
    }
    if (unknown != null) {
      return new Outcome(Selection.UNKNOWN, unknown, Map.of(), List.of());
    }
    return none == null ? new Outcome(Selection.SELECTS, null, Map.of(), List.of()) : none;
  }

  /** One service; null when Istio's endpoint selection for it cannot be judged from configuration. */
  private static Outcome select(MeshService s, Map<String, String> labels, RuleContext ctx) {
    Map<String, String> selector = new LinkedHashMap<>(s.selector());
    selector.putAll(labels);
    if (!s.selector().isEmpty()) {
      if (!ctx.index().completeness().workloadsComplete(s.namespace())) {
        return new Outcome(Selection.UNKNOWN, ctx.index().completeness().whyWorkloadsIncomplete(s.namespace()), selector, List.of());
      }
      EndpointLabels.Match match = EndpointLabels.selects(ctx.index(), s.namespace(), selector);
      if (match == EndpointLabels.Match.YES) {
        return new Outcome(Selection.SELECTS, null, selector, List.of());
      }
      if (match == EndpointLabels.Match.UNKNOWN) {
        return new Outcome(Selection.UNKNOWN, EndpointLabels.UNKNOWN_REASON, selector, List.of());
      }
      return new Outcome(Selection.NONE, null, selector, ctx.index().workloadsSelectedBy(s.namespace(), s.selector()));
    }
    if (!s.isServiceEntry()) {
      // A Service without selector gets its endpoints from outside the configuration (Endpoints objects).
      return null;
    }
    List<JsonNode> endpoints = Json.items(s.source().spec().path("endpoints"));
    if (endpoints.isEmpty()) {
      // DNS names or passthrough: no endpoint labels to select from.
      return null;
    }
    List<Workload> asWorkloads = new ArrayList<>();
    for (JsonNode e : endpoints) {
      asWorkloads.add(new Workload(s.source(), s.namespace(), Json.stringMap(e.path("labels")), e));
    }
    return switch (EndpointLabels.any(ctx.index(), asWorkloads, labels)) {
      case YES -> new Outcome(Selection.SELECTS, null, labels, asWorkloads);
      case UNKNOWN -> new Outcome(Selection.UNKNOWN, EndpointLabels.UNKNOWN_REASON, labels, asWorkloads);
      case NO -> new Outcome(Selection.NONE, null, labels, asWorkloads);
    };
  }
}
