package io.istiolint.rules.gateway;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.graph.RefGraph;
import io.istiolint.hosts.GatewayRefs;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * IL0307: a Gateway no VirtualService binds (in {@code spec.gateways} or a match's {@code gateways}, as
 * {@code name}, {@code ns/name}, {@code ./name} or the legacy {@code name.ns.svc…} form istiod still resolves).
 * A VirtualService in any namespace may bind it, so this is only decided with {@code --complete}. Gateways
 * whose servers all work without one are never reported: AUTO_PASSTHROUGH servers (east-west gateways) and
 * HTTP servers that only redirect to HTTPS; a redirect next to an HTTPS server that nothing routes does not
 * save the Gateway.
 */
public final class GatewayUnused implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0307", "gw-unused", Severity.INFO,
      Set.of(Kind.GATEWAY), Set.of(Kind.VIRTUAL_SERVICE),
      "No VirtualService binds this Gateway, so its servers route nothing (complete inputs only)",
      "Bind a VirtualService to it (`gateways: [ns/name]`), or delete the Gateway",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    List<Gateways.Server> servers = Gateways.servers(target);
    if (!servers.isEmpty() && servers.stream().allMatch(GatewayUnused::worksWithoutVirtualService)) {
      return;
    }
    // The graph's resolved `spec.gateways` edges answer the common case without scanning every VirtualService.
    boolean bound = ctx.graph().incoming(RefGraph.node(target)).stream().anyMatch(e -> e.relation().equals("gateway"));
    if (bound) {
      return;
    }
    for (Resource vs : ctx.index().ofKind(Kind.VIRTUAL_SERVICE)) {
      if (binds(vs, target)) {
        return;
      }
    }
    YamlPath at = YamlPath.of("metadata", "name");
    if (!ctx.index().completeness().isCompleteEverywhere(Kind.VIRTUAL_SERVICE)) {
      return; // any VirtualService of any namespace not loaded may bind it; absence is only known with --complete or -A
    }
    ctx.report(target, at, "no VirtualService binds this Gateway: its servers route nothing",
        "bind a VirtualService with `gateways: [" + target.namespace() + "/" + target.name() + "]`, or delete the Gateway");
  }

  /** An east-west AUTO_PASSTHROUGH server routes by SNI alone; an HTTPS redirect answers without a route. */
  private static boolean worksWithoutVirtualService(Gateways.Server s) {
    return s.tlsMode().equals("AUTO_PASSTHROUGH") || s.tls().path("httpsRedirect").asBoolean(false);
  }

  private static boolean binds(Resource vs, Resource gateway) {
    return GatewayRefs.of(vs).stream().anyMatch(r -> r.namespace().equals(gateway.namespace()) && r.name().equals(gateway.name()));
  }
}
