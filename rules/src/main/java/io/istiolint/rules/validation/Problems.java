package io.istiolint.rules.validation;

import io.istiolint.api.RuleContext;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Where one resource's checks report: the resource and the run's context, bound together, and the spec Istio's
 * webhook sees: the API server has dropped its explicit nulls first ({@code SchemaCatalog.pruneNulls}), and a
 * spec that is then absent is validated as an empty one, since istiod decodes a missing spec into an empty
 * message (pilot/pkg/config/kube/crd/conversion.go, ConvertObjectInternal: the absent spec is JSON null, which
 * golang/protobuf's jsonpb unmarshals as a no-op) and runs the same per-kind validation on it.
 */
final class Problems {

  private final Resource target;
  private final RuleContext ctx;
  private final JsonNode spec;
  private final boolean specAbsent;

  /** For an object of a served (group, version, kind) only. */
  Problems(Resource target, RuleContext ctx) {
    this.target = target;
    this.ctx = ctx;
    JsonNode stored = !target.holdsNull() ? target.object()
        : ctx.schemas().pruneNulls(target.group(), target.version(), target.kind().kind(), target.object()).object();
    this.specAbsent = stored.path("spec").isMissingNode() || stored.path("spec").isNull();
    this.spec = specAbsent ? JsonNodeFactory.instance.objectNode() : stored.path("spec");
  }

  Resource target() {
    return target;
  }

  /** The spec Istio's webhook validates: the stored object's spec, or an empty one when it has none. */
  JsonNode spec() {
    return spec;
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
