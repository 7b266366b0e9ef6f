package io.istiolint.rules.virtualservice;

import io.istiolint.rules.common.ReadKinds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.Destinations;
import io.istiolint.hosts.GatewayRefs;
import io.istiolint.hosts.HostResolver;
import io.istiolint.hosts.Hosts;
import io.istiolint.hosts.MeshService;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * IL0104: a destination without a port whose service has several ports, where traffic can arrive on a port the
 * service does not have. istiod fills in a missing destination port with the service's only port, or, for a
 * service with several, with the port the traffic arrived on (the listener port). That is right for a sidecar
 * VirtualService that routes a service to itself (each service port maps to itself) and wrong at a Gateway
 * (listener 80 or 443) or when routing to another service with other ports: the route points at a cluster that
 * does not exist. istioctl (IST0112) reports every multi-port destination without a port, including the
 * correct same-service case; we report only the ports that really break, and name them. Listener ports are
 * those of the servers of the bound Gateways that serve the VirtualService's hosts with a protocol the route
 * section handles, and for the mesh those of the services its hosts resolve to; a match {@code port} narrows
 * them. Delegate VirtualServices (no hosts) are not judged: their listeners come from the root.
 */
public final class DestinationPortRequired implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0104", "vs-destination-port-required", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE), ReadKinds.of(ReadKinds.SERVICES, Kind.GATEWAY),
      "A destination names no port, its service has several, and traffic arrives on a port the service does not have",
      "Set `port.number` on the destination to the service port the traffic should reach",
      List.of("IST0112"));

  private static final Set<String> HTTP = Set.of("HTTP", "HTTP2", "GRPC", "GRPC-WEB", "HTTP_PROXY");
  private static final Set<String> TCP = Set.of("TCP", "MONGO", "REDIS", "MYSQL");
  private static final Set<String> TLS = Set.of("TLS", "HTTPS");
  private static final Set<String> PASSTHROUGH = Set.of("PASSTHROUGH", "AUTO_PASSTHROUGH");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    if (Json.items(target.spec().path("hosts")).isEmpty()) {
      return;
    }
    Map<String, Map<Long, String>> listenersByRoute = new LinkedHashMap<>();
    for (Destinations.Destination d : Destinations.of(target)) {
      if (d.port() >= 0) {
        continue;
      }
      HostResolver.Lookup lookup = ctx.hosts().lookup(d.host(), target.namespace());
      List<MeshService> services = VsClients.services(lookup, target, ctx);
      if (services.isEmpty() || services.stream().anyMatch(s -> s.ports().size() <= 1)) {
        continue; // istiod uses a single port whatever the listener
      }
      Set<Long> ports = new TreeSet<>();
      services.forEach(s -> s.ports().forEach(p -> ports.add(p.number())));
      String section = (String) d.path().segments().get(1);
      int route = (Integer) d.path().segments().get(2);
      Map<Long, String> listeners = listenersByRoute.computeIfAbsent(section + route, k -> listeners(target, section, route, ctx));
      Optional<Map.Entry<Long, String>> broken = listeners.entrySet().stream().filter(e -> !ports.contains(e.getKey())).findFirst();
      if (broken.isPresent()) {
        String list = ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
        ctx.report(target, d.path(), (d.mirror() ? "mirror " : "") + "destination `" + d.host() + "` names no port and its service has ports "
                + list + ": istiod then uses the port the traffic arrived on, and traffic on port " + broken.get().getKey() + " ("
                + broken.get().getValue() + ") would go to port " + broken.get().getKey() + ", which `" + d.host() + "` does not have",
            "set `port.number` to one of " + list);
      }
    }
  }

  /** The ports traffic of route {@code route} of {@code section} arrives on, each with where it comes from. */
  private static Map<Long, String> listeners(Resource vs, String section, int route, RuleContext ctx) {
    Set<String> bound = new LinkedHashSet<>();
    for (String g : GatewayRefs.names(vs.spec().path("gateways"))) {
      bound.add(key(g, vs.namespace()));
    }
    if (bound.isEmpty()) {
      bound.add(GatewayRefs.MESH);
    }
    List<JsonNode> matches = Json.items(vs.spec().path(section).path(route).path("match"));
    if (matches.isEmpty()) {
      matches = List.of(MissingNode.getInstance()); // no match: every request
    }
    Map<Long, String> listeners = new LinkedHashMap<>();
    for (JsonNode m : matches) {
      Set<String> gateways = new LinkedHashSet<>();
      List<String> own = GatewayRefs.names(m.path("gateways"));
      if (own.isEmpty()) {
        gateways.addAll(bound);
      } else {
        own.forEach(g -> {
          if (bound.contains(key(g, vs.namespace()))) {
            gateways.add(key(g, vs.namespace()));
          }
        });
      }
      long port = m.path("port").canConvertToLong() ? m.path("port").asLong(0L) : -1;
      for (String g : gateways) {
        Map<Long, String> ports = g.equals(GatewayRefs.MESH) ? meshPorts(vs, section, ctx) : gatewayPorts(vs, g, section, ctx);
        ports.forEach((p, from) -> {
          if (port < 0 || port == p) {
            listeners.putIfAbsent(p, from);
          }
        });
      }
    }
    return listeners;
  }

  private static String key(String written, String namespace) {
    return GatewayRefs.parse(YamlPath.ROOT, written, namespace).map(GatewayRefs.GatewayRef::key).orElse(written);
  }

  /** Sidecar listeners: the ports of the services the VirtualService's hosts resolve to. */
  private static Map<Long, String> meshPorts(Resource vs, String section, RuleContext ctx) {
    Map<Long, String> ports = new LinkedHashMap<>();
    for (JsonNode h : Json.items(vs.spec().path("hosts"))) {
      String host = Json.text(h, "");
      if (host.isEmpty() || Hosts.isWildcard(host)) {
        continue;
      }
      for (MeshService s : ctx.hosts().lookup(host, vs.namespace()).matches()) {
        for (MeshService.Port p : s.ports()) {
          if (handles(section, protocol(s, p))) {
            ports.putIfAbsent(p.number(), "mesh traffic to `" + host + "`");
          }
        }
      }
    }
    return ports;
  }

  /** Gateway listeners: the server ports that serve the VirtualService's hosts with a protocol the section handles. */
  private static Map<Long, String> gatewayPorts(Resource vs, String key, String section, RuleContext ctx) {
    Map<Long, String> ports = new LinkedHashMap<>();
    int slash = key.indexOf('/');
    if (slash < 0) {
      return ports;
    }
    Optional<Resource> gw = ctx.index().find(Kind.GATEWAY, key.substring(0, slash), key.substring(slash + 1));
    if (gw.isEmpty()) {
      return ports;
    }
    List<String> vsHosts = new ArrayList<>();
    Json.items(vs.spec().path("hosts")).forEach(h -> vsHosts.add(ctx.hosts().fqdn(Json.text(h, ""), vs.namespace())));
    for (JsonNode server : Json.items(gw.get().spec().path("servers"))) {
      JsonNode port = server.path("port");
      if (!port.path("number").canConvertToLong() || !GatewayServers.serves(server, gw.get(), vs.namespace(), vsHosts)) {
        continue;
      }
      String protocol = Json.text(port.path("protocol"), "").toUpperCase(Locale.ROOT);
      boolean passthrough = PASSTHROUGH.contains(Json.text(server.path("tls").path("mode"), "").toUpperCase(Locale.ROOT));
      boolean fits = switch (section) {
        case "http" -> HTTP.contains(protocol) || (protocol.equals("HTTPS") && !passthrough);
        case "tcp" -> TCP.contains(protocol) || (protocol.equals("TLS") && !passthrough);
        default -> TLS.contains(protocol) && passthrough;
      };
      if (fits) {
        ports.putIfAbsent(port.path("number").asLong(0L), "gateway " + key);
      }
    }
    return ports;
  }

  /** Whether a sidecar listener of this protocol carries routes of {@code section}; unknown protocols are sniffed. */
  private static boolean handles(String section, String protocol) {
    return switch (section) {
      case "http" -> HTTP.contains(protocol) || protocol.isEmpty();
      case "tcp" -> TCP.contains(protocol);
      default -> TLS.contains(protocol);
    };
  }

  /**
   * The Istio protocol of a port: a ServiceEntry's {@code protocol}; for a Service its {@code appProtocol}, else
   * the name's prefix ({@code http-web} → HTTP); "" when it is sniffed; "UDP" for ports no listener carries.
   */
  private static String protocol(MeshService s, MeshService.Port p) {
    if (s.isServiceEntry()) {
      return p.protocol().toUpperCase(Locale.ROOT);
    }
    if (p.protocol().equalsIgnoreCase("UDP") || p.protocol().equalsIgnoreCase("SCTP")) {
      return "UDP";
    }
    for (JsonNode port : Json.items(s.source().spec().path("ports"))) {
      if (port.path("port").asLong(-1) == p.number() && port.path("appProtocol").isString()) {
        return known(port.path("appProtocol").asString(""));
      }
    }
    String name = p.name();
    return known(name.contains("-") ? name.substring(0, name.indexOf('-')) : name);
  }

  private static String known(String protocol) {
    String upper = protocol.toUpperCase(Locale.ROOT);
    return HTTP.contains(upper) || TCP.contains(upper) || TLS.contains(upper) || upper.equals("UDP") ? upper : "";
  }
}
