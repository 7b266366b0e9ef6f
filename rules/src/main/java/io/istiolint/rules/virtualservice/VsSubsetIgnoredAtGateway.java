package io.istiolint.rules.virtualservice;

import io.istiolint.rules.common.ReadKinds;
import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.graph.RefGraph;
import io.istiolint.graph.RefGraph.Edge;
import io.istiolint.graph.RefGraph.ResourceNode;
import io.istiolint.hosts.Destinations;
import io.istiolint.hosts.HostResolver;
import io.istiolint.hosts.Hosts;
import io.istiolint.hosts.MeshService;
import io.istiolint.index.Workload;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IL0112: a gateway route sends traffic to a host without a subset, while a mesh VirtualService for that host
 * splits its traffic by subset. A VirtualService applies to requests addressed to its hosts at the proxies it is
 * bound to; the gateway forwards straight to the host's endpoints, so gateway traffic skips that split.
 *
 * <p>Narrower than istioctl's IST0140, which compares host strings as written and fires whenever some
 * VirtualService uses a subset of the host: here hosts are resolved, the VirtualService must be bound to the mesh
 * and declare the host, the gateway route must apply at a gateway, and the finding is made only when skipping the
 * split changes where traffic goes: some subset used selects fewer than all the host's workloads. When every
 * subset selects all of them (Bookinfo's productpage with only v1) the split is a no-op and nothing is reported;
 * when the workloads or DestinationRules are not loaded, the reference is counted as unverified.
 */
public final class VsSubsetIgnoredAtGateway implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0112", "vs-subset-ignored-at-gateway", Severity.WARNING,
      Set.of(Kind.VIRTUAL_SERVICE), ReadKinds.of(ReadKinds.WORKLOADS, ReadKinds.SERVICES, Kind.VIRTUAL_SERVICE, Kind.DESTINATION_RULE),
      "Gateway traffic bypasses the subset routing another VirtualService defines for the destination host",
      "Name the subset(s) in the gateway route as well: a mesh VirtualService does not apply to traffic a gateway forwards",
      List.of("IST0140"));

  private enum Effect { CHANGES_ROUTING, NO_EFFECT, CANNOT_TELL, UNVERIFIED }

  private record Judgement(Effect effect, String reason) {}

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    Set<String> gateways = RouteShadowing.gateways(target.spec().path("gateways"), target.namespace(), Set.of());
    gateways.remove("mesh");
    if (gateways.isEmpty() || Json.items(target.spec().path("hosts")).isEmpty()) {
      return; // bound to the mesh only, or a delegate (whose own gateways Istio ignores)
    }
    for (String section : RouteShadowing.SECTIONS) {
      List<JsonNode> routes = Json.items(target.spec().path(section));
      for (int i = 0; i < routes.size(); i++) {
        if (!appliesAtGateway(routes.get(i), gateways, target.namespace())) {
          continue;
        }
        List<JsonNode> destinations = Json.items(routes.get(i).path("route"));
        for (int j = 0; j < destinations.size(); j++) {
          JsonNode d = destinations.get(j).path("destination");
          String host = Json.text(d.path("host"), "");
          if (host.isEmpty() || !Json.text(d.path("subset"), "").isEmpty()) {
            continue;
          }
          check(target, ctx, host, YamlPath.of("spec", section, i, "route", j, "destination"));
        }
      }
    }
  }

  private void check(Resource target, RuleContext ctx, String host, YamlPath at) {
    HostResolver.Lookup lookup = ctx.hosts().lookup(host, target.namespace());
    if (lookup.status() != HostResolver.Status.FOUND) {
      return; // an unresolved host is IL0101's
    }
    String fqdn = lookup.fqdn();
    List<String> bypassed = new ArrayList<>();
    String example = null;
    String unverified = null;
    for (Resource split : splitting(ctx, target, fqdn)) {
      Set<String> subsets = subsets(ctx, split, fqdn);
      Judgement j = judge(ctx, lookup, split, subsets);
      if (j.effect() == Effect.CHANGES_ROUTING) {
        bypassed.add("VirtualService " + split.namespace() + "/" + split.name() + " (subset " + String.join(", ", subsets) + ")");
        example = example == null ? subsets.iterator().next() : example;
      } else if (j.effect() == Effect.UNVERIFIED) {
        unverified = j.reason();
      }
    }
    if (!bypassed.isEmpty()) {
      ctx.report(target, at, "gateway traffic routed here reaches every workload of " + fqdn + ", bypassing the subset routing of "
              + String.join(" and ", bypassed) + ", which applies only to requests addressed to " + fqdn,
          "name the subset here too (e.g. `subset: " + example + "`), splitting gateway traffic the way mesh traffic is split");
    } else if (unverified != null) {
      ctx.unverified(target, at, unverified);
    }
  }

  /** A route applies at a gateway unless all its matches are restricted to {@code mesh} or other gateways. */
  private static boolean appliesAtGateway(JsonNode route, Set<String> gateways, String namespace) {
    List<JsonNode> matches = Json.items(route.path("match"));
    if (matches.isEmpty()) {
      return route.isObject();
    }
    for (JsonNode m : matches) {
      Set<String> own = RouteShadowing.gateways(m.path("gateways"), namespace, gateways);
      own.retainAll(gateways);
      if (!own.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The other VirtualServices bound to the mesh that declare {@code fqdn} among their hosts and route it by subset,
   * found through the graph's route edges into the host.
   */
  private static List<Resource> splitting(RuleContext ctx, Resource target, String fqdn) {
    Set<Resource> found = new LinkedHashSet<>();
    for (Edge e : ctx.graph().incoming(new RefGraph.TargetNode("host", fqdn))) {
      if (!e.relation().equals("route") || !(e.source() instanceof ResourceNode source) || source.ref().equals(target.ref())) {
        continue;
      }
      Optional<Resource> vs = ctx.index().find(Kind.VIRTUAL_SERVICE, source.ref().namespace(), source.ref().name());
      if (vs.isEmpty() || !RouteShadowing.gateways(vs.get().spec().path("gateways"), vs.get().namespace(), Set.of()).contains("mesh")) {
        continue;
      }
      boolean declares = Json.items(vs.get().spec().path("hosts")).stream()
          .anyMatch(h -> h.isString() && Hosts.covers(ctx.hosts().fqdn(h.asString(""), vs.get().namespace()), fqdn));
      if (declares && !subsets(ctx, vs.get(), fqdn).isEmpty()) {
        found.add(vs.get());
      }
    }
    return List.copyOf(found);
  }

  private static Set<String> subsets(RuleContext ctx, Resource vs, String fqdn) {
    Set<String> subsets = new LinkedHashSet<>();
    for (Destinations.Destination d : Destinations.of(vs)) {
      if (!d.mirror() && d.subset() != null && ctx.hosts().fqdn(d.host(), vs.namespace()).equals(fqdn)) {
        subsets.add(d.subset());
      }
    }
    return subsets;
  }

  /** Whether routing to these subsets sends traffic somewhere else than routing to the whole host would. */
  private static Judgement judge(RuleContext ctx, HostResolver.Lookup lookup, Resource split, Set<String> subsets) {
    List<Workload> workloads = new ArrayList<>();
    for (MeshService s : lookup.matches()) {
      if (s.selector().isEmpty()) {
        return new Judgement(Effect.CANNOT_TELL, null); // endpoints not chosen by labels
      }
      if (!ctx.index().completeness().workloadsComplete(s.namespace())) {
        return new Judgement(Effect.UNVERIFIED, ctx.index().completeness().whyWorkloadsIncomplete(s.namespace()));
      }
      workloads.addAll(ctx.index().workloadsSelectedBy(s.namespace(), s.selector()));
    }
    List<Resource> rules = ctx.hosts().destinationRules(lookup.fqdn(), split.namespace());
    Judgement outcome = new Judgement(Effect.NO_EFFECT, null);
    for (String subset : subsets) {
      Optional<Map<String, String>> labels = subsetLabels(rules, subset);
      if (labels.isPresent() && workloads.stream().anyMatch(w -> !w.matches(labels.get()))) {
        return new Judgement(Effect.CHANGES_ROUTING, null);
      }
      if (labels.isEmpty() && !ctx.hosts().destinationRulesComplete(lookup.fqdn(), split.namespace())) {
        outcome = new Judgement(Effect.UNVERIFIED, "no DestinationRules loaded for " + lookup.fqdn());
      } else if (labels.isEmpty() && outcome.effect() == Effect.NO_EFFECT) {
        outcome = new Judgement(Effect.CANNOT_TELL, null); // an undefined subset is IL0102's
      }
    }
    return outcome;
  }

  private static Optional<Map<String, String>> subsetLabels(List<Resource> rules, String subset) {
    for (Resource dr : rules) {
      for (JsonNode s : Json.items(dr.spec().path("subsets"))) {
        if (subset.equals(Json.text(s.path("name"), null))) {
          return Optional.of(Json.stringMap(s.path("labels")));
        }
      }
    }
    return Optional.empty();
  }
}
