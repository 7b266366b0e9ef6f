package io.istiolint.rules.gateway;

import io.istiolint.rules.common.ReadKinds;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IL0306: two Gateways on the same gateway workload terminate TLS on the same port with the same certificate
 * (the same credential Secret, or the same serverCertificate and privateKey files). Each server gets its own
 * filter chain and routes, but an HTTP/2 client may reuse one connection for every host the certificate covers
 * and then gets 404s for the other Gateway's hosts. Unlike istioctl (IST0138) servers on different ports are
 * not compared: clients never reuse a connection across ports.
 */
public final class GatewayDuplicateCertificate implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0306", "gw-duplicate-certificate", Severity.WARNING,
      Set.of(Kind.GATEWAY), ReadKinds.of(ReadKinds.WORKLOADS, Kind.ISTIO_OPERATOR),
      "The same certificate is served on one port by several Gateways of one workload; HTTP/2 clients reusing a "
          + "connection across their hosts get 404s",
      "Serve the hosts that share a certificate from one Gateway server (a server may list several hosts), or give "
          + "each Gateway its own certificate",
      List.of("IST0138"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    Map<Resource, Gateways.Overlap> overlaps = new LinkedHashMap<>();
    for (Gateways.Server s : Gateways.servers(target)) {
      if (!s.terminatesTls() || s.port() < 0) {
        continue;
      }
      Map<String, YamlPath> mine = certificates(s);
      if (mine.isEmpty()) {
        continue;
      }
      Map<String, Set<String>> sharedWith = new LinkedHashMap<>();
      for (Resource other : ctx.index().ofKind(Kind.GATEWAY)) {
        if (other == target || other.ref().equals(target.ref())) {
          continue;
        }
        for (Gateways.Server t : Gateways.servers(other)) {
          if (!t.terminatesTls() || t.port() != s.port()) {
            continue;
          }
          Set<String> common = new LinkedHashSet<>(mine.keySet());
          common.retainAll(certificates(t).keySet());
          if (common.isEmpty()) {
            continue;
          }
          Gateways.Overlap overlap = overlaps.computeIfAbsent(other, o -> Gateways.overlap(ctx.index(), target, o));
          if (overlap == Gateways.Overlap.UNKNOWN) {
            ctx.unverified(target, s.path(), Gateways.UNKNOWN_OVERLAP);
          }
          if (overlap == Gateways.Overlap.YES) {
            common.forEach(c -> sharedWith.computeIfAbsent(c, x -> new LinkedHashSet<>()).add(other.ref().displayName()));
          }
        }
      }
      sharedWith.forEach((cert, gateways) -> ctx.report(target, mine.get(cert), "certificate " + show(cert) + " on port "
          + s.port() + " is also served by " + String.join(", ", gateways) + " on the same gateway workload: HTTP/2 "
          + "clients may reuse one connection for both Gateways' hosts and get 404s",
          "serve these hosts from one Gateway server, or use a distinct certificate per Gateway"));
    }
  }

  /** The certificates a server presents, by identity, with where each is named. */
  private static Map<String, YamlPath> certificates(Gateways.Server s) {
    Map<String, YamlPath> certs = new LinkedHashMap<>();
    s.credentials().forEach(c -> certs.putIfAbsent("secret " + c.name(), c.path()));
    String cert = Json.text(s.tls().path("serverCertificate"), "");
    String key = Json.text(s.tls().path("privateKey"), "");
    if (certs.isEmpty() && !cert.isEmpty() && !key.isEmpty()) {
      certs.put("files\0" + cert + "\0" + key, s.path().field("tls").field("serverCertificate"));
    }
    return certs;
  }

  private static String show(String identity) {
    if (identity.startsWith("secret ")) {
      return "`" + identity.substring("secret ".length()) + "`";
    }
    String[] parts = identity.split("\0");
    return "`" + parts[1] + "` (key `" + parts[2] + "`)";
  }
}
