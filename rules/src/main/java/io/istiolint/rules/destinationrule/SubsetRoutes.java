package io.istiolint.rules.destinationrule;

import io.istiolint.api.Kind;
import io.istiolint.api.RuleContext;
import io.istiolint.api.YamlPath;
import io.istiolint.graph.RefGraph;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The VirtualService destinations that name a subset, read from the reference graph. */
final class SubsetRoutes {

  /**
   * One destination naming the subset.
   *
   * @param destination the {@code destination} (or {@code mirror}) object
   */
  record Route(Resource virtualService, YamlPath destination, boolean mirror) {
    String describe() {
      return virtualService.ref().displayName() + (mirror ? " mirrors to it at " : " routes to it at ") + destination;
    }
  }

  private SubsetRoutes() {}

  /** Every VirtualService destination naming subset {@code subset} of host {@code fqdn}, in graph order. */
  static List<Route> to(String fqdn, String subset, RuleContext ctx) {
    List<Route> routes = new ArrayList<>();
    for (RefGraph.Edge e : ctx.graph().incoming(new RefGraph.TargetNode("subset", fqdn + "/" + subset))) {
      if (!e.relation().equals("subset") || e.path() == null || !(e.source() instanceof RefGraph.ResourceNode node)
          || !node.ref().kindRef().equals(Kind.VIRTUAL_SERVICE)) {
        continue;
      }
      Optional<Resource> vs = ctx.index().find(Kind.VIRTUAL_SERVICE, node.ref().namespace(), node.ref().name());
      boolean mirror = e.path().contains("mirror") || e.path().contains("mirrors");
      vs.ifPresent(v -> routes.add(new Route(v, e.path().parent(), mirror)));
    }
    routes.sort((a, b) -> {
      int c = a.virtualService().ref().displayName().compareTo(b.virtualService().ref().displayName());
      return c != 0 ? c : a.destination().compareTo(b.destination());
    });
    return routes;
  }

  /**
   * True when clients in {@code clientNamespace} get their subsets for {@code fqdn} from {@code dr}: it is
   * visible there, and no rule of the client's own namespace takes precedence (Istio looks in the client's
   * namespace first, then the service's, then the root namespace).
   */
  static boolean usesRule(Resource dr, String fqdn, String clientNamespace, RuleContext ctx) {
    List<Resource> visible = ctx.hosts().destinationRules(fqdn, clientNamespace);
    if (visible.stream().noneMatch(r -> r == dr)) {
      return false;
    }
    return dr.namespace().equals(clientNamespace) || visible.stream().noneMatch(r -> r.namespace().equals(clientNamespace));
  }
}
