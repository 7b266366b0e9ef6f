package io.istiolint.rules.gateway;

import io.istiolint.rules.common.ReadKinds;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * IL0304: two servers the same gateway proxy gets (from one Gateway, or two whose selectors pick the same
 * workload) on the same port and bind address, which Istio cannot both serve, so it drops one. Istio merges
 * servers of one port only when both are plain-text HTTP, or both TLS; TLS servers then share the port by SNI,
 * so two of them with the same host collide. So: a plain-text and a TLS server, or two non-HTTP plain-text
 * servers (TCP), on one port conflict whatever their hosts; two TLS servers conflict on an identical host
 * (same namespace part). Plain-text HTTP servers with the same host are merged, not dropped, so unlike
 * istioctl (IST0145) and Kiali (KIA0301) they are not reported, and neither are overlapping-but-different
 * wildcard hosts (Envoy picks the most specific SNI match).
 */
public final class GatewayConflictingServers implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0304", "gw-conflicting-servers", Severity.ERROR,
      Set.of(Kind.GATEWAY), ReadKinds.of(ReadKinds.WORKLOADS, Kind.ISTIO_OPERATOR),
      "Two servers on the same gateway workload and port cannot both be served (plain text and TLS mixed, two TCP "
          + "servers, or two TLS servers with the same host); Istio drops one",
      "Move one server to another port, or give TLS servers distinct hosts; to serve a host over plain text and "
          + "TLS use two ports",
      List.of("IST0145", "KIA0301"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    List<Gateways.Server> own = Gateways.servers(target);
    if (own.isEmpty()) {
      return;
    }
    Map<Resource, Gateways.Overlap> overlaps = new LinkedHashMap<>();
    for (Gateways.Server s : own) {
      if (s.port() < 0 || s.protocol().isEmpty()) {
        continue;
      }
      Set<String> protocolClashes = new LinkedHashSet<>();
      Map<Integer, Set<String>> hostClashes = new LinkedHashMap<>();
      for (Resource other : ctx.index().ofKind(Kind.GATEWAY)) {
        boolean self = other == target;
        if (!self && other.ref().equals(target.ref())) {
          continue;
        }
        for (Gateways.Server t : Gateways.servers(other)) {
          if ((self && t.index() >= s.index()) || t.port() != s.port() || !t.bind().equals(s.bind()) || t.protocol().isEmpty()) {
            continue;
          }
          boolean bothTls = s.isTlsServer() && t.isTlsServer();
          boolean mergeable = (s.isPlainHttp() && t.isPlainHttp()) || bothTls;
          List<Integer> sameHosts = bothTls ? sameHosts(s, t) : List.of();
          if (mergeable && sameHosts.isEmpty()) {
            continue;
          }
          if (!self && overlaps.computeIfAbsent(other, o -> Gateways.overlap(ctx.index(), target, o)) != Gateways.Overlap.YES) {
            if (overlaps.get(other) == Gateways.Overlap.UNKNOWN) {
              ctx.unverified(target, s.path(), Gateways.UNKNOWN_OVERLAP);
            }
            continue;
          }
          String where = self ? "server " + t.index() + " of this Gateway" : other.ref().displayName() + " (server " + t.index() + ")";
          if (!mergeable) {
            protocolClashes.add(where + " as " + kind(t));
          }
          sameHosts.forEach(k -> hostClashes.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(where));
        }
      }
      String on = s.bind().isEmpty() ? "" : " (bind " + s.bind() + ")";
      if (!protocolClashes.isEmpty()) {
        ctx.report(target, s.path().field("port").field("protocol"), "port " + s.port() + on + " is served as " + kind(s)
            + " here and by " + String.join(", ", protocolClashes) + " on the same gateway workload: Istio shares a port "
            + "only between plain-text HTTP servers or between TLS servers, and drops one of these",
            "move one of the servers to another port");
      }
      hostClashes.forEach((k, where) -> ctx.report(target, s.path().field("hosts").index(k), "host `" + s.hosts().get(k)
          + "` on port " + s.port() + on + " is also served with TLS by " + String.join(", ", where)
          + " on the same gateway workload: Istio keeps only one of these servers",
          "serve this host from one server only (one server may list several hosts and carry one certificate)"));
    }
  }

  /** Indexes of {@code s}'s hosts that {@code t} lists too, with the same namespace part. */
  private static List<Integer> sameHosts(Gateways.Server s, Gateways.Server t) {
    Set<String> theirs = new LinkedHashSet<>();
    t.hosts().forEach(h -> theirs.add(normalize(h, t.gateway().namespace())));
    List<Integer> same = new ArrayList<>();
    List<String> hosts = rawHosts(s);
    for (int k = 0; k < hosts.size(); k++) {
      if (!hosts.get(k).isEmpty() && theirs.contains(normalize(hosts.get(k), s.gateway().namespace()))) {
        same.add(k);
      }
    }
    return same;
  }

  /** The hosts as written, index for index (non-strings as empty), so indexes match the YAML. */
  private static List<String> rawHosts(Gateways.Server s) {
    return Json.items(s.node().path("hosts")).stream().map(h -> Json.text(h, "")).toList();
  }

  /** {@code ./h} is the Gateway's namespace, a host without a namespace part any namespace. */
  private static String normalize(String host, String namespace) {
    int slash = host.indexOf('/');
    if (slash < 0) {
      return "*/" + host.toLowerCase(Locale.ROOT);
    }
    String ns = host.substring(0, slash);
    return (ns.equals(".") ? namespace : ns) + "/" + host.substring(slash + 1).toLowerCase(Locale.ROOT);
  }

  private static String kind(Gateways.Server s) {
    if (s.isTlsServer()) {
      return s.protocol().equals("TLS") ? "TLS" : s.protocol() + " (TLS)";
    }
    return "plain-text " + s.protocol();
  }
}
