package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import tools.jackson.databind.JsonNode;

/**
 * A workload selector written without labels (validation.go: ValidateAlphaWorkloadSelector, validateWorkloadSelector):
 * Istio admits it with a warning and treats it as no selector, so the object applies to every workload of its
 * namespace.
 */
final class SelectorWarnings {

  private SelectorWarnings() {}

  static void workloadSelector(Problems p, JsonNode spec, String field, String labels, String kind) {
    JsonNode selector = spec.path(field);
    if (selector.isObject() && selector.path(labels).size() == 0) {
      p.report(SPEC.field(field).key(), "`" + field + "` has no " + labels + ": the " + kind
              + " applies to every workload of the namespace, as if it had no selector",
          "add the labels of the workloads it is meant for, or remove `" + field + "`");
    }
  }
}
