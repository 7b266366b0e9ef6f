package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The warnings of Istio's VirtualService validation (validation.go: validateGatewayNames, validateSniHost,
 * validateHTTPFaultInjectionAbort, validateHTTPDirectResponse) that no other rule reports.
 */
final class VirtualServiceWarnings {

  private VirtualServiceWarnings() {}

  private static final int WARN_BODY_BYTES = 100 * 1024;
  private static final int MAX_BODY_BYTES = 1024 * 1024;

  static void check(Problems p) {
    JsonNode spec = p.spec();
    gatewayNames(p, spec, SPEC);
    for (String section : List.of("http", "tcp", "tls")) {
      List<JsonNode> routes = Json.items(spec.path(section));
      for (int i = 0; i < routes.size(); i++) {
        YamlPath rp = SPEC.field(section).index(i);
        List<JsonNode> matches = Json.items(routes.get(i).path("match"));
        for (int m = 0; m < matches.size(); m++) {
          gatewayNames(p, matches.get(m), rp.field("match").index(m));
          if (section.equals("tls")) {
            sniHosts(p, matches.get(m), rp.field("match").index(m));
          }
        }
        if (section.equals("http")) {
          abort(p, routes.get(i).path("fault").path("abort"), rp.field("fault").field("abort"));
          body(p, routes.get(i).path("directResponse").path("body"), rp.field("directResponse").field("body"));
        }
      }
    }
  }

  /** {@code name.namespace}: istiod still reads it as namespace/name (model.resolveGatewayName), but the form is legacy. */
  private static void gatewayNames(Problems p, JsonNode parent, YamlPath at) {
    List<JsonNode> names = Json.items(parent.path("gateways"));
    for (int g = 0; g < names.size(); g++) {
      String name = names.get(g).isString() ? names.get(g).asString("") : "";
      int dot = name.indexOf('.');
      if (!name.contains("/") && dot > 0) {
        String namespace = name.substring(dot + 1).split("\\.", 2)[0];
        p.report(at.field("gateways").index(g), "gateway `" + name + "` is written in the legacy `name.namespace` form;"
                + " istiod reads it as `" + namespace + "/" + name.substring(0, dot) + "`",
            "write `" + namespace + "/" + name.substring(0, dot) + "`");
      }
    }
  }

  private static void sniHosts(Problems p, JsonNode match, YamlPath at) {
    List<JsonNode> hosts = Json.items(match.path("sniHosts"));
    for (int h = 0; h < hosts.size(); h++) {
      String host = hosts.get(h).isString() ? hosts.get(h).asString("") : "";
      if (Syntax.isIp(host)) {
        p.report(at.field("sniHosts").index(h), "SNI host `" + host + "` is an IP address: TLS clients send no SNI for an IP"
            + " (RFC 6066), so the route matches only clients that break the rule", "match a DNS name, or match the address with `destinationSubnets`");
      }
    }
  }

  private static void abort(Problems p, JsonNode abort, YamlPath at) {
    if (abort.isObject() && !Fields.set(abort, "httpStatus") && !Fields.set(abort, "grpcStatus") && !Fields.set(abort, "http2Error")) {
      // route.go, translateFault: an abort of no known type is dropped
      p.report(at.key(), "the abort has no `httpStatus` or `grpcStatus`: istiod drops it and injects no abort",
          "add `httpStatus: 503` (or a `grpcStatus`)");
    }
  }

  private static void body(Problems p, JsonNode body, YamlPath at) {
    int size;
    String field;
    if (Fields.text(body, "string") != null) {
      field = "string";
      size = Fields.text(body, "string").getBytes(StandardCharsets.UTF_8).length;
    } else if (Fields.text(body, "bytes") != null) {
      field = "bytes";
      try {
        size = Base64.getMimeDecoder().decode(Fields.text(body, "bytes")).length;
      } catch (IllegalArgumentException notBase64) {
        return; // not base64: the schema rule reports it
      }
    } else {
      return;
    }
    if (size > WARN_BODY_BYTES && size <= MAX_BODY_BYTES) {
      p.report(at.field(field).key(), "the direct response body is " + size / 1024 + " KiB: istiod sends it inline in every"
          + " route configuration of every proxy that uses the route", "serve large bodies from a service; keep direct responses under 100 KiB");
    }
  }
}
