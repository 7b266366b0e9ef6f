package io.istiolint.rules.virtualservice;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.hosts.ExportTo;
import io.istiolint.hosts.GatewayRefs;
import io.istiolint.index.Workload;
import io.istiolint.model.Resource;
import io.istiolint.rules.common.ReadKinds;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * IL0116: a VirtualService bound to a Gateway whose pods never read it. istiod indexes a VirtualService only for
 * the namespaces its {@code exportTo} names (push_context.go, initVirtualServices), and a gateway proxy takes the
 * VirtualServices of the index of its own namespace plus the public ones (VirtualServicesForGateway, called with
 * the proxy's namespace by gateway.go's route building). A VirtualService exported to {@code .} (or to a list)
 * bound to a Gateway whose pods run in another namespace is therefore ignored by that gateway: its hosts get 404
 * there. Decided only when the workloads of every namespace it is exported to are known (a gateway pod there
 * would read it) and no IstioOperator installs gateways unseen; an empty Gateway selector picks pods that cannot
 * be told from others, so it is not judged. istioctl and Kiali do not check this.
 */
public final class VsNotExportedToGateway implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0116", "vs-not-exported-to-gateway", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE), ReadKinds.of(ReadKinds.WORKLOADS, Kind.GATEWAY, Kind.ISTIO_OPERATOR),
      "A VirtualService is bound to a Gateway whose pods run in no namespace the VirtualService is exported to, so "
          + "the gateway never uses it",
      "Export the VirtualService to the namespace of the gateway pods (add it to exportTo, or drop exportTo), or "
          + "bind it to a Gateway whose pods run where it is exported",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    Set<String> scopes = ExportTo.scopesOf(target, ctx.mesh().defaultVirtualServiceExportTo());
    if (scopes.contains(ExportTo.ALL)) {
      return;
    }
    for (GatewayRefs.GatewayRef ref : GatewayRefs.bound(target)) {
      Optional<Resource> found = GatewayRefs.find(ctx.index(), ref);
      if (found.isEmpty() || Workload.selectorOf(found.get()).isEmpty()) {
        continue; // a missing Gateway is IL0105's finding
      }
      Resource gw = found.get();
      Set<String> podNamespaces = new TreeSet<>(VsClients.gatewayNamespaces(gw, ctx));
      if (podNamespaces.stream().anyMatch(scopes::contains)) {
        continue;
      }
      if (!ctx.index().ofKind(Kind.ISTIO_OPERATOR).isEmpty()) {
        ctx.unverified(target, ref.path(), "an IstioOperator among the inputs installs gateway pods that are not loaded");
        continue;
      }
      Optional<String> unknown = scopes.stream().sorted().filter(ns -> !ctx.index().completeness().workloadsComplete(ns)).findFirst();
      if (unknown.isPresent()) {
        ctx.unverified(target, ref.path(), ctx.index().completeness().whyWorkloadsIncomplete(unknown.get())
            + " (a pod of Gateway " + ref.key() + " there would use this VirtualService)");
        continue;
      }
      String exported = scopes.isEmpty() ? "exported to no namespace" : "exported only to " + String.join(", ", new TreeSet<>(scopes));
      String pods = podNamespaces.isEmpty() ? "no pod of Gateway " + ref.key() + " runs in those namespaces"
          : "the pods of Gateway " + ref.key() + " run in " + String.join(", ", podNamespaces);
      ctx.report(target, ref.path(), "this VirtualService is " + exported + ", and " + pods
              + ": istiod gives a gateway only the VirtualServices exported to its pods' namespace, so requests for these "
              + "hosts through this gateway get 404",
          podNamespaces.isEmpty()
              ? "export the VirtualService to the namespace the gateway pods run in (add it to exportTo, or drop exportTo)"
              : "add " + podNamespaces.iterator().next() + " to exportTo (or drop exportTo)");
    }
  }
}
