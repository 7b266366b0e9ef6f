package io.istiolint.rules.sidecar;

import io.istiolint.api.Kind;
import io.istiolint.api.RuleContext;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Map;

/** What the Sidecar rules share: selectors and the other Sidecars of a namespace. */
final class Sidecars {

  private Sidecars() {}

  /** {@code spec.workloadSelector.labels}; empty for a namespace-wide Sidecar. */
  static Map<String, String> selector(Resource sidecar) {
    return Json.stringMap(sidecar.spec().path("workloadSelector").path("labels"));
  }

  /**
   * The other Sidecars of the namespace, in input order; a second definition of the same object (IL0005)
   * replaces it rather than adding one.
   */
  static List<Resource> others(Resource sidecar, RuleContext ctx) {
    return ctx.index().ofKind(Kind.SIDECAR).stream()
        .filter(s -> s.namespace().equals(sidecar.namespace()) && !s.name().equals(sidecar.name()))
        .toList();
  }
}
