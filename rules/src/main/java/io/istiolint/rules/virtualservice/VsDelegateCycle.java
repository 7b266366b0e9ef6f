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
 * IL0111: VirtualService delegation that leads back to where it started. Reported on every VirtualService of
 * the loop, at the delegate reference that continues it, naming the whole loop. Istio never follows such a
 * loop (it resolves one level of delegation, from a VirtualService with hosts to one without), so every
 * route of the loop that delegates is dropped; IL0110 leaves these references to this rule.
 */
public final class VsDelegateCycle implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0111", "vs-delegate-cycle", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE), Set.of(Kind.VIRTUAL_SERVICE),
      "VirtualService delegation forms a loop",
      "Break the loop: a root VirtualService (with hosts) delegates to VirtualServices without hosts, which do not delegate further",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    DelegationCycles.loopsFrom(ctx.graph(), target).forEach((path, loop) -> ctx.report(target, path.field("name"),
        "delegation loops back to this VirtualService: " + DelegationCycles.describe(loop),
        "Istio follows one level of delegation only, so these routes are dropped: let the VirtualService with hosts "
            + "delegate to VirtualServices without hosts, and remove the delegation that closes the loop"));
  }
}
