package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Istio's admission checks of a DestinationRule (and of the connection pools a Sidecar shares with it). */
final class DestinationRuleChecks {

  private DestinationRuleChecks() {}

  private static final Set<String> TOPOLOGY_LABELS = Set.of("topology.kubernetes.io/region", "topology.kubernetes.io/zone",
      "topology.istio.io/subzone");

  static void check(Problems p) {
    JsonNode spec = p.spec();
    if (!spec.isObject()) {
      return;
    }
    String host = Fields.text(spec, "host");
    if (host == null && p.specAbsent()) {
      // With spec present the CRD's `required: [host]` refuses it (IL0004); without spec only the webhook does.
      p.report(SPEC, "the DestinationRule has no host (Istio rejects an empty host name)",
          "add `spec.host`, the service the rule applies to");
    }
    if (host != null) {
      String problem = Syntax.wildcardDomain(host);
      if (problem != null) {
        p.report(SPEC.field("host"), "host `" + host + "` is not a valid host name: " + problem,
            "use a service name (`reviews`), a fully qualified name or a wildcard (`*.example.com`)");
      }
    }
    trafficPolicy(p, spec.path("trafficPolicy"), SPEC.field("trafficPolicy"));
    List<JsonNode> subsets = Json.items(spec.path("subsets"));
    for (int i = 0; i < subsets.size(); i++) {
      JsonNode s = subsets.get(i);
      YamlPath sp = SPEC.field("subsets").index(i);
      String name = Fields.text(s, "name");
      if (name != null && !Syntax.isDnsLabel(name)) {
        p.report(sp.field("name"), name.isEmpty() ? "the subset has an empty name" : "subset name `" + name + "` is not a valid DNS label",
            "use lower-case letters, digits and `-`, e.g. `v1`");
      }
      CommonChecks.labelMap(p, s, "labels", sp);
      trafficPolicy(p, s.path("trafficPolicy"), sp.field("trafficPolicy"));
    }
    boolean selector = Fields.set(spec, "workloadSelector");
    CommonChecks.exportTo(p, spec, false, selector);
    CommonChecks.selectorLabels(p, spec.path("workloadSelector"), SPEC.field("workloadSelector"), "matchLabels");
  }

  private static void trafficPolicy(Problems p, JsonNode tp, YamlPath at) {
    if (!tp.isObject()) {
      return;
    }
    if (tp.isEmpty()) {
      p.report(at, "the traffic policy is empty", "set a policy (loadBalancer, connectionPool, outlierDetection, tls, ...) or remove it");
      return;
    }
    if (Fields.set(tp, "tunnel") && Fields.set(tp, "proxyProtocol")) {
      p.report(at.field("proxyProtocol").key(), "`tunnel` and `proxyProtocol` cannot be set together", "keep one of them");
      return;
    }
    outlierDetection(p, tp.path("outlierDetection"), at.field("outlierDetection"));
    connectionPool(p, tp.path("connectionPool"), at.field("connectionPool"));
    loadBalancer(p, tp.path("loadBalancer"), at.field("loadBalancer"));
    clientTls(p, tp.path("tls"), at.field("tls"));
    List<JsonNode> ports = Json.items(tp.path("portLevelSettings"));
    for (int i = 0; i < ports.size(); i++) {
      JsonNode pl = ports.get(i);
      YamlPath pp = at.field("portLevelSettings").index(i);
      if (!pl.isObject()) {
        continue;
      }
      if (!Fields.set(pl, "port")) {
        p.report(pp, "a port-level traffic policy needs a `port`", "add `port: {number: N}`");
      }
      if (pl.size() - (pl.has("port") ? 1 : 0) == 0) {
        p.report(pp, "the port-level traffic policy sets nothing for its port", "set loadBalancer, connectionPool, outlierDetection or tls");
        continue;
      }
      outlierDetection(p, pl.path("outlierDetection"), pp.field("outlierDetection"));
      connectionPool(p, pl.path("connectionPool"), pp.field("connectionPool"));
      loadBalancer(p, pl.path("loadBalancer"), pp.field("loadBalancer"));
      clientTls(p, pl.path("tls"), pp.field("tls"));
    }
    tunnel(p, tp.path("tunnel"), at.field("tunnel"));
  }

  private static void outlierDetection(Problems p, JsonNode od, YamlPath at) {
    if (!od.isObject()) {
      return;
    }
    CommonChecks.duration(p, od, "baseEjectionTime", at, false);
    CommonChecks.duration(p, od, "interval", at, false);
    Long localFailures = Fields.integer(od, "consecutiveLocalOriginFailures");
    if (localFailures != null && localFailures > 0 && !Fields.isTrue(od, "splitExternalLocalOriginErrors")) {
      p.report(at.field("consecutiveLocalOriginFailures"), "consecutiveLocalOriginFailures only counts when splitExternalLocalOriginErrors is true",
          "set `splitExternalLocalOriginErrors: true`");
    }
    CommonChecks.percent(p, od, "maxEjectionPercent", at);
    CommonChecks.percent(p, od, "minHealthPercent", at);
  }

  static void connectionPool(Problems p, JsonNode pool, YamlPath at) {
    if (!pool.isObject()) {
      return;
    }
    if (!Fields.set(pool, "http") && !Fields.set(pool, "tcp")) {
      p.report(at, "the connection pool sets neither `http` nor `tcp`", "set http or tcp limits, or remove connectionPool");
      return;
    }
    JsonNode http = pool.path("http");
    YamlPath hp = at.field("http");
    for (String field : List.of("http1MaxPendingRequests", "http2MaxRequests", "maxRequestsPerConnection", "maxRetries", "maxConcurrentStreams")) {
      nonNegative(p, http, field, hp);
    }
    CommonChecks.duration(p, http, "idleTimeout", hp, false);
    if ("UPGRADE".equals(Fields.text(http, "h2UpgradePolicy")) && Fields.isTrue(http, "useClientProtocol")) {
      p.report(hp.field("useClientProtocol"), "useClientProtocol cannot be true when h2UpgradePolicy is UPGRADE",
          "keep the client's protocol, or upgrade to HTTP/2: not both");
    }
    JsonNode keepAlive = http.path("http2KeepAlive");
    if (keepAlive.isObject()) {
      for (String f : List.of("interval", "timeout")) {
        if (!Fields.set(keepAlive, f)) {
          p.report(hp.field("http2KeepAlive"), "http2KeepAlive needs `" + f + "`", "set both interval and timeout, e.g. `interval: 30s`, `timeout: 5s`");
        }
      }
    }
    CommonChecks.duration(p, keepAlive, "interval", hp.field("http2KeepAlive"), false);
    CommonChecks.duration(p, keepAlive, "timeout", hp.field("http2KeepAlive"), false);
    JsonNode tcp = pool.path("tcp");
    YamlPath tp = at.field("tcp");
    nonNegative(p, tcp, "maxConnections", tp);
    CommonChecks.duration(p, tcp, "connectTimeout", tp, false);
    CommonChecks.duration(p, tcp, "maxConnectionDuration", tp, false);
    CommonChecks.duration(p, tcp, "idleTimeout", tp, true);
    CommonChecks.duration(p, tcp.path("tcpKeepalive"), "time", tp.field("tcpKeepalive"), false);
    CommonChecks.duration(p, tcp.path("tcpKeepalive"), "interval", tp.field("tcpKeepalive"), false);
  }

  private static void nonNegative(Problems p, JsonNode parent, String field, YamlPath at) {
    Long v = Fields.integer(parent, field);
    if (v != null && v < 0) {
      p.report(at.field(field), field + " " + v + " is negative", "use 0 (the default) or a positive limit");
    }
  }

  private static void loadBalancer(Problems p, JsonNode lb, YamlPath at) {
    if (!lb.isObject()) {
      return;
    }
    JsonNode ch = lb.path("consistentHash");
    YamlPath cp = at.field("consistentHash");
    if (ch.isObject()) {
      JsonNode cookie = ch.path("httpCookie");
      if (cookie.isObject() && Fields.string(cookie, "name").isEmpty()) {
        p.report(cp.field("httpCookie"), "the hash cookie has no name", "name the cookie to hash on");
      }
      CommonChecks.durationSyntax(p, cookie, "ttl", cp.field("httpCookie"));
      List<JsonNode> attributes = Json.items(cookie.path("attributes"));
      Set<String> names = new HashSet<>();
      for (int i = 0; i < attributes.size(); i++) {
        String attr = Fields.string(attributes.get(i), "name");
        YamlPath ap = cp.field("httpCookie").field("attributes").index(i);
        if (attr.isEmpty()) {
          p.report(ap, "a cookie attribute has no name", "name the attribute, e.g. `SameSite`");
        } else if (!names.add(attr)) {
          p.report(ap.field("name"), "cookie attribute `" + attr + "` is listed twice", "list each attribute once");
        }
      }
      long ringSize = Fields.integerOrZero(ch, "minimumRingSize");
      if (ringSize != 0 && (Fields.set(ch, "ringHash") || Fields.set(ch, "maglev"))) {
        p.report(cp.field("minimumRingSize"), "minimumRingSize cannot be combined with `ringHash` or `maglev`",
            "move it to `ringHash.minimumRingSize`");
      }
      JsonNode maglev = ch.path("maglev");
      if (maglev.isObject()) {
        Long size = Fields.integer(maglev, "tableSize");
        long n = size == null ? 0 : size;
        if (n == 0) {
          p.report(cp.field("maglev"), "maglev needs a tableSize", "set a prime tableSize below 5000011, e.g. 65537");
        } else if (n >= 5_000_011L) {
          p.report(cp.field("maglev").field("tableSize"), "maglev tableSize " + n + " is not below 5000011", "use a smaller prime, e.g. 65537");
        } else if (!isPrime(n)) {
          p.report(cp.field("maglev").field("tableSize"), "maglev tableSize " + n + " is not a prime number", "use a prime, e.g. 65537");
        }
      }
    }
    locality(p, lb.path("localityLbSetting"), at.field("localityLbSetting"));
    zoneAware(p, lb, at);
    CommonChecks.duration(p, lb, "warmupDurationSecs", at, false);
    CommonChecks.duration(p, lb.path("warmup"), "duration", at.field("warmup"), false);
    Double aggression = Fields.number(lb.path("warmup"), "aggression");
    if (aggression != null && aggression <= 0) {
      p.report(at.field("warmup").field("aggression"), "warmup aggression must be greater than 0", "use 1 for a linear ramp, more for a steeper one");
    }
  }

  private static void zoneAware(Problems p, JsonNode lb, YamlPath at) {
    JsonNode za = lb.path("zoneAwareLbSetting");
    if (!za.isObject()) {
      return;
    }
    YamlPath zp = at.field("zoneAwareLbSetting");
    if (Fields.set(lb, "localityLbSetting")) {
      p.report(zp.key(), "`localityLbSetting` and `zoneAwareLbSetting` cannot be set together", "keep one of them");
      return;
    }
    List<JsonNode> priority = Json.items(za.path("failoverPriority"));
    for (int i = 0; i < priority.size(); i++) {
      if (priority.get(i).isString() && TOPOLOGY_LABELS.contains(priority.get(i).asString(""))) {
        p.report(zp.field("failoverPriority").index(i), "zone-aware failoverPriority cannot use the topology label `"
            + priority.get(i).asString("") + "`", "zone-aware balancing already prefers the local region and zone: list other labels");
      }
    }
    failover(p, Json.items(za.path("failover")), zp.field("failover"));
  }

  /** Envoy's primality test, which Istio copies: it counts 1 as a prime, so tableSize 1 is accepted. */
  private static boolean isPrime(long x) {
    if (x < 1) {
      return false;
    }
    if (x < 4) {
      return true;
    }
    if (x % 2 == 0) {
      return false;
    }
    for (long f = 3; f * f <= x; f += 2) {
      if (x % f == 0) {
        return false;
      }
    }
    return true;
  }

  private static void locality(Problems p, JsonNode ls, YamlPath at) {
    if (!ls.isObject()) {
      return;
    }
    List<JsonNode> distribute = Json.items(ls.path("distribute"));
    List<JsonNode> failover = Json.items(ls.path("failover"));
    if (!distribute.isEmpty() && !failover.isEmpty()) {
      p.report(at.field("failover").key(), "locality load balancing cannot have both `distribute` and `failover`", "keep one of them");
      return;
    }
    if (!failover.isEmpty()) {
      List<JsonNode> priority = Json.items(ls.path("failoverPriority"));
      for (int i = 0; i < priority.size(); i++) {
        if (priority.get(i).isString() && TOPOLOGY_LABELS.contains(priority.get(i).asString(""))) {
          p.report(at.field("failoverPriority").index(i), "failoverPriority cannot use the topology label `" + priority.get(i).asString("")
              + "` together with `failover`", "remove `failover`, or the topology labels from failoverPriority");
          return;
        }
      }
    }
    List<String> from = new ArrayList<>();
    List<YamlPath> fromAt = new ArrayList<>();
    for (int i = 0; i < distribute.size(); i++) {
      JsonNode d = distribute.get(i);
      YamlPath dp = at.field("distribute").index(i);
      if (Fields.text(d, "from") != null) {
        from.add(Fields.text(d, "from"));
        fromAt.add(dp.field("from"));
      }
      long total = 0;
      List<String> to = new ArrayList<>();
      List<YamlPath> toAt = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : Fields.entries(d, "to")) {
        long w = e.getValue().isIntegralNumber() ? e.getValue().longValue() : 0;
        if (w <= 0 || w > 100) {
          p.report(dp.field("to").field(e.getKey()), "locality weight " + w + " is not in 1..100", "give each locality a share from 1 to 100");
          return;
        }
        total += w;
        to.add(e.getKey());
        toAt.add(dp.field("to").field(e.getKey()).key());
      }
      if (total != 100) {
        p.report(dp.field("to"), "the locality weights add up to " + total + ", not 100", "make the shares add up to 100");
        return;
      }
      localities(p, to, toAt);
    }
    localities(p, from, fromAt);
    failover(p, failover, at.field("failover"));
  }

  private static void failover(Problems p, List<JsonNode> failover, YamlPath at) {
    for (int i = 0; i < failover.size(); i++) {
      String f = Fields.string(failover.get(i), "from");
      String t = Fields.string(failover.get(i), "to");
      YamlPath fp = at.index(i);
      if (f.equals(t)) {
        p.report(fp, "failover from and to the same region `" + f + "`", "fail over to another region");
      }
      if (f.contains("/") || t.contains("/")) {
        p.report(fp, "failover names a zone; it works between regions only", "give region names, without `/`");
      }
      if (f.contains("*") || t.contains("*")) {
        p.report(fp, "failover regions cannot use `*`", "give region names");
      }
    }
  }

  /** Locality strings {@code region[/zone[/subzone]]}: non-empty parts, one trailing {@code *} at most, no overlaps. */
  private static void localities(Problems p, List<String> localities, List<YamlPath> at) {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < localities.size(); i++) {
      String l = localities.get(i);
      long stars = l.chars().filter(c -> c == '*').count();
      if (stars > 1 || (stars == 1 && !l.endsWith("*"))) {
        p.report(at.get(i), "locality `" + l + "` may only end in a single `*`", "write `region/zone/*` or `region/*`");
        return;
      }
      String[] parts = l.split("/", 3);
      for (String part : parts) {
        if (part.isEmpty()) {
          p.report(at.get(i), "locality `" + l + "` has an empty region, zone or subzone", "write `region`, `region/zone` or `region/zone/subzone`");
          return;
        }
      }
      if (seen.stream().anyMatch(s -> overlaps(s.split("/", 3), parts))) {
        p.report(at.get(i), "locality `" + l + "` overlaps one listed before it", "list each locality once");
        return;
      }
      seen.add(l);
    }
  }

  /** Istio's overlap of locality entries: a region covers its zones, a zone its subzones, a region `*` everything. */
  private static boolean overlaps(String[] earlier, String[] later) {
    if (earlier[0].equals("*")) {
      return true;
    }
    if (!earlier[0].equals(later[0])) {
      return false;
    }
    if (earlier.length == 1 || later.length == 1) {
      return true;
    }
    if (!earlier[1].equals(later[1])) {
      return false;
    }
    return earlier.length == 2 || later.length == 2 || earlier[2].equals(later[2]);
  }

  /** Client TLS towards the destination. */
  private static void clientTls(Problems p, JsonNode tls, YamlPath at) {
    if (!tls.isObject()) {
      return;
    }
    String mode = Fields.string(tls, "mode");
    boolean credential = !Fields.string(tls, "credentialName").isEmpty();
    if (Fields.isTrue(tls, "insecureSkipVerify")) {
      List<String> forbidden = mode.equals("SIMPLE") ? List.of("caCertificates", "credentialName", "subjectAltNames")
          : mode.equals("MUTUAL") ? List.of("caCertificates", "subjectAltNames") : List.of();
      for (String f : forbidden) {
        if (f.equals("subjectAltNames") ? Fields.nonEmpty(tls, f) : !Fields.string(tls, f).isEmpty()) {
          p.report(at.field(f).key(), "`" + f + "` contradicts insecureSkipVerify: true",
              "verify the server (remove insecureSkipVerify) or drop `" + f + "`");
        }
      }
    }
    if ((mode.equals("SIMPLE") || mode.equals("MUTUAL")) && credential) {
      for (String f : List.of("clientCertificate", "privateKey", "caCertificates", "caCrl")) {
        if (!Fields.string(tls, f).isEmpty()) {
          p.report(at.field(f).key(), "`" + f + "` cannot be combined with credentialName",
              "put the certificates in the credential's Secret, or drop credentialName");
        }
      }
      return;
    }
    if (mode.equals("MUTUAL")) {
      for (String f : List.of("clientCertificate", "privateKey")) {
        if (Fields.string(tls, f).isEmpty()) {
          p.report(at.field("mode"), "MUTUAL TLS needs `" + f + "` (or a credentialName)",
              "give the client certificate and key files, or a credentialName Secret");
        }
      }
    }
  }

  private static void tunnel(Problems p, JsonNode t, YamlPath at) {
    if (!t.isObject()) {
      return;
    }
    String protocol = Fields.string(t, "protocol");
    if (!protocol.isEmpty() && !protocol.equals("CONNECT") && !protocol.equals("POST")) {
      p.report(at.field("protocol"), "tunnel protocol `" + protocol + "` is neither CONNECT nor POST", "use `CONNECT` or `POST`");
    }
    String host = Fields.text(t, "targetHost");
    if (host != null && Syntax.fqdn(host) != null && !Syntax.isIp(host)) {
      p.report(at.field("targetHost"), "tunnel targetHost `" + host + "` is neither a DNS name nor an IP address", "give the host to tunnel to");
    }
    if (t.has("targetPort")) {
      CommonChecks.port(p, t, "targetPort", at, "tunnel targetPort");
    }
  }
}
