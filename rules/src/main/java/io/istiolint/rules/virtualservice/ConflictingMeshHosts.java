package io.istiolint.rules.virtualservice;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.graph.RefGraph;
import io.istiolint.hosts.ExportTo;
import io.istiolint.hosts.GatewayRefs;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * IL0107: two VirtualServices bound to the mesh (no {@code gateways}, or {@code mesh} among them) define the same
 * host and are visible in a common namespace. Sidecars take one VirtualService per host for HTTP, so the other
 * one's HTTP routes are silently dropped (gateways merge VirtualServices, sidecars do not). TLS and TCP routes are
 * different: istiod builds a sidecar's TLS and TCP filter chains from every VirtualService of the host, so only two
 * VirtualServices that both give sidecars HTTP routes conflict (an HTTP one and a TLS one for the same host, as in
 * Istio's egress tasks, are fine; istioctl's IST0109 reports them). Hosts are compared as FQDNs
 * ({@code ratings} in foo equals {@code ratings.foo.svc.cluster.local} written elsewhere); a wildcard and a name
 * it covers do not conflict (the most specific wins). Visibility is each VirtualService's exportTo, or the mesh
 * default. For the proxies of one namespace istiod orders VirtualServices by how they are exported — those
 * exported only to their own namespace first, then those exported to a list naming it, then those exported
 * everywhere — and takes the first for a host: only two of the same rank leave the choice to creation time.
 * So a namespace-local override ({@code exportTo: ["."]}) of a mesh-wide VirtualService is not a conflict,
 * although istioctl's IST0109 reports it. Reported on every VirtualService involved, at the host, naming the others. Unlike Kiali (KIA1106),
 * gateway bindings are not compared as raw strings and only mesh bindings count: several VirtualServices for
 * one host on a Gateway are merged by istiod and are fine. The same object given twice is IL0005's finding.
 */
public final class ConflictingMeshHosts implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0107", "vs-conflicting-mesh-hosts", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE), Set.of(Kind.VIRTUAL_SERVICE, Kind.DESTINATION_RULE),
      "Several VirtualServices bound to the mesh define the same host for the same namespaces",
      "Merge the routes into one VirtualService per host, or give them exportTo lists that do not overlap",
      List.of("IST0109", "KIA1106"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    if (!GatewayRefs.appliesToMesh(target) || !routesHttpForSidecars(target)) {
      return;
    }
    List<JsonNode> hosts = Json.items(target.spec().path("hosts"));
    for (int i = 0; i < hosts.size(); i++) {
      String host = Json.text(hosts.get(i), "");
      if (host.isEmpty()) {
        continue;
      }
      String fqdn = ctx.hosts().fqdn(host, target.namespace());
      Set<String> others = new TreeSet<>();
      for (RefGraph.Edge e : ctx.graph().incoming(new RefGraph.TargetNode("host", fqdn))) {
        if (!e.relation().equals("host") || !(e.source() instanceof RefGraph.ResourceNode source)
            || !source.ref().kindRef().equals(Kind.VIRTUAL_SERVICE)
            || (source.ref().namespace().equals(target.namespace()) && source.ref().name().equals(target.name()))) {
          continue;
        }
        ctx.index().find(Kind.VIRTUAL_SERVICE, source.ref().namespace(), source.ref().name())
            .filter(GatewayRefs::appliesToMesh)
            .filter(ConflictingMeshHosts::routesHttpForSidecars)
            .filter(other -> sameRankSomewhere(target, other, ctx))
            .ifPresent(other -> others.add(other.namespace() + "/" + other.name()));
      }
      if (!others.isEmpty()) {
        ctx.report(target, YamlPath.of("spec", "hosts", i), "host `" + fqdn + "` is also defined for the mesh by VirtualService "
                + String.join(", ", others) + " in overlapping namespaces: sidecars take the HTTP routes of one VirtualService per host and ignore the others",
            "merge the routes for `" + host + "` into one VirtualService, or export them to different namespaces");
      }
    }
  }

  /**
   * True when some {@code http} route of a mesh-bound VirtualService reaches sidecars: it has no match, or a match
   * without {@code gateways}, or one whose {@code gateways} name {@code mesh} (istiod drops the others for sidecars).
   */
  private static boolean routesHttpForSidecars(Resource vs) {
    for (JsonNode route : Json.items(vs.spec().path("http"))) {
      List<JsonNode> matches = Json.items(route.path("match"));
      if (matches.isEmpty()) {
        return true;
      }
      for (JsonNode match : matches) {
        List<String> gateways = GatewayRefs.names(match.path("gateways"));
        if (gateways.isEmpty() || gateways.contains(GatewayRefs.MESH)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Set<String> scopes(Resource vs, RuleContext ctx) {
    return ExportTo.scopesOf(vs, ctx.mesh().defaultVirtualServiceExportTo());
  }

  /** True when some namespace sees both VirtualServices at the same precedence rank. */
  private static boolean sameRankSomewhere(Resource a, Resource b, RuleContext ctx) {
    Set<String> scopesA = scopes(a, ctx);
    Set<String> scopesB = scopes(b, ctx);
    if (scopesA.contains(ExportTo.ALL) && scopesB.contains(ExportTo.ALL)) {
      return true;
    }
    Set<String> namespaces = new TreeSet<>(scopesA);
    namespaces.addAll(scopesB);
    namespaces.remove(ExportTo.ALL);
    return namespaces.stream().anyMatch(ns -> {
      int rank = rank(a, scopesA, ns);
      return rank >= 0 && rank == rank(b, scopesB, ns);
    });
  }

  /**
   * istiod's precedence of {@code vs} for the proxies of {@code namespace}: 0 exported only to its own namespace,
   * 1 exported to a list naming it, 2 exported everywhere; -1 when not visible there.
   */
  private static int rank(Resource vs, Set<String> scopes, String namespace) {
    if (scopes.contains(ExportTo.ALL)) {
      return 2;
    }
    if (!scopes.contains(namespace)) {
      return -1;
    }
    return scopes.equals(Set.of(vs.namespace())) ? 0 : 1;
  }
}
