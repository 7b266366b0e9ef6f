package io.istiolint.rules.virtualservice;

import io.istiolint.api.Kind;
import io.istiolint.api.RuleContext;
import io.istiolint.graph.RefGraph;
import io.istiolint.hosts.Clients;
import io.istiolint.hosts.HostResolver;
import io.istiolint.hosts.MeshService;
import io.istiolint.index.Workload;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

  static Clients.Users users(Resource vs, RuleContext ctx) {
    return Clients.users(vs, ctx.index(), ctx.mesh(), gw -> gatewayNamespaces(gw, ctx), gw -> gatewayWorkloadsKnown(gw, ctx));
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
