package io.istiolint.rules.virtualservice;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * IL0108: an http or tcp route that can never match, because an earlier route without matches takes all
 * traffic, or because every match it has is already taken by earlier routes (tls: by identical matches).
 *
 * <p>Istio's webhook warns only about routes after a match-less one and about exact duplicates; this rule also
 * sees matches covered by more general earlier ones ({@code prefix: /api/v1} after {@code prefix: /api}),
 * condition by condition, and never counts a delegating route as taking traffic (see {@link RouteShadowing}).
 */
public final class VsUnreachableRule implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0108", "vs-unreachable-rule", Severity.WARNING,
      Set.of(Kind.VIRTUAL_SERVICE), Set.of(),
      "A VirtualService route can never match: an earlier route takes all of its traffic",
      "Move the route above the route that shadows it, narrow that route's match, or remove the dead route",
      List.of("IST0130"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    for (RouteShadowing.UnreachableRoute r : RouteShadowing.analyze(target).routes()) {
      String by = String.join(", ", r.takenBy());
      if (r.afterCatchAll()) {
        ctx.report(target, r.path(), r.label() + " can never match: " + by
                + " has no match conditions and takes every request before it",
            "routes are tried in order: put the route without matches last, or give it match conditions");
      } else {
        ctx.report(target, r.path(), r.label() + " can never match: every request its matches accept is taken first by "
                + by,
            "routes are tried in order: move this route above " + by + ", or narrow the earlier match");
      }
    }
  }
}
