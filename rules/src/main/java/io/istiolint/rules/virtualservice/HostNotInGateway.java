package io.istiolint.rules.virtualservice;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.hosts.GatewayRefs;
import io.istiolint.hosts.Hosts;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IL0106: a Gateway in {@code spec.gateways} none of whose servers serves any of the VirtualService's hosts, so
 * the gateway never uses its routes. Server hosts {@code ns/host} count only for VirtualServices of that
 * namespace ({@code .} = the Gateway's, {@code *} = any); wildcards overlap as Istio matches them. Unlike istioctl,
 * short VirtualService hosts are expanded as istiod expands them (a server host {@code reviews.shop.svc.cluster.local}
 * serves {@code reviews} in shop), and a missing Gateway is left to IL0105.
 */
public final class HostNotInGateway implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0106", "vs-host-not-in-gateway", Severity.WARNING,
      Set.of(Kind.VIRTUAL_SERVICE), Set.of(Kind.GATEWAY),
      "No host of the VirtualService is served by a server of a Gateway it binds to",
      "Add a host the Gateway serves to the VirtualService, or add the host (optionally as `namespace/host`) to a server "
          + "of the Gateway",
      List.of("IST0132"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    List<String> vsHosts = new ArrayList<>();
    Json.items(target.spec().path("hosts")).forEach(h -> {
      if (h.isString() && !h.asString("").isEmpty()) {
        vsHosts.add(ctx.hosts().fqdn(h.asString(""), target.namespace()));
      }
    });
    if (vsHosts.isEmpty()) {
      return; // a delegate: its root's hosts bind
    }
    for (GatewayRefs.GatewayRef ref : GatewayRefs.bound(target)) {
      Optional<Resource> gw = GatewayRefs.find(ctx.index(), ref);
      if (gw.isEmpty()) {
        continue;
      }
      List<JsonNode> servers = Json.items(gw.get().spec().path("servers"));
      if (servers.stream().anyMatch(s -> GatewayServers.serves(s, gw.get(), target.namespace(), vsHosts))) {
        continue;
      }
      Set<String> offered = new LinkedHashSet<>();
      servers.forEach(s -> offered.addAll(GatewayServers.hostsFor(s, gw.get(), target.namespace())));
      Set<String> elsewhere = new LinkedHashSet<>();
      servers.forEach(s -> Json.items(s.path("hosts")).forEach(h -> {
        String host = Json.text(h, "");
        if (host.contains("/") && vsHosts.stream().anyMatch(v -> Hosts.overlap(host.substring(host.indexOf('/') + 1), v))) {
          elsewhere.add(host);
        }
      }));
      String hint = elsewhere.isEmpty()
          ? "add one of the Gateway's hosts to the VirtualService, or add `" + target.namespace() + "/" + vsHosts.get(0)
              + "` to a server of Gateway " + ref.key()
          : "the Gateway offers " + quote(elsewhere) + " to other namespaces only; add `" + target.namespace() + "/"
              + vsHosts.get(0) + "` to its server, or move the VirtualService";
      ctx.report(target, ref.path(), "Gateway " + ref.key() + " serves none of the hosts " + quote(vsHosts) + ": its servers offer "
          + (offered.isEmpty() ? "no host" : quote(offered)) + " to namespace " + target.namespace(), hint);
    }
  }

  private static String quote(Collection<String> hosts) {
    return hosts.stream().map(h -> "`" + h + "`").collect(Collectors.joining(", "));
  }
}
