package io.istiolint.rules.sidecar;

import io.istiolint.api.Kind;
import io.istiolint.api.RuleContext;
import io.istiolint.model.Resource;
import java.util.List;

/** What the Sidecar rules share: the other Sidecars of a namespace (selectors are {@link io.istiolint.index.Workload#selectorOf}). */
final class Sidecars {

  private Sidecars() {}

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
