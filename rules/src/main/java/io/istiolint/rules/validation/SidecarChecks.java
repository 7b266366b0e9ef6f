package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Istio's admission checks of a Sidecar. */
final class SidecarChecks {

  private SidecarChecks() {}

  private static final Set<String> LOCAL_HOSTS = Set.of("", "127.0.0.1", "0.0.0.0", "::1", "::");

  static void check(Problems p) {
    JsonNode spec = p.spec();
    if (!spec.isObject()) {
      return;
    }
    CommonChecks.selectorLabels(p, spec.path("workloadSelector"), SPEC.field("workloadSelector"), "labels");
    if (!Fields.nonEmpty(spec, "egress") && !Fields.nonEmpty(spec, "ingress") && !Fields.set(spec, "outboundTrafficPolicy")
        && !Fields.set(spec, "inboundConnectionPool")) {
      p.report(SPEC, "the Sidecar configures nothing (no egress, ingress, outboundTrafficPolicy or inboundConnectionPool)",
          "add the egress hosts the workloads may reach, e.g. `egress: [{hosts: [\"./*\", \"istio-system/*\"]}]`");
      return;
    }
    ingress(p, spec);
    DestinationRuleChecks.connectionPool(p, spec.path("inboundConnectionPool"), SPEC.field("inboundConnectionPool"));
    egress(p, spec);
    outboundTrafficPolicy(p, spec.path("outboundTrafficPolicy"), SPEC.field("outboundTrafficPolicy"));
  }

  private static void ingress(Problems p, JsonNode spec) {
    Map<Long, Integer> ports = new HashMap<>();
    List<JsonNode> listeners = Json.items(spec.path("ingress"));
    for (int i = 0; i < listeners.size(); i++) {
      JsonNode l = listeners.get(i);
      YamlPath lp = SPEC.field("ingress").index(i);
      if (!l.isObject() || !l.path("port").isObject()) {
        continue;
      }
      JsonNode port = l.path("port");
      YamlPath pp = lp.field("port");
      listenerPort(p, port, pp);
      CommonChecks.port(p, port, "number", pp, "ingress port");
      bindIp(p, l, lp);
      Long number = Fields.integer(port, "number");
      if (number != null) {
        Integer first = ports.putIfAbsent(number, i);
        if (first != null) {
          p.report(pp.field("number"), "ingress port " + number + " is already used by ingress[" + first + "]", "give each ingress listener its own port");
        }
      }
      String endpoint = Fields.string(l, "defaultEndpoint");
      if (!endpoint.isEmpty()) {
        defaultEndpoint(p, endpoint, lp.field("defaultEndpoint"));
      }
      JsonNode tls = l.path("tls");
      if (tls.isObject()) {
        YamlPath tp = lp.field("tls");
        for (String f : List.of("subjectAltNames", "credentialNames", "tlsCertificates")) {
          if (Fields.nonEmpty(tls, f)) {
            p.report(tp.field(f).key(), "`" + f + "` is not supported in Sidecar ingress TLS",
                "give serverCertificate, privateKey (and caCertificates) files");
          }
        }
        if (Fields.isTrue(tls, "httpsRedirect")) {
          p.report(tp.field("httpsRedirect"), "httpsRedirect is not supported in Sidecar ingress TLS", "remove it");
        }
        if (!Fields.string(tls, "credentialName").isEmpty()) {
          p.report(tp.field("credentialName").key(), "credentialName is not supported in Sidecar ingress TLS", "give serverCertificate and privateKey files");
        }
        String mode = Fields.string(tls, "mode");
        if (mode.equals("ISTIO_MUTUAL") || mode.equals("AUTO_PASSTHROUGH")) {
          p.report(tp.field("mode"), "mode " + mode + " is not allowed in Sidecar ingress TLS", "use SIMPLE or MUTUAL");
        } else {
          GatewayChecks.serverTls(p, tls, tp);
        }
        String protocol = Fields.text(port, "protocol");
        if (protocol != null && Syntax.isKnownProtocol(protocol) && !Syntax.isTlsProtocol(protocol)) {
          p.report(pp.field("protocol"), "an ingress listener with `tls` must use protocol HTTPS or TLS, not " + protocol, "set `protocol: HTTPS`");
        }
      }
      DestinationRuleChecks.connectionPool(p, l.path("connectionPool"), lp.field("connectionPool"));
    }
  }

  private static void listenerPort(Problems p, JsonNode port, YamlPath pp) {
    if (Fields.integerOrZero(port, "targetPort") > 0) {
      p.report(pp.field("targetPort").key(), "targetPort has no effect on a Sidecar", "remove it");
    }
    String name = Fields.string(port, "name");
    if (!name.isEmpty() && !Syntax.isDnsLabel(name)) {
      p.report(pp.field("name"), "port name `" + name + "` is not a valid DNS label", "use lower-case letters, digits and `-`");
    }
    String protocol = Fields.string(port, "protocol");
    if (!protocol.isEmpty() && !Syntax.isKnownProtocol(protocol)) {
      p.report(pp.field("protocol"), "protocol `" + protocol + "` is not one Istio knows", GatewayChecks.protocolHint(protocol));
    }
  }

  private static void bindIp(Problems p, JsonNode l, YamlPath lp) {
    String bind = Fields.string(l, "bind");
    if (!bind.isEmpty() && !Syntax.isIp(bind)) {
      p.report(lp.field("bind"), "bind `" + bind + "` is not an IP address", "give the IP to listen on, or remove bind");
    }
  }

  private static void defaultEndpoint(Problems p, String endpoint, YamlPath at) {
    if (endpoint.startsWith(GatewayChecks.UNIX)) {
      String problem = GatewayChecks.unixPath(endpoint.substring(GatewayChecks.UNIX.length()));
      if (problem != null) {
        p.report(at, "defaultEndpoint `" + endpoint + "`: " + problem, "give an absolute socket path");
      }
      return;
    }
    int colon = endpoint.lastIndexOf(':');
    String host = colon < 0 ? null : endpoint.substring(0, colon);
    String written = colon < 0 ? "" : endpoint.substring(colon + 1);
    // Istio parses the port with Go's Atoi: a `+` sign and leading zeros are accepted.
    String port = (written.startsWith("+") ? written.substring(1) : written).replaceFirst("^0+(?=.)", "");
    if (host != null && host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host != null && host.contains(":")) {
      host = null; // an IPv6 address must be bracketed
    }
    if (host == null || !LOCAL_HOSTS.contains(host) || port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)
        || !Syntax.isPort(Long.parseLong(port))) {
      p.report(at, "defaultEndpoint `" + endpoint + "` is not a local address with a port",
          "write `127.0.0.1:<port>`, `0.0.0.0:<port>`, `[::1]:<port>`, `[::]:<port>` or `unix://<path>`");
    }
  }

  private static void egress(Problems p, JsonNode spec) {
    List<JsonNode> listeners = Json.items(spec.path("egress"));
    Map<Long, Integer> ports = new HashMap<>();
    Map<String, Integer> sockets = new HashMap<>();
    boolean catchAll = false;
    for (int i = 0; i < listeners.size(); i++) {
      JsonNode l = listeners.get(i);
      YamlPath lp = SPEC.field("egress").index(i);
      if (!l.isObject()) {
        continue;
      }
      if (!Fields.set(l, "port")) {
        if (catchAll) {
          p.report(lp, "only one egress listener may omit `port`", "merge the hosts of the port-less listeners");
          continue;
        }
        if (i == listeners.size() - 1) {
          catchAll = true;
        } else {
          p.report(lp, "the egress listener without `port` must be the last one", "move it to the end of `egress`");
        }
      } else if (l.path("port").isObject() && !Fields.notAnInteger(l.path("port"), "number")) {
        JsonNode port = l.path("port");
        YamlPath pp = lp.field("port");
        listenerPort(p, port, pp);
        String bind = Fields.string(l, "bind");
        long number = Fields.integerOrZero(port, "number");
        if (number == 0) {
          if (!bind.startsWith(GatewayChecks.UNIX)) {
            p.report(pp.field("number"), "an egress listener on port 0 must bind a unix socket", "set `bind: unix:///path/to/socket`, or give a port number");
          } else {
            String problem = GatewayChecks.unixPath(bind.substring(GatewayChecks.UNIX.length()));
            if (problem != null) {
              p.report(lp.field("bind"), "bind `" + bind + "`: " + problem, "give an absolute socket path");
            }
            Integer first = sockets.putIfAbsent(bind, i);
            if (first != null) {
              p.report(lp.field("bind"), "unix socket `" + bind + "` is already used by egress[" + first + "]", "give each listener its own socket");
            }
          }
          String mode = Fields.string(l, "captureMode");
          if (!mode.isEmpty() && !mode.equals("DEFAULT") && !mode.equals("NONE")) {
            p.report(lp.field("captureMode"), "a unix socket listener needs captureMode DEFAULT or NONE", "remove captureMode");
          }
        } else {
          CommonChecks.port(p, port, "number", pp, "egress port");
          bindIp(p, l, lp);
          Integer first = ports.putIfAbsent(number, i);
          if (first != null) {
            p.report(pp.field("number"), "egress port " + number + " is already used by egress[" + first + "]", "give each egress listener its own port");
          }
        }
      }
      List<JsonNode> hosts = Json.items(l.path("hosts"));
      if (Fields.emptyList(l, "hosts")) {
        p.report(lp.field("hosts"), "the egress listener has no hosts", "list `namespace/host` entries, e.g. `./*`");
      }
      for (int h = 0; h < hosts.size(); h++) {
        if (hosts.get(h).isString()) {
          GatewayChecks.namespacedHost(p, hosts.get(h).asString(""), lp.field("hosts").index(h), false);
        }
      }
    }
  }

  private static void outboundTrafficPolicy(Problems p, JsonNode otp, YamlPath at) {
    if (!otp.isObject() || !Fields.set(otp, "egressProxy")) {
      return;
    }
    if (!"ALLOW_ANY".equals(Fields.text(otp, "mode"))) {
      p.report(at.field("egressProxy").key(), "egressProxy only works with mode ALLOW_ANY", "set `mode: ALLOW_ANY`, or remove egressProxy");
      return;
    }
    JsonNode proxy = otp.path("egressProxy");
    YamlPath pp = at.field("egressProxy");
    String host = Fields.text(proxy, "host");
    if (host != null) {
      String problem = Syntax.fqdn(host);
      if (problem != null) {
        p.report(pp.field("host"), "egressProxy host `" + host + "` is not a DNS name: " + problem, "give the proxy's fully qualified name");
      }
    }
    if (!Fields.set(proxy, "port")) {
      p.report(pp, "egressProxy needs a `port`", "add `port: {number: N}`");
      return;
    }
    CommonChecks.port(p, proxy.path("port"), "number", pp.field("port"), "egressProxy port");
  }
}
