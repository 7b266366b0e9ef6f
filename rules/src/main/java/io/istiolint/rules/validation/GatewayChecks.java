package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import io.istiolint.schemas.Suggestions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Istio's admission checks of a Gateway and of server TLS settings (which Sidecar ingress listeners share). */
final class GatewayChecks {

  private GatewayChecks() {}

  static final String UNIX = "unix://";

  static void check(Problems p) {
    String name = p.target().name();
    if (name != null && !Syntax.isDnsLabel(name)) {
      p.report(YamlPath.of("metadata", "name"), "Gateway name `" + name + "` is not a DNS label (no dots, at most 63 characters)",
          "rename it, e.g. `" + name.replace('.', '-') + "`");
    }
    JsonNode spec = p.spec();
    if (!spec.isObject()) {
      return;
    }
    List<JsonNode> servers = Json.items(spec.path("servers"));
    if (servers.isEmpty()) {
      if (!Fields.set(spec, "servers") || Fields.emptyList(spec, "servers")) {
        p.report(Fields.set(spec, "servers") ? SPEC.field("servers") : SPEC, "the Gateway has no servers", "add a server with a port and hosts");
      }
      return;
    }
    Map<String, Integer> portNames = new HashMap<>();
    for (int i = 0; i < servers.size(); i++) {
      JsonNode server = servers.get(i);
      YamlPath sp = SPEC.field("servers").index(i);
      if (!server.isObject()) {
        continue;
      }
      server(p, server, sp);
      String portName = Fields.text(server.path("port"), "name");
      if (portName != null && !portName.isEmpty()) {
        Integer first = portNames.putIfAbsent(portName, i);
        if (first != null) {
          p.report(sp.field("port").field("name"), "port name `" + portName + "` is already used by server " + first,
              "give each server's port its own name");
        }
      }
    }
  }

  private static void server(Problems p, JsonNode server, YamlPath sp) {
    List<JsonNode> hosts = Json.items(server.path("hosts"));
    if (Fields.emptyList(server, "hosts")) {
      p.report(sp.field("hosts"), "the server has no hosts", "list the hosts it serves, e.g. `\"*.example.com\"` or `\"*\"`");
    }
    for (int i = 0; i < hosts.size(); i++) {
      if (hosts.get(i).isString()) {
        namespacedHost(p, hosts.get(i).asString(""), sp.field("hosts").index(i), true);
      }
    }
    JsonNode port = server.path("port");
    YamlPath pp = sp.field("port");
    String bind = Fields.string(server, "bind");
    boolean portValid = true;
    if (port.isObject()) {
      String protocol = Fields.text(port, "protocol");
      if (protocol != null && !Syntax.isKnownProtocol(protocol)) {
        p.report(pp.field("protocol"), "protocol `" + protocol + "` is not one Istio knows", protocolHint(protocol));
        portValid = false;
      }
      Long number = Fields.integer(port, "number");
      if (number != null && (number > 0 || !bind.startsWith(UNIX)) && !Syntax.isPort(number)) {
        p.report(pp.field("number"), "server port " + number + " is not in 1..65535", "use a port number from 1 to 65535");
        portValid = false;
      }
      if (Fields.integerOrZero(port, "targetPort") > 0) {
        p.report(pp.field("targetPort").key(), "targetPort has no effect on a Gateway", "remove it: the gateway listens on `number`");
      }
      if (Fields.text(port, "name") != null && Fields.string(port, "name").isEmpty()) {
        p.report(pp.field("name"), "the server port has an empty name", "name the port, e.g. `http` or `https-443`");
        portValid = false;
      }
    }
    if (bind.startsWith(UNIX)) {
      String problem = unixPath(bind.substring(UNIX.length()));
      if (problem != null) {
        p.report(sp.field("bind"), "bind `" + bind + "`: " + problem, "give an absolute socket path (`unix:///var/run/gw.sock`) or `unix://@name`");
      }
      if (Fields.integerOrZero(port, "number") != 0) {
        p.report(pp.field("number"), "a server bound to a unix socket must have port number 0", "set `number: 0`");
      }
    } else if (!bind.isEmpty() && !Syntax.isIp(bind)) {
      p.report(sp.field("bind"), "bind `" + bind + "` is not an IP address", "give the IP to listen on, or remove bind");
    }
    JsonNode tls = server.path("tls");
    serverTls(p, tls, sp.field("tls"));
    String protocol = Fields.text(port, "protocol");
    if (portValid && protocol != null && Fields.integer(port, "number") != null) {
      if (Syntax.isTlsProtocol(protocol) && !Fields.set(server, "tls")) {
        p.report(pp.field("protocol"), "a " + Syntax.protocol(protocol) + " server needs `tls` settings",
            "add `tls: {mode: SIMPLE, credentialName: <secret>}`");
      } else if (!Syntax.isTlsProtocol(protocol) && Fields.set(server, "tls")) {
        String mode = Fields.string(tls, "mode");
        boolean passthrough = mode.isEmpty() || mode.equals("PASSTHROUGH") || mode.equals("AUTO_PASSTHROUGH");
        boolean certs = !Fields.string(tls, "caCertificates").isEmpty() || !Fields.string(tls, "privateKey").isEmpty()
            || !Fields.string(tls, "serverCertificate").isEmpty();
        if (!Syntax.isHttpProtocol(protocol) || !passthrough || certs) {
          p.report(sp.field("tls").key(), "a plain " + Syntax.protocol(protocol) + " server cannot have TLS settings"
              + (Syntax.isHttpProtocol(protocol) ? " other than httpsRedirect" : ""),
              "use protocol HTTPS (or TLS) to terminate TLS here, or keep only `httpsRedirect: true`");
        }
      }
    }
  }

  static String protocolHint(String protocol) {
    return Suggestions.didYouMeanClosest(Syntax.protocol(protocol), Syntax.PROTOCOLS)
        .orElse("use HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, TCP, TLS, MONGO, MYSQL or REDIS");
  }

  static String unixPath(String path) {
    if (path.isEmpty()) {
      return "the socket path is empty";
    }
    if (path.startsWith("@")) {
      return null;
    }
    return !path.startsWith("/") || path.endsWith("/") ? "`" + path + "` is not an absolute path to a file" : null;
  }

  /**
   * A {@code [namespace/]host} entry of a Gateway server or Sidecar egress listener: the namespace {@code *},
   * {@code .} or a name (Sidecars also {@code ~}); the host a DNS name with a dot (short names are not
   * allowed), {@code *} or a leading wildcard; Gateways also accept an IP address.
   */
  static void namespacedHost(Problems p, String entry, YamlPath at, boolean gateway) {
    int slash = entry.indexOf('/');
    String host = entry;
    if (slash < 0) {
      if (!gateway) {
        p.report(at, "egress host `" + entry + "` has no namespace", "write `namespace/host`, e.g. `./" + entry + "` or `*/" + entry + "`");
        return;
      }
    } else {
      String ns = entry.substring(0, slash);
      host = entry.substring(slash + 1);
      if (ns.isEmpty() || host.isEmpty()) {
        p.report(at, "host `" + entry + "` has an empty namespace or host part", "write `namespace/host`");
        return;
      }
      if (!ns.equals("*") && !ns.equals(".") && !(ns.equals("~") && !gateway) && !Syntax.isDnsLabel(ns)) {
        p.report(at, "host `" + entry + "`: `" + ns + "` is not a namespace name", "use a namespace name, `.` (this namespace) or `*` (any)");
        return;
      }
    }
    if (!host.equals("*") && !host.contains(".")) {
      p.report(at, "host `" + entry + "` is a short name; a fully qualified name is required here",
          "write the full name, e.g. `" + (slash < 0 ? "" : entry.substring(0, slash + 1)) + host + ".<namespace>.svc.cluster.local`");
      return;
    }
    String problem = Syntax.wildcardDomain(host);
    if (problem != null && !(gateway && Syntax.isIp(host))) {
      p.report(at, "host `" + entry + "` is not a valid host name: " + problem, "use a DNS name, `*` or `*.example.com`");
    } else if (Syntax.isPartialWildcard(host)) {
      p.report(at, "host `" + entry + "` has a partial wildcard", "a wildcard must be a whole leading label: `*.example.com`");
    }
  }

  /** Server-side TLS: mode-specific required and forbidden fields, one certificate source. */
  static void serverTls(Problems p, JsonNode tls, YamlPath at) {
    if (!tls.isObject()) {
      return;
    }
    String mode = Fields.text(tls, "mode");
    mode = mode == null ? "PASSTHROUGH" : mode;
    boolean credentialName = !Fields.string(tls, "credentialName").isEmpty();
    boolean credentialNames = Fields.nonEmpty(tls, "credentialNames");
    boolean tlsCertificates = Fields.nonEmpty(tls, "tlsCertificates");
    boolean files = !Fields.string(tls, "serverCertificate").isEmpty() || !Fields.string(tls, "privateKey").isEmpty();
    if (mode.equals("ISTIO_MUTUAL")) {
      for (String f : List.of("serverCertificate", "privateKey", "caCertificates", "credentialName", "credentialNames", "tlsCertificates")) {
        if (f.equals("credentialNames") || f.equals("tlsCertificates") ? Fields.nonEmpty(tls, f) : !Fields.string(tls, f).isEmpty()) {
          p.report(at.field(f).key(), "ISTIO_MUTUAL uses the mesh's own certificates and cannot have `" + f + "`",
              "remove `" + f + "`, or use mode MUTUAL with your own certificates");
        }
      }
      return;
    }
    int sources = (files ? 1 : 0) + (credentialName ? 1 : 0) + (credentialNames ? 1 : 0) + (tlsCertificates ? 1 : 0);
    if (sources > 1) {
      p.report(at, "the TLS settings name more than one certificate source (serverCertificate/privateKey, credentialName, credentialNames,"
          + " tlsCertificates)", "keep one of them");
      return;
    }
    boolean terminating = mode.equals("SIMPLE") || mode.equals("MUTUAL") || mode.equals("OPTIONAL_MUTUAL");
    if (!terminating || credentialName || credentialNames) {
      return;
    }
    if (tlsCertificates) {
      List<JsonNode> certs = Json.items(tls.path("tlsCertificates"));
      for (int i = 0; i < certs.size(); i++) {
        for (String f : List.of("serverCertificate", "privateKey")) {
          if (Fields.string(certs.get(i), f).isEmpty()) {
            p.report(at.field("tlsCertificates").index(i), "the certificate has no `" + f + "`", "give both serverCertificate and privateKey");
          }
        }
      }
    } else {
      for (String f : List.of("serverCertificate", "privateKey")) {
        if (Fields.string(tls, f).isEmpty()) {
          p.report(at.field("mode"), mode + " TLS needs a certificate: set credentialName (a Secret) or " + f,
              "add `credentialName: <secret name>` holding the certificate and key");
          break;
        }
      }
    }
    if ((mode.equals("MUTUAL") || mode.equals("OPTIONAL_MUTUAL")) && Fields.string(tls, "caCertificates").isEmpty()) {
      p.report(at.field("mode"), mode + " TLS needs caCertificates to verify clients (or a credentialName)",
          "add `caCertificates`, or use a credentialName Secret that carries `ca.crt`");
    }
    if (!Fields.string(tls, "caCrl").isEmpty() && mode.equals("SIMPLE")) {
      p.report(at.field("caCrl").key(), "caCrl has no effect with SIMPLE TLS (clients are not verified)", "remove caCrl, or use MUTUAL");
    }
  }
}
