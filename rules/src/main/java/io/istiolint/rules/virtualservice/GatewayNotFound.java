package io.istiolint.rules.virtualservice;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.hosts.GatewayRefs;
import io.istiolint.model.Resource;
import io.istiolint.schemas.Suggestions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IL0105: a gateway named in {@code spec.gateways} or in a match's {@code gateways} that does not exist. Names
 * are read as istiod reads them: {@code mesh} is the sidecars, {@code ns/name} and {@code ./name} explicit, a
 * bare name in the VirtualService's namespace, and the legacy {@code name.ns[.svc.cluster.local]} as
 * {@code ns/name} (istioctl looks that form up literally and reports it missing). A Kubernetes Gateway API
 * Gateway of that name counts as existing, as for istioctl. Unlike Kiali, a bare name is not found in another
 * namespace: istiod binds it to the VirtualService's own namespace only, so the hint offers {@code ns/name}.
 */
public final class GatewayNotFound implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0105", "vs-gateway-not-found", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE), Set.of(Kind.GATEWAY, Kind.KUBERNETES_GATEWAY),
      "A gateway named by the VirtualService (spec.gateways or a match's gateways) does not exist",
      "Name an existing Gateway: `name` for one in the VirtualService's namespace, `namespace/name` for another; "
          + "`mesh` for the sidecars",
      List.of("IST0101", "KIA1102"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    for (GatewayRefs.GatewayRef ref : GatewayRefs.of(target)) {
      if (GatewayRefs.find(ctx.index(), ref).isPresent() || GatewayRefs.isKubernetesGateway(ctx.index(), ref)
          || GatewayRefs.generatedOrigin(ref.name()).isPresent()) {
        continue; // a generated Gateway is IL0113's finding, not a missing one
      }
      if (!ctx.index().completeness().isComplete(Kind.GATEWAY, ref.namespace())) {
        ctx.unverified(target, ref.path(), ctx.index().completeness().whyIncomplete(Kind.GATEWAY, ref.namespace()));
        continue;
      }
      ctx.report(target, ref.path(), "gateway `" + ref.written() + "` does not exist: no Gateway " + ref.name() + " in namespace "
          + ref.namespace(), hint(ref, target, ctx));
    }
  }

  private static String hint(GatewayRefs.GatewayRef ref, Resource vs, RuleContext ctx) {
    List<Resource> gateways = ctx.index().ofKind(Kind.GATEWAY);
    List<String> sameNamespace = gateways.stream().filter(g -> g.namespace().equals(ref.namespace())).map(Resource::name).distinct().toList();
    Optional<String> close = Suggestions.closest(ref.name(), sameNamespace)
        .map(name -> ref.namespace().equals(vs.namespace()) && !ref.written().contains("/") ? name : ref.namespace() + "/" + name);
    if (close.isEmpty()) {
      List<String> everywhere = gateways.stream().map(g -> g.namespace() + "/" + g.name()).distinct().toList();
      close = everywhere.stream().filter(k -> k.endsWith("/" + ref.name())).findFirst()
          .or(() -> Suggestions.closest(ref.key(), everywhere));
    }
    return close.map(Suggestions::didYouMean)
        .orElse("create Gateway " + ref.key() + ", or name an existing one as `namespace/name`");
  }
}
