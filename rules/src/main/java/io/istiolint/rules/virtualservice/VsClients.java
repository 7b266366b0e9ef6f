package io.istiolint.rules.virtualservice;

import io.istiolint.api.RuleContext;
import io.istiolint.graph.RefGraph;
import io.istiolint.hosts.Clients;
import io.istiolint.hosts.HostResolver;
import io.istiolint.hosts.MeshService;
import io.istiolint.model.Resource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The client namespaces of a VirtualService ({@link Clients}), with gateway workloads read from the graph. */
final class VsClients {

  private VsClients() {}

  /**
   * The services a resolved destination reaches: those visible from the VirtualService's namespace, else those
   * hidden from it but visible to another of its clients (IL0101 accepts those too).
   */
  static List<MeshService> services(HostResolver.Lookup lookup, Resource vs, RuleContext ctx) {
    if (!lookup.matches().isEmpty() || lookup.hidden().isEmpty()) {
      return lookup.matches();
    }
    Set<String> clients = of(vs, ctx);
    return lookup.hidden().stream().filter(s -> clients.stream().anyMatch(s::visibleFrom)).toList();
  }

  static Set<String> of(Resource vs, RuleContext ctx) {
    return Clients.namespaces(vs, ctx.index(), ctx.mesh(), gw -> {
      Set<String> namespaces = new LinkedHashSet<>();
      for (RefGraph.Edge e : ctx.graph().outgoing(RefGraph.node(gw))) {
        if (e.relation().equals("selects") && e.target() instanceof RefGraph.ResourceNode target) {
          namespaces.add(target.ref().namespace());
        }
      }
      return namespaces;
    });
  }
}
