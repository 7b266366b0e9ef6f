package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The warnings of Istio's validation of server TLS settings (validation.go: validateTLSOptions, shared by Gateway
 * servers and Sidecar ingress listeners, validateServerTLS) and of Gateway servers (ValidateGateway).
 */
final class ServerTlsWarnings {

  private ServerTlsWarnings() {}

  /** Envoy's cipher suite names Istio knows (pkg/config/security: ValidCipherSuites); istiod drops any other. */
  private static final Set<String> CIPHER_SUITES = Set.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
      "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
      "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA", "AES128-GCM-SHA256",
      "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA");

  private static final List<String> CERTIFICATE_FIELDS = List.of("serverCertificate", "privateKey", "caCertificates", "caCrl",
      "credentialName", "credentialNames", "tlsCertificates");

  static void gateway(Problems p) {
    List<JsonNode> servers = Json.items(p.spec().path("servers"));
    for (int i = 0; i < servers.size(); i++) {
      JsonNode server = servers.get(i);
      YamlPath sp = SPEC.field("servers").index(i);
      JsonNode tls = server.path("tls");
      if (!tls.isObject()) {
        continue;
      }
      String protocol = Fields.text(server.path("port"), "protocol");
      if (protocol != null && !Syntax.isHttpProtocol(protocol) && Fields.isTrue(tls, "httpsRedirect")) {
        // gateway.go (buildGatewayHTTPRouteConfig) turns it into Envoy's require_tls, which a TLS connection already meets
        p.report(sp.field("tls").field("httpsRedirect"), "`tls.httpsRedirect` on a " + protocol
                + " server does nothing: only plain-HTTP requests are redirected, and this server's clients already use TLS",
            "move `httpsRedirect: true` to the HTTP server of these hosts, or remove it");
      }
      options(p, tls, sp.field("tls"));
      String mode = Fields.string(tls, "mode");
      if (mode.equals("PASSTHROUGH") || mode.equals("AUTO_PASSTHROUGH")) {
        for (String field : CERTIFICATE_FIELDS) {
          if (Fields.set(tls, field)) {
            p.report(sp.field("tls").field(field).key(), "`" + field + "` is ignored in " + mode
                    + " mode: the gateway does not terminate TLS, the backend presents its own certificate",
                "remove it, or use mode SIMPLE or MUTUAL to terminate TLS at the gateway");
          }
        }
      }
    }
  }

  /** Cipher suites and the minimum TLS version, for a Gateway server's or a Sidecar ingress listener's {@code tls}. */
  static void options(Problems p, JsonNode tls, YamlPath at) {
    String min = Fields.string(tls, "minProtocolVersion");
    boolean ciphers = Fields.nonEmpty(tls, "cipherSuites");
    if ((min.equals("TLSV1_0") || min.equals("TLSV1_1")) && !ciphers) {
      p.report(at.field("minProtocolVersion"), "`minProtocolVersion: " + min + "` without `cipherSuites` does not let " + min
              + " clients in: Envoy's default cipher suites no longer include any that " + min + " can use",
          "list cipher suites " + min + " supports, e.g. `cipherSuites: [ECDHE-RSA-AES128-SHA, AES128-SHA]`");
    }
    Set<String> seen = new HashSet<>();
    List<JsonNode> suites = Json.items(tls.path("cipherSuites"));
    for (int i = 0; i < suites.size(); i++) {
      String suite = suites.get(i).isString() ? suites.get(i).asString("") : null;
      if (suite == null || suite.isEmpty() || suite.equals("ALL") || !Character.isLetterOrDigit(suite.charAt(0))) {
        continue; // istiod passes operator expressions (`-AES128-SHA`, `[A|B]`) to Envoy unparsed
      }
      YamlPath cp = at.field("cipherSuites").index(i);
      if (!CIPHER_SUITES.contains(suite)) {
        p.report(cp, "cipher suite `" + suite + "` is unknown to Istio: istiod leaves it out of the listener",
            CIPHER_SUITES.stream().filter(c -> c.equalsIgnoreCase(suite)).findFirst()
                .map(c -> "did you mean `" + c + "`?").orElse("use an Envoy (BoringSSL) cipher suite name, e.g. `ECDHE-RSA-AES128-GCM-SHA256`"));
      } else if (!seen.add(suite)) {
        p.report(cp, "cipher suite `" + suite + "` is listed twice: istiod keeps the first", "remove the duplicate");
      }
    }
  }
}
