package io.istiolint.hosts;

import io.istiolint.index.Index;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Resource;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The namespaces of the proxies that use a VirtualService's routes, which decide what its destinations can
 * see (exportTo) and which DestinationRule applies: the VirtualService's own namespace; for the mesh, the
 * namespaces its {@code exportTo} names; for each Gateway it binds to, the Gateway's namespace and those of the
 * workloads it selects (the gateway proxies).
 */
public final class Clients {

  private Clients() {}

  /**
   * @param gatewayWorkloadNamespaces the namespaces of the workloads a Gateway selects
   */
  public static Set<String> namespaces(Resource vs, Index index, MeshInfo mesh,
      Function<Resource, Set<String>> gatewayWorkloadNamespaces) {
    Set<String> namespaces = new LinkedHashSet<>();
    namespaces.add(vs.namespace());
    if (GatewayRefs.appliesToMesh(vs)) {
      for (String ns : ExportTo.scopesOf(vs, mesh.defaultVirtualServiceExportTo())) {
        if (!ns.equals(ExportTo.ALL)) {
          namespaces.add(ns);
        }
      }
    }
    for (GatewayRefs.GatewayRef ref : GatewayRefs.bound(vs)) {
      GatewayRefs.find(index, ref).ifPresent(gw -> {
        namespaces.add(gw.namespace());
        namespaces.addAll(gatewayWorkloadNamespaces.apply(gw));
      });
    }
    return namespaces;
  }
}
