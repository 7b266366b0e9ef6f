package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The warnings of Istio's Sidecar validation (validation.go: ValidateSidecar, validateTLSOptions on ingress TLS).
 * Egress hosts one listener imports twice are left out: istiod imports the union, so the repeat changes nothing.
 */
final class SidecarWarnings {

  private SidecarWarnings() {}

  static void check(Problems p) {
    JsonNode spec = p.spec();
    SelectorWarnings.workloadSelector(p, spec, "workloadSelector", "labels", "Sidecar");
    List<JsonNode> ingress = Json.items(spec.path("ingress"));
    for (int i = 0; i < ingress.size(); i++) {
      JsonNode l = ingress.get(i);
      YamlPath lp = SPEC.field("ingress").index(i);
      if (l.path("tls").isObject()) {
        ServerTlsWarnings.options(p, l.path("tls"), lp.field("tls"));
      }
      String protocol = Fields.text(l.path("port"), "protocol");
      if (protocol != null && Fields.set(l.path("connectionPool"), "http") && !Syntax.isHttpProtocol(protocol)) {
        p.report(lp.field("connectionPool").field("http").key(), "`connectionPool.http` on a " + protocol
                + " port is ignored: istiod applies only the tcp settings to it", "remove `http`, or set the port's protocol to HTTP");
      }
    }
  }
}
