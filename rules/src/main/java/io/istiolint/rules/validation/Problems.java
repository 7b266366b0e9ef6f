package io.istiolint.rules.validation;

import io.istiolint.api.RuleContext;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Where one resource's checks report: the resource and the run's context, bound together. An object without
 * {@code spec} (or with {@code spec: null}) is checked as an empty spec, since that is what Istio's webhook
 * validates: it decodes a null spec into an empty message (pilot/pkg/config/kube/crd/conversion.go,
 * ConvertObjectInternal) and runs the same per-kind validation on it.
 */
final class Problems {

  private final Resource target;
  private final RuleContext ctx;
  private final boolean specAbsent;

  Problems(Resource target, RuleContext ctx) {
    this.target = target;
    this.ctx = ctx;
    this.specAbsent = target.spec().isMissingNode() || target.spec().isNull();
  }

  Resource target() {
    return target;
  }

  /** The spec Istio's webhook validates: the object's spec, or an empty one when it has none. */
  JsonNode spec() {
    return specAbsent ? JsonNodeFactory.instance.objectNode() : target.spec();
  }

  /**
   * True when the object has no spec: the API server then leaves the spec's own required fields unchecked, so
   * what the webhook rejects for a missing required field is this rule's to report.
   */
  boolean specAbsent() {
    return specAbsent;
  }

  void report(YamlPath at, String message, String hint) {
    ctx.report(target, at, specAbsent ? "no `spec` (Istio's webhook validates it as an empty one): " + message : message, hint);
  }
}
