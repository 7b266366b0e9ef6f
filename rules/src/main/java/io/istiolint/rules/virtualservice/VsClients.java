package io.istiolint.rules.virtualservice;

import io.istiolint.api.Kind;
import io.istiolint.api.RuleContext;
import io.istiolint.graph.RefGraph;
import io.istiolint.hosts.Clients;
import io.istiolint.hosts.HostResolver;
import io.istiolint.hosts.MeshService;
import io.istiolint.index.Workload;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.rules.common.SidecarImports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Who uses a VirtualService ({@link Clients}), with gateway workloads read from the graph. */
final class VsClients {

  private VsClients() {}

  /** The services that serve a destination's host, visible or not from the VirtualService's namespace. */
  static List<MeshService> candidates(HostResolver.Lookup lookup) {
    List<MeshService> all = new ArrayList<>(lookup.matches());
    all.addAll(lookup.hidden());
    return all;
  }

  /** The services a resolved destination reaches: those visible from some namespace that uses the route. */
  static List<MeshService> services(HostResolver.Lookup lookup, Resource vs, RuleContext ctx) {
    Set<String> clients = of(vs, ctx);
    return candidates(lookup).stream().filter(s -> clients.stream().anyMatch(s::visibleFrom)).toList();
  }

  /** The namespaces to judge the VirtualService's destinations from ({@link Clients#namespaces}). */
  static Set<String> of(Resource vs, RuleContext ctx) {
    return Clients.namespaces(vs, ctx.index(), ctx.mesh(), gw -> gatewayNamespaces(gw, ctx));
  }

  /**
   * Who uses the VirtualService ({@link Clients#users}), less the sidecars of namespaces whose namespace-wide Sidecar
   * imports none of its hosts: istiod gives a sidecar only the VirtualServices its egress hosts name.
   */
  static Clients.Users users(Resource vs, RuleContext ctx) {
    Clients.Users users = Clients.users(vs, ctx.index(), ctx.mesh(), gw -> gatewayNamespaces(gw, ctx), gw -> gatewayWorkloadsKnown(gw, ctx));
    List<String> hosts = Json.items(vs.spec().path("hosts")).stream().map(h -> Json.text(h, "")).filter(h -> !h.isEmpty())
        .map(h -> ctx.hosts().fqdn(h, vs.namespace())).toList();
    Map<String, String> known = new LinkedHashMap<>(users.known());
    known.entrySet().removeIf(u -> u.getValue().equals(Clients.SIDECARS)
        && SidecarImports.excludingAll(u.getKey(), vs.namespace(), hosts, ctx).isPresent());
    return new Clients.Users(known, users.unknownGateways(), users.scopes());
  }

  /** The namespaces of the loaded workloads a Gateway selects. */
  static Set<String> gatewayNamespaces(Resource gw, RuleContext ctx) {
    Set<String> namespaces = new LinkedHashSet<>();
    for (RefGraph.Edge e : ctx.graph().outgoing(RefGraph.node(gw))) {
      if (e.relation().equals("selects") && e.target() instanceof RefGraph.ResourceNode target) {
        namespaces.add(target.ref().namespace());
      }
    }
    return namespaces;
  }

  /**
   * True when every pod the Gateway may select is loaded: its selector is not empty (an empty one picks gateway
   * pods that cannot be told from others), every namespace's workloads are known and no IstioOperator installs more.
   */
  static boolean gatewayWorkloadsKnown(Resource gw, RuleContext ctx) {
    return !Workload.selectorOf(gw).isEmpty() && ctx.index().completeness().workloadsCompleteEverywhere()
        && ctx.index().ofKind(Kind.ISTIO_OPERATOR).isEmpty();
  }
}
