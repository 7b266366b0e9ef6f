package io.istiolint.rules.virtualservice;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.graph.RefGraph;
import io.istiolint.hosts.ExportTo;
import io.istiolint.hosts.GatewayRefs;
import io.istiolint.hosts.Hosts;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.rules.common.ReadKinds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IL0115: an HTTP route of a VirtualService that a gateway never reaches because another VirtualService bound to
 * the same Gateway takes its traffic first. At a gateway istiod builds one route configuration per HTTP port (per
 * server for HTTPS), and for each host appends the routes of every VirtualService bound to the Gateway into one
 * virtual host (gateway.go, buildGatewayHTTPRouteConfig), in the order VirtualServicesForGateway gives (those
 * exported only to the proxy's namespace, then those exported to it by a list, then public ones; each by creation
 * time, then name and namespace: push_context.go initVirtualServices, config.go configCompareByCreationTime). It
 * then moves every catch-all route (prefix {@code /} or regex {@code .*}, no header or query condition) to the end
 * (route.go SortVHostRoutes), so of several VirtualServices with a catch-all only the first one's is used, and an
 * earlier VirtualService's route whose match covers a later one's takes it. Hosts are merged where istiod merges
 * them: the server host and VirtualService host intersect in the same name (a {@code *.example.com} VirtualService
 * and an {@code api.example.com} one share a virtual host only if a server names {@code api.example.com}).
 *
 * <p>IL0108 judges one VirtualService alone and IL0107 the mesh, where istiod keeps one VirtualService per host
 * instead of merging. istioctl and Kiali report neither (Kiali's KIA1106 calls any two VirtualServices of one host
 * on a Gateway a conflict, which is wrong: they are merged). Without creation timestamps (files) the order is the
 * names', as istiod's tie-break; the message says so. Only the Gateway named is considered: several Gateways on
 * one workload and port also share a route configuration, which is left out.
 */
public final class VsMergedRouteUnreachable implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0115", "vs-merged-route-unreachable", Severity.WARNING,
      Set.of(Kind.VIRTUAL_SERVICE), ReadKinds.of(ReadKinds.WORKLOADS, Kind.VIRTUAL_SERVICE, Kind.GATEWAY),
      "A route of a VirtualService bound to a Gateway is never reached: another VirtualService for the same host on "
          + "that Gateway, merged before it, takes its traffic",
      "Keep the routes for a host at a Gateway in one VirtualService, or give only one of the VirtualServices a "
          + "catch-all route",
      List.of());

  private static final Set<String> HTTP_PROTOCOLS = Set.of("HTTP", "HTTP2", "GRPC", "GRPC-WEB", "HTTP_PROXY");
  /** Match fields that decide which requests an Envoy route accepts (port and gateways only select the route). */
  private static final Set<String> ROUTE_LABELS = Set.of("name", "statPrefix", "ignoreUriCase");

  @Override
  public RuleMeta meta() {
    return META;
  }

  /** One Envoy route istiod builds from a match of an http route (match -1: the route has none). */
  private record Entry(Resource vs, int route, JsonNode match, boolean catchAll) {}

  @Override
  public void check(Resource target, RuleContext ctx) {
    if (Json.items(target.spec().path("http")).isEmpty()) {
      return;
    }
    Map<Integer, Dead> dead = new LinkedHashMap<>();
    Set<Integer> reached = new LinkedHashSet<>();
    for (GatewayRefs.GatewayRef ref : GatewayRefs.bound(target)) {
      Optional<Resource> gw = GatewayRefs.find(ctx.index(), ref);
      if (gw.isEmpty()) {
        continue;
      }
      for (String proxyNamespace : proxyNamespaces(gw.get(), target, ctx)) {
        List<Resource> ordered = ordered(gw.get(), ref.key(), proxyNamespace, target, ctx);
        for (List<JsonNode> servers : routeConfigurations(gw.get()).values()) {
          for (Map.Entry<String, List<Entry>> vhost : virtualHosts(servers, gw.get(), ref.key(), ordered, ctx).entrySet()) {
            judge(target, vhost.getValue(), reached).forEach((route, taker) -> dead.putIfAbsent(route,
                new Dead(taker, gw.get(), servers.get(0).path("port").path("number").asLong(), vhost.getKey(), proxyNamespace)));
          }
        }
      }
    }
    if (dead.isEmpty()) {
      return;
    }
    Set<YamlPath> deadAlone = new LinkedHashSet<>();
    RouteShadowing.analyze(target).routes().forEach(r -> deadAlone.add(r.path()));
    dead.forEach((route, why) -> {
      YamlPath path = YamlPath.of("spec", "http", route);
      if (!reached.contains(route) && !deadAlone.contains(path)) {
        report(target, path, route, why, ctx);
      }
    });
  }

  /** Where a route of the target is never reached, and the Envoy route that takes its traffic there. */
  private record Dead(Entry taker, Resource gateway, long port, String host, String proxyNamespace) {}

  /**
   * The namespaces of the Gateway's pods that read {@code vs}; with none known, the null namespace, for which only
   * public VirtualServices are ordered (their order does not depend on the proxy's namespace).
   */
  private static List<String> proxyNamespaces(Resource gw, Resource vs, RuleContext ctx) {
    Set<String> scopes = scopes(vs, ctx);
    List<String> out = new ArrayList<>();
    for (String ns : VsClients.gatewayNamespaces(gw, ctx)) {
      if (ExportTo.visible(scopes, ns)) {
        out.add(ns);
      }
    }
    if (out.isEmpty() && scopes.contains(ExportTo.ALL)) {
      out.add(null);
    }
    return out;
  }

  /**
   * True when some host of {@code vs} overlaps one of {@code hosts}.
   */
  private static boolean sharesHost(Resource vs, List<String> hosts, RuleContext ctx) {
    for (String h : fqdnHosts(vs, ctx)) {
      for (String other : hosts) {
        if (Hosts.overlap(h, other)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> fqdnHosts(Resource vs, RuleContext ctx) {
    return Json.items(vs.spec().path("hosts")).stream().map(h -> Json.text(h, ""))
        .filter(h -> !h.isEmpty()).map(h -> ctx.hosts().fqdn(h, vs.namespace())).toList();
  }

  /**
   * The VirtualServices bound to the Gateway that its pods in {@code proxyNamespace} read and that may share a virtual
   * host with {@code target}, in istiod's order.
   */
  private static List<Resource> ordered(Resource gw, String gatewayKey, String proxyNamespace, Resource target, RuleContext ctx) {
    Map<Resource, Integer> ranks = new LinkedHashMap<>();
    for (Resource vs : sharingHost(target, gw, ctx)) {
      if (!ranks.containsKey(vs) && GatewayRefs.bound(vs).stream().anyMatch(r -> r.key().equals(gatewayKey))) {
        ranks.put(vs, rank(vs, proxyNamespace, ctx));
      }
    }
    ranks.values().removeIf(rank -> rank < 0);
    List<Resource> bound = new ArrayList<>(ranks.keySet());
    bound.sort(Comparator.<Resource>comparingInt(ranks::get)
        .thenComparing(vs -> vs.creationTimestamp().orElse(Instant.MIN))
        .thenComparing(Resource::name).thenComparing(Resource::namespace));
    return bound;
  }

  /**
   * {@code target} and the VirtualServices with a host overlapping one of its hosts: only those can give a server the
   * same virtual host (a name in both intersections is covered by a host of each). A name is looked up with the
   * wildcards that cover it ({@code a.example.com}: {@code *.example.com}, {@code *.com}, {@code *}); a wildcard host
   * of the target makes it read every VirtualService bound to the Gateway.
   */
  private static List<Resource> sharingHost(Resource target, Resource gw, RuleContext ctx) {
    List<String> hosts = fqdnHosts(target, ctx);
    boolean scanAll = hosts.stream().anyMatch(Hosts::isWildcard);
    List<RefGraph.Node> nodes = new ArrayList<>();
    if (scanAll) {
      nodes.add(RefGraph.node(gw));
    } else {
      Set<String> keys = new LinkedHashSet<>();
      for (String h : hosts) {
        keys.add(h);
        keys.add("*");
        for (int dot = h.indexOf('.'); dot >= 0; dot = h.indexOf('.', dot + 1)) {
          keys.add("*" + h.substring(dot));
        }
      }
      keys.forEach(k -> nodes.add(new RefGraph.TargetNode("host", k)));
    }
    Set<Resource> out = new LinkedHashSet<>(List.of(target));
    for (RefGraph.Node node : nodes) {
      for (RefGraph.Edge e : ctx.graph().incoming(node)) {
        if (e.source() instanceof RefGraph.ResourceNode source && source.ref().kindRef().equals(Kind.VIRTUAL_SERVICE)
            && (e.relation().equals("host") || e.relation().equals("gateway"))) {
          ctx.index().find(Kind.VIRTUAL_SERVICE, source.ref().namespace(), source.ref().name())
              .filter(vs -> !scanAll || sharesHost(vs, hosts, ctx)).ifPresent(out::add);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * Where istiod lists {@code vs} for proxies of {@code proxyNamespace}: 0 exported to its own namespace, which is the
   * proxy's; 1 exported to the proxy's namespace by a list; 2 public; -1 not at all (or, namespace unknown, not public).
   */
  private static int rank(Resource vs, String proxyNamespace, RuleContext ctx) {
    Set<String> scopes = scopes(vs, ctx);
    if (scopes.contains(ExportTo.ALL)) {
      return 2;
    }
    if (proxyNamespace == null || !scopes.contains(proxyNamespace)) {
      return -1;
    }
    return vs.namespace().equals(proxyNamespace) ? 0 : 1;
  }

  private static Set<String> scopes(Resource vs, RuleContext ctx) {
    return ExportTo.scopesOf(vs, ctx.mesh().defaultVirtualServiceExportTo());
  }

  /**
   * The Gateway's servers by the route configuration istiod gives them (gateway.go gatewayRDSRouteName): HTTP
   * servers share one per port and bind address, an HTTPS server that terminates TLS has its own.
   */
  private static Map<String, List<JsonNode>> routeConfigurations(Resource gw) {
    Map<String, List<JsonNode>> byName = new LinkedHashMap<>();
    for (JsonNode server : Json.items(gw.spec().path("servers"))) {
      JsonNode port = server.path("port");
      if (!port.path("number").isIntegralNumber()) {
        continue;
      }
      String protocol = Json.text(port.path("protocol"), "").toUpperCase(Locale.ROOT);
      String bind = Json.text(server.path("bind"), "");
      String mode = Json.text(server.path("tls").path("mode"), "");
      String name;
      if (HTTP_PROTOCOLS.contains(protocol)) {
        name = "http." + port.path("number").asLong() + "." + bind;
      } else if (protocol.equals("HTTPS") && !mode.equals("PASSTHROUGH") && !mode.equals("AUTO_PASSTHROUGH")) {
        name = "https." + port.path("number").asLong() + "." + Json.text(port.path("name"), "") + "." + bind;
      } else {
        continue;
      }
      byName.computeIfAbsent(name, k -> new ArrayList<>()).add(server);
    }
    return byName;
  }

  /**
   * The virtual hosts of one route configuration: per host name, the Envoy routes of each VirtualService in order,
   * catch-all routes moved to the end.
   */
  private static Map<String, List<Entry>> virtualHosts(List<JsonNode> servers, Resource gw, String gatewayKey,
      List<Resource> ordered, RuleContext ctx) {
    Map<String, List<Entry>> vhosts = new LinkedHashMap<>();
    for (JsonNode server : servers) {
      long port = server.path("port").path("number").asLong();
      for (Resource vs : ordered) {
        List<String> serverHosts = GatewayServers.hostsFor(server, gw, vs.namespace());
        List<String> vsHosts = fqdnHosts(vs, ctx);
        List<Entry> routes = null;
        for (String host : intersection(serverHosts, vsHosts)) {
          if (routes == null) {
            routes = routes(vs, gatewayKey, port);
          }
          vhosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(routes);
        }
      }
    }
    vhosts.replaceAll((host, entries) -> {
      List<Entry> sorted = new ArrayList<>(entries.stream().filter(e -> !e.catchAll()).toList());
      sorted.addAll(entries.stream().filter(Entry::catchAll).toList());
      return sorted;
    });
    return vhosts;
  }

  /** istiod's host.Names.Intersection: for each overlapping pair, the more specific name. */
  private static List<String> intersection(List<String> serverHosts, List<String> vsHosts) {
    List<String> out = new ArrayList<>();
    for (String s : serverHosts) {
      for (String v : vsHosts) {
        String both = Hosts.covers(v, s) ? s : Hosts.covers(s, v) ? v : null;
        if (both != null && !out.contains(both)) {
          out.add(both);
        }
      }
    }
    return out;
  }

  /**
   * The Envoy routes istiod builds from {@code vs} for the Gateway on {@code port} (route.go
   * BuildHTTPRoutesForVirtualService): matches for another gateway or port are left out, and the list ends at the
   * first catch-all. A delegating route, or a match on the source (which depends on the gateway pod's labels), is
   * left out: what it adds is not judged.
   */
  private static List<Entry> routes(Resource vs, String gatewayKey, long port) {
    Set<String> vsGateways = RouteShadowing.gateways(vs.spec().path("gateways"), vs.namespace(), Set.of());
    List<Entry> out = new ArrayList<>();
    List<JsonNode> http = Json.items(vs.spec().path("http"));
    for (int i = 0; i < http.size(); i++) {
      JsonNode route = http.get(i);
      if (!route.isObject() || route.has("delegate")) {
        continue;
      }
      List<JsonNode> matches = Json.items(route.path("match"));
      if (matches.isEmpty()) {
        out.add(new Entry(vs, i, null, true));
        return out;
      }
      for (JsonNode match : matches) {
        if (!match.isObject() || match.has("sourceLabels") || match.has("sourceNamespace")
            || !RouteShadowing.gateways(match.path("gateways"), vs.namespace(), vsGateways).contains(gatewayKey)
            || (match.has("port") && match.path("port").asLong(-1) != port)) {
          continue;
        }
        boolean catchAll = isCatchAll(match);
        out.add(new Entry(vs, i, selecting(match), catchAll));
        if (catchAll) {
          return out;
        }
      }
    }
    return out;
  }

  /** The match without what only selects the route ({@code gateways}, {@code port}), as Envoy sees it. */
  private static JsonNode selecting(JsonNode match) {
    ObjectNode copy = ((ObjectNode) match).deepCopy();
    copy.remove(List.of("gateways", "port"));
    return copy;
  }

  /** route.go IsCatchAllRoute: prefix {@code /} (also no uri) or regex {@code .*}, and no header or query condition. */
  private static boolean isCatchAll(JsonNode match) {
    var names = match.propertyNames().iterator();
    while (names.hasNext()) {
      String f = names.next();
      if (!ROUTE_LABELS.contains(f) && !f.equals("gateways") && !f.equals("port") && !f.equals("uri")) {
        return false;
      }
    }
    JsonNode uri = match.path("uri");
    return uri.isMissingNode() || "/".equals(Json.text(uri.path("prefix"), null)) && uri.size() == 1
        || ".*".equals(Json.text(uri.path("regex"), null)) && uri.size() == 1;
  }

  /**
   * The routes of {@code target} in one virtual host each of whose Envoy routes is taken by an earlier one of another
   * VirtualService, with the first taker; the others are added to {@code reached}.
   */
  private static Map<Integer, Entry> judge(Resource target, List<Entry> entries, Set<Integer> reached) {
    Map<Integer, Entry> takers = new LinkedHashMap<>();
    Set<Integer> reachedHere = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry later = entries.get(i);
      if (!later.vs().ref().equals(target.ref()) || reachedHere.contains(later.route())) {
        continue;
      }
      Entry taker = null;
      for (int j = 0; j < i && taker == null; j++) {
        Entry earlier = entries.get(j);
        if (!earlier.vs().ref().equals(target.ref()) && covers(earlier, later)) {
          taker = earlier;
        }
      }
      if (taker == null) {
        reachedHere.add(later.route());
        takers.remove(later.route());
      } else {
        takers.putIfAbsent(later.route(), taker);
      }
    }
    reached.addAll(reachedHere);
    return takers;
  }

  private static void report(Resource target, YamlPath path, int route, Dead why, RuleContext ctx) {
    Resource other = why.taker().vs();
    JsonNode takerRoute = Json.items(other.spec().path("http")).get(why.taker().route());
    String order;
    if (rank(other, why.proxyNamespace(), ctx) != rank(target, why.proxyNamespace(), ctx)) {
      order = "istiod lists the VirtualServices exported only to the gateway's namespace first, then those exported to it "
          + "by name, then public ones";
    } else if (target.creationTimestamp().isPresent() && other.creationTimestamp().isPresent()) {
      order = "it was created earlier";
    } else {
      order = "the order depends on creation time; without creationTimestamp istiod falls back to the names, as here";
    }
    ctx.report(target, path, RouteShadowing.label(path, Json.items(target.spec().path("http")).get(route))
            + " is never reached at Gateway " + why.gateway().namespace() + "/" + why.gateway().name() + " (port " + why.port()
            + ", host `" + why.host() + "`): VirtualService " + other.namespace() + "/" + other.name() + " is merged into the same "
            + "virtual host before it and its " + RouteShadowing.label(YamlPath.of("spec", "http", why.taker().route()), takerRoute)
            + " takes that traffic" + (why.taker().catchAll() ? " (istiod moves catch-all routes last, keeping their order)" : "")
            + "; " + order,
        "keep the routes for `" + why.host() + "` on this Gateway in one VirtualService, or give only one of them a catch-all route");
  }

  /** True when the earlier Envoy route accepts every request the later one does (catch-alls are sorted last). */
  private static boolean covers(Entry earlier, Entry later) {
    if (earlier.catchAll()) {
      return later.catchAll();
    }
    JsonNode laterMatch = later.match() == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : later.match();
    return RouteShadowing.httpCovers(earlier.match(), laterMatch, Set.of(GatewayRefs.MESH), earlier.vs().namespace());
  }
}
