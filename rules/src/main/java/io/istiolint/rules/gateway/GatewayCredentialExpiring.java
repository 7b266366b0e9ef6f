package io.istiolint.rules.gateway;

import io.istiolint.rules.common.ReadKinds;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * IL0308: a certificate of a Secret a Gateway terminates TLS with expires within 30 days. Split from IL0303
 * because a rule has one severity: expired is an error, expiring soon a warning.
 */
public final class GatewayCredentialExpiring implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0308", "gw-credential-expiring", Severity.WARNING,
      Set.of(Kind.SECRET), ReadKinds.of(ReadKinds.WORKLOADS, Kind.GATEWAY, Kind.ISTIO_OPERATOR),
      "A certificate a Gateway serves TLS with expires within 30 days",
      "Renew the certificate and update the Secret before it expires",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    for (CredentialCheck.Problem p : CredentialCheck.problems(ctx, target)) {
      if (p.outcome() == CredentialCheck.Outcome.EXPIRING) {
        ctx.report(target, p.path(), p.message(), p.hint());
      }
    }
  }
}
