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
 * IL0109: a match that can never be the one that applies: it equals an earlier match (ignoring its
 * {@code name}), or an earlier match is at least as general in every condition. Matches of routes that are
 * unreachable as a whole are left to IL0108.
 *
 * <p>Istio compares only identical matches and uri prefixes (with its own loose method defaulting); this rule
 * compares every condition (uri, scheme, method, authority, headers, withoutHeaders, queryParams, port,
 * sourceLabels, sourceNamespace, gateways, ignoreUriCase) and keeps quiet where it cannot decide.
 */
public final class VsIneffectiveMatch implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0109", "vs-ineffective-match", Severity.INFO,
      Set.of(Kind.VIRTUAL_SERVICE), Set.of(),
      "A VirtualService match duplicates, or is covered by, an earlier match",
      "Remove the match, or move it (with its route) above the more general one",
      List.of("IST0131"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    for (RouteShadowing.IneffectiveMatch m : RouteShadowing.analyze(target).matches()) {
      String relation = m.identical() ? "is the same as" : "is covered by";
      if (m.sameRoute()) {
        ctx.report(target, m.path(), m.path() + " adds nothing: it " + relation + " " + m.coveredBy()
                + " of the same route, which already accepts every request it accepts",
            "remove this match");
      } else {
        ctx.report(target, m.path(), m.path() + " never applies: it " + relation + " the earlier match " + m.coveredBy()
                + " of " + m.coveredByLabel() + ", which takes its requests first",
            m.identical() ? "remove the duplicate match" : "move this route above " + m.coveredByLabel()
                + " if these requests should go here, or remove the match");
      }
    }
  }
}
