package io.istiolint.webhook;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code request} of an {@code admission.k8s.io/v1} AdmissionReview, as far as the webhook reads it.
 *
 * @param object    the object to admit; null on DELETE, or when the API server sent none
 * @param oldObject the object before: set on UPDATE and DELETE
 */
record AdmissionRequest(String uid, String operation, String group, String version, String kind, String namespace,
    String name, JsonNode object, JsonNode oldObject, boolean dryRun) {

  static final String API_VERSION = "admission.k8s.io/v1";

  /** Why a body is not an AdmissionReview the webhook can answer: the API server gets 400 and this text. */
  static final class BadReview extends Exception {
    private static final long serialVersionUID = 1L;

    BadReview(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads an AdmissionReview body. */
  static AdmissionRequest parse(byte[] body) throws BadReview {
    JsonNode review;
    try {
      review = JsonMapper.shared().readTree(body);
    } catch (JacksonException e) {
      throw new BadReview("the body is not JSON: " + e.getOriginalMessage());
    }
    if (review == null || !review.isObject()) {
      throw new BadReview("the body is not a JSON object");
    }
    String apiVersion = review.path("apiVersion").asString("");
    String kind = review.path("kind").asString("");
    if (!kind.equals("AdmissionReview") || !apiVersion.equals(API_VERSION)) {
      throw new BadReview("expected apiVersion " + API_VERSION + ", kind AdmissionReview; got apiVersion '" + apiVersion
          + "', kind '" + kind + "' (admissionReviewVersions must be [v1])");
    }
    JsonNode request = review.path("request");
    if (!request.isObject()) {
      throw new BadReview("the AdmissionReview has no request");
    }
    String uid = request.path("uid").asString("");
    if (uid.isEmpty()) {
      throw new BadReview("the AdmissionReview request has no uid");
    }
    String operation = request.path("operation").asString("");
    if (!operation.matches("CREATE|UPDATE|DELETE|CONNECT")) {
      throw new BadReview("the AdmissionReview request has no operation CREATE, UPDATE, DELETE or CONNECT (got '" + operation + "')");
    }
    JsonNode gvk = request.path("kind");
    return new AdmissionRequest(uid, operation, gvk.path("group").asString(""), gvk.path("version").asString(""),
        gvk.path("kind").asString(""), request.path("namespace").asString(""), request.path("name").asString(""),
        objectOrNull(request.path("object")), objectOrNull(request.path("oldObject")), request.path("dryRun").asBoolean(false));
  }

  private static JsonNode objectOrNull(JsonNode node) {
    return node.isObject() ? node : null;
  }

  /** "VirtualService bookinfo/reviews", for messages. */
  String displayName() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
