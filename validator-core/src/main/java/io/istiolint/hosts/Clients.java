package io.istiolint.hosts;

import io.istiolint.index.Index;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Resource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The namespaces of the proxies that use a VirtualService's routes, which decide what its destinations can see
 * (exportTo) and which DestinationRule applies. istiod indexes a VirtualService only for the namespaces its
 * {@code exportTo} names (push_context.go, initVirtualServices), and a proxy reads the index of its own namespace
 * and the public entries (VirtualServicesForGateway, for sidecars with the gateway {@code mesh}): so the users are,
 * for the mesh, the sidecars of the namespaces it is exported to (the VirtualService's own only when exported
 * there; for {@code *} its own namespace stands for all), and for each Gateway it binds to, the gateway pods of
 * the namespaces it is exported to.
 */
public final class Clients {

  /** How {@link Users#known} names the sidecars of a namespace. */
  public static final String SIDECARS = "its sidecars";

  private Clients() {}

  /**
   * Who uses a VirtualService.
   *
   * @param known           namespace → which proxies there use the route ({@link #SIDECARS}, "the pods of Gateway ns/name")
   * @param unknownGateways the bound Gateways ({@code ns/name}) whose pods may run in namespaces not loaded
   * @param scopes          the namespaces the VirtualService is exported to ({@link ExportTo#ALL} for every one)
   */
  public record Users(Map<String, String> known, Set<String> unknownGateways, Set<String> scopes) {}

  /**
   * @param gatewayWorkloadNamespaces the namespaces of the loaded workloads a Gateway selects
   * @param gatewayWorkloadsKnown     whether every pod a Gateway may select is loaded
   */
  public static Users users(Resource vs, Index index, MeshInfo mesh,
      Function<Resource, Set<String>> gatewayWorkloadNamespaces, Function<Resource, Boolean> gatewayWorkloadsKnown) {
    Set<String> scopes = ExportTo.scopesOf(vs, mesh.defaultVirtualServiceExportTo());
    Map<String, String> known = new LinkedHashMap<>();
    Set<String> unknown = new LinkedHashSet<>();
    if (GatewayRefs.appliesToMesh(vs)) {
      for (String ns : scopes) {
        known.putIfAbsent(ns.equals(ExportTo.ALL) ? vs.namespace() : ns, SIDECARS);
      }
    }
    for (GatewayRefs.GatewayRef ref : GatewayRefs.bound(vs)) {
      GatewayRefs.find(index, ref).ifPresent(gw -> {
        for (String ns : gatewayWorkloadNamespaces.apply(gw)) {
          if (ExportTo.visible(scopes, ns)) {
            known.putIfAbsent(ns, "the pods of Gateway " + gw.namespace() + "/" + gw.name());
          }
        }
        if (!gatewayWorkloadsKnown.apply(gw)) {
          unknown.add(gw.namespace() + "/" + gw.name());
        }
      });
    }
    return new Users(known, unknown, scopes);
  }

  /**
   * The namespaces to judge a VirtualService's destinations and DestinationRules from: those known to use it, else
   * (its gateway pods not loaded, or nobody using it) its own namespace, as its author most likely meant.
   */
  public static Set<String> namespaces(Resource vs, Index index, MeshInfo mesh,
      Function<Resource, Set<String>> gatewayWorkloadNamespaces) {
    Users users = users(vs, index, mesh, gatewayWorkloadNamespaces, gw -> true);
    return users.known().isEmpty() ? Set.of(vs.namespace()) : new LinkedHashSet<>(users.known().keySet());
  }
}
