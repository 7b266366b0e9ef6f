package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.Hosts;
import io.istiolint.model.Json;
import java.util.List;
import java.util.regex.Pattern;

/** Istio's admission checks of a VirtualService as a whole: hosts, gateways, delegation, TLS and TCP routes, exportTo. */
final class VirtualServiceChecks {

  private VirtualServiceChecks() {}

  private static final Pattern SNI_AUTO_HOST = Pattern.compile("outbound_.([0-8].*).*");

  static void check(Problems p) {
    JsonNode spec = p.spec();
    if (!spec.isObject()) {
      return;
    }
    List<JsonNode> hosts = Json.items(spec.path("hosts"));
    boolean delegate = hosts.isEmpty();
    if (delegate) {
      for (String field : List.of("gateways", "tls", "tcp")) {
        if (Fields.nonEmpty(spec, field)) {
          p.report(SPEC.field(field).key(), "a delegate VirtualService (one without hosts) cannot have `" + field + "`",
              "only http routes can be delegated; the root VirtualService decides " + (field.equals("gateways") ? "the gateways" : "TLS and TCP routing"));
        }
      }
    }
    List<JsonNode> gateways = Json.items(spec.path("gateways"));
    boolean appliesToGateway = !gateways.isEmpty() && gateways.stream().noneMatch(g -> g.isString() && g.asString("").equals("mesh"));
    gatewayNames(p, spec, SPEC);
    boolean sni = Json.items(spec.path("tls")).stream().flatMap(t -> Json.items(t.path("match")).stream())
        .anyMatch(m -> Fields.nonEmpty(m, "sniHosts"));
    hosts(p, hosts, appliesToGateway, sni);
    if (!Fields.nonEmpty(spec, "http") && !Fields.nonEmpty(spec, "tcp") && !Fields.nonEmpty(spec, "tls")) {
      p.report(SPEC, "the VirtualService has no http, tcp or tls routes", "add at least one route");
    }
    List<JsonNode> http = Json.items(spec.path("http"));
    for (int i = 0; i < http.size(); i++) {
      YamlPath rp = SPEC.field("http").index(i);
      if (http.get(i).isObject()) {
        HttpRouteChecks.check(p, http.get(i), rp, delegate, appliesToGateway);
      }
    }
    // SNI hosts take the `outbound_` form unless the VirtualService names `mesh`, even when it names no gateway
    // at all (Istio's isGateway, unlike the hosts check above).
    boolean sniOutboundAllowed = gateways.stream().noneMatch(g -> g.isString() && g.asString("").equals("mesh"));
    List<JsonNode> tls = Json.items(spec.path("tls"));
    for (int i = 0; i < tls.size(); i++) {
      if (tls.get(i).isObject()) {
        tlsRoute(p, tls.get(i), SPEC.field("tls").index(i), hosts, sniOutboundAllowed);
      }
    }
    List<JsonNode> tcp = Json.items(spec.path("tcp"));
    for (int i = 0; i < tcp.size(); i++) {
      if (tcp.get(i).isObject()) {
        l4Route(p, tcp.get(i), SPEC.field("tcp").index(i), "TCP");
      }
    }
    CommonChecks.exportTo(p, spec, false, false);
  }

  private static void hosts(Problems p, List<JsonNode> hosts, boolean appliesToGateway, boolean sni) {
    boolean allValid = true;
    for (int i = 0; i < hosts.size(); i++) {
      if (!hosts.get(i).isString()) {
        allValid = false;
        continue;
      }
      String host = hosts.get(i).asString("");
      YamlPath at = SPEC.field("hosts").index(i);
      String problem = appliesToGateway && sni && host.startsWith("outbound_.")
          ? (SNI_AUTO_HOST.matcher(host).find() ? null : "it is not a valid `outbound_` SNI name")
          : Syntax.wildcardDomain(host);
      if (problem != null && !Syntax.isIp(host)) {
        p.report(at, "host `" + host + "` is not a valid host name: " + problem,
            "use a DNS name (`reviews`, `reviews.bookinfo.svc.cluster.local`, `*.example.com`) or an IP address");
        allValid = false;
      } else if (problem == null && !appliesToGateway && host.equals("*")) {
        p.report(at, "host `*` is not allowed in a VirtualService that applies to the mesh (sidecars)",
            "name the hosts this VirtualService routes, or bind it to a gateway with `gateways`");
        allValid = false;
      }
    }
    if (!allValid) {
      return;
    }
    for (int j = 1; j < hosts.size(); j++) {
      for (int i = 0; i < j; i++) {
        String a = hosts.get(i).asString("");
        String b = hosts.get(j).asString("");
        if (Hosts.overlap(a, b)) {
          p.report(SPEC.field("hosts").index(j), "host `" + b + "` " + (a.equals(b) ? "is listed twice" : "overlaps host `" + a + "`")
              + " of the same VirtualService", "keep one of them: a host may appear only once, wildcards included");
          break;
        }
      }
    }
  }

  /**
   * Gateway references: {@code ns/name} with both parts DNS labels, or a name without {@code /} that must be a
   * DNS name. Like Istio, the check of a list stops at its first entry without {@code /}.
   */
  static void gatewayNames(Problems p, JsonNode parent, YamlPath at) {
    List<JsonNode> names = Json.items(parent.path("gateways"));
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).isString()) {
        continue;
      }
      String name = names.get(i).asString("");
      YamlPath ap = at.field("gateways").index(i);
      int slash = name.indexOf('/');
      if (slash < 0) {
        String problem = Syntax.fqdn(name);
        if (problem != null) {
          p.report(ap, "gateway reference `" + name + "` is not valid: " + problem,
              "write `namespace/name`, or the name alone for a Gateway in this namespace");
        }
        return;
      }
      String ns = name.substring(0, slash);
      String gw = name.substring(slash + 1);
      if (ns.isEmpty() || gw.isEmpty()) {
        p.report(ap, "gateway reference `" + name + "` has an empty namespace or name", "write `namespace/name`");
      } else if (!Syntax.isDnsLabel(ns)) {
        p.report(ap, "gateway reference `" + name + "`: `" + ns + "` is not a valid namespace name", "write `namespace/name`");
      } else if (!Syntax.isDnsLabel(gw)) {
        p.report(ap, "gateway reference `" + name + "`: `" + gw + "` is not a valid Gateway name (a DNS label)", "write `namespace/name`");
      }
    }
  }

  /** Route destinations: valid destinations, weights of 0 or more, and not all 0 when there are several. */
  static void destinations(Problems p, List<JsonNode> routes, YamlPath at) {
    long total = 0;
    for (int k = 0; k < routes.size(); k++) {
      JsonNode d = routes.get(k);
      YamlPath dp = at.index(k);
      CommonChecks.destination(p, d.path("destination"), dp.field("destination"));
      long weight = Fields.integerOrZero(d, "weight");
      if (weight < 0) {
        p.report(dp.field("weight"), "route weight " + weight + " is negative", "weights are relative shares of traffic: use 0 or more");
      }
      total += weight;
    }
    if (routes.size() > 1 && total == 0) {
      p.report(at, "the " + routes.size() + " destinations have a total weight of 0, so none gets traffic",
          "give the destinations weights, e.g. 90 and 10");
    }
  }

  private static void tlsRoute(Problems p, JsonNode t, YamlPath tp, List<JsonNode> hosts, boolean sniOutboundAllowed) {
    List<JsonNode> matches = Json.items(t.path("match"));
    if (Fields.emptyList(t, "match")) {
      p.report(tp.field("match"), "a TLS route needs at least one match", "match on `sniHosts`");
    }
    for (int j = 0; j < matches.size(); j++) {
      JsonNode m = matches.get(j);
      YamlPath mp = tp.field("match").index(j);
      if (!m.isObject()) {
        continue;
      }
      List<JsonNode> snis = Json.items(m.path("sniHosts"));
      if (Fields.emptyList(m, "sniHosts")) {
        p.report(mp.field("sniHosts"), "a TLS match needs at least one SNI host", "list the server names to match");
      }
      for (int s = 0; s < snis.size(); s++) {
        if (snis.get(s).isString()) {
          sniHost(p, snis.get(s).asString(""), mp.field("sniHosts").index(s), hosts, sniOutboundAllowed);
        }
      }
      l4Match(p, m, mp);
    }
    routeRequired(p, t, tp, "TLS");
  }

  private static void sniHost(Problems p, String sni, YamlPath at, List<JsonNode> hosts, boolean sniOutboundAllowed) {
    String problem = sniOutboundAllowed && sni.startsWith("outbound_.")
        ? (SNI_AUTO_HOST.matcher(sni).find() ? null : "it is not a valid `outbound_` SNI name") : Syntax.wildcardDomain(sni);
    if (problem != null) {
      if (!Syntax.isIp(sni)) {
        p.report(at, "SNI host `" + sni + "` is not a valid host name: " + problem, "use a DNS name such as `api.example.com`");
      }
      return;
    }
    for (JsonNode h : hosts) {
      if (h.isString() && Hosts.covers(h.asString(""), sni)) {
        return;
      }
    }
    p.report(at, "SNI host `" + sni + "` is not covered by any host of the VirtualService", "add it to `hosts`, or match a name `hosts` covers");
  }

  private static void l4Route(Problems p, JsonNode t, YamlPath tp, String what) {
    List<JsonNode> matches = Json.items(t.path("match"));
    for (int j = 0; j < matches.size(); j++) {
      if (matches.get(j).isObject()) {
        l4Match(p, matches.get(j), tp.field("match").index(j));
      }
    }
    routeRequired(p, t, tp, what);
  }

  private static void l4Match(Problems p, JsonNode m, YamlPath mp) {
    List<JsonNode> subnets = Json.items(m.path("destinationSubnets"));
    for (int i = 0; i < subnets.size(); i++) {
      if (subnets.get(i).isString() && !Syntax.isIpOrCidr(subnets.get(i).asString(""))) {
        p.report(mp.field("destinationSubnets").index(i), "`" + subnets.get(i).asString("") + "` is neither an IP address nor a CIDR block",
            "write an address (`10.1.2.3`) or a block (`10.1.0.0/16`)");
      }
    }
    CommonChecks.optionalPort(p, m, "port", mp, "match port");
    CommonChecks.labelMap(p, m, "sourceLabels", mp);
    gatewayNames(p, m, mp);
  }

  private static void routeRequired(Problems p, JsonNode t, YamlPath tp, String what) {
    List<JsonNode> routes = Json.items(t.path("route"));
    if (routes.isEmpty()) {
      p.report(tp, "the " + what + " route has no `route` destinations", "add a `route` with a destination");
    }
    destinations(p, routes, tp.field("route"));
  }
}

