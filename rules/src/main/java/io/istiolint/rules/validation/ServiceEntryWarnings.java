package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import io.istiolint.model.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The warnings of Istio's ServiceEntry validation (validation.go: ValidateServiceEntry) that no other rule reports. */
final class ServiceEntryWarnings {

  private ServiceEntryWarnings() {}

  static void check(Problems p) {
    JsonNode spec = p.spec();
    SelectorWarnings.workloadSelector(p, spec, "workloadSelector", "labels", "ServiceEntry");
    String resolution = Fields.text(spec, "resolution");
    resolution = resolution == null ? "NONE" : resolution;
    if (!resolution.equals("DYNAMIC_DNS")) {
      List<JsonNode> hosts = Json.items(spec.path("hosts"));
      for (int i = 0; i < hosts.size(); i++) {
        String host = hosts.get(i).isString() ? hosts.get(i).asString("") : "";
        if (Syntax.isPartialWildcard(host) && Syntax.wildcardDomain(host) == null) {
          p.report(SPEC.field("hosts").index(i), "host `" + host + "` is a partial wildcard, which Istio supports only with"
                  + " resolution DYNAMIC_DNS; with " + resolution + " istiod matches every name ending in what follows the `*`"
                  + " (host.Name.Matches), not one label",
              "use a whole first label (`*.example.com`), or resolution DYNAMIC_DNS");
        }
      }
    }
    if (resolution.equals("NONE") && Fields.set(spec, "workloadSelector")) {
      p.report(SPEC.field("workloadSelector").key(), "`workloadSelector` with resolution NONE selects endpoints that are"
              + " never used: the proxy forwards to the address the client connected to",
          "use resolution STATIC to send the traffic to the selected workloads, or remove `workloadSelector`");
    }
  }
}
