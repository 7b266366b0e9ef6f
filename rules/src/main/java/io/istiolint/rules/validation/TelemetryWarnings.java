package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The warnings of Istio's Telemetry validation (validation.go: ValidateTelemetry, validateTelemetryTracing,
 * validateWorkloadSelector), with what istiod does instead (model/telemetry.go, Tracing).
 */
final class TelemetryWarnings {

  private TelemetryWarnings() {}

  static void check(Problems p) {
    JsonNode spec = p.spec();
    SelectorWarnings.workloadSelector(p, spec, "selector", "matchLabels", "Telemetry");
    List<JsonNode> tracing = Json.items(spec.path("tracing"));
    for (int i = 0; i < tracing.size(); i++) {
      JsonNode entry = tracing.get(i);
      YamlPath at = SPEC.field("tracing").index(i);
      List<JsonNode> providers = Json.items(entry.path("providers"));
      if (providers.size() > 1) {
        p.report(at.field("providers").index(1), "only the first tracing provider is used: istiod sends spans to `"
                + providers.get(0).path("name").asString("") + "` and ignores the others",
            "keep one provider per tracing entry; a second backend needs a collector that fans out (e.g. OpenTelemetry)");
      }
      for (int earlier = 0; earlier < i; earlier++) {
        String replaced = replaced(tracing.get(earlier), entry);
        if (replaced != null) {
          p.report(at.field(replaced).key(), "tracing[" + i + "] sets `" + replaced + "` again for traffic tracing[" + earlier
                  + "] already sets it for: istiod applies the entries in order, so the earlier value is lost",
              "merge the two entries into one, or give them different `match.mode`s");
          break;
        }
      }
    }
  }

  /**
   * The first setting a later tracing entry writes again for traffic (client, server) an earlier one covers, or
   * null. An entry that only adds settings the earlier one leaves alone (a server-side `disableSpanReporting`
   * under a general provider) is the intended layering, not a conflict.
   */
  private static String replaced(JsonNode earlier, JsonNode later) {
    if (!overlap(mode(earlier), mode(later))) {
      return null;
    }
    for (String field : later.propertyNames()) {
      if (!field.equals("match") && Fields.set(later, field) && Fields.set(earlier, field)) {
        return field;
      }
    }
    return null;
  }

  private static String mode(JsonNode entry) {
    String mode = Fields.text(entry.path("match"), "mode");
    return mode == null ? "CLIENT_AND_SERVER" : mode;
  }

  private static boolean overlap(String a, String b) {
    return a.equals(b) || a.equals("CLIENT_AND_SERVER") || b.equals("CLIENT_AND_SERVER");
  }
}
