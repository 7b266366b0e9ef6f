package io.istiolint.webhook;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook's answer to one request.
 *
 * @param message  why it is denied, as {@code kubectl} prints it after "denied the request: "; null when allowed
 * @param warnings shown by {@code kubectl} as "Warning: ..." lines, allowed or not
 */
record AdmissionResponse(String uid, boolean allowed, String message, List<String> warnings) {

  AdmissionResponse {
    warnings = List.copyOf(warnings);
  }

  static AdmissionResponse allow(String uid, List<String> warnings) {
    return new AdmissionResponse(uid, true, null, warnings);
  }

  /** The AdmissionReview that carries this response back to the API server. */
  byte[] toJson() {
    ObjectNode review = JsonMapper.shared().createObjectNode();
    review.put("apiVersion", AdmissionRequest.API_VERSION);
    review.put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response");
    response.put("uid", uid);
    response.put("allowed", allowed);
    if (!allowed) {
      ObjectNode status = response.putObject("status");
      status.put("code", 403);
      status.put("reason", "Forbidden");
      status.put("message", message);
    }
    if (!warnings.isEmpty()) {
      ArrayNode list = response.putArray("warnings");
      warnings.forEach(list::add);
    }
    return JsonMapper.shared().writeValueAsBytes(review);
  }
}
