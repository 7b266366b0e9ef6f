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
 * IL0303: a Secret a Gateway terminates TLS with cannot serve: no certificate/key pair under the keys istiod
 * reads ({@code tls.crt}/{@code tls.key} or {@code cert}/{@code key}, from {@code data} or {@code stringData}),
 * a value that is not PEM, a key that is not the certificate's, a certificate (any in the chain, or in the
 * mutual-TLS CA bundle) that has expired or is not valid yet. Reported on the Secret, at the value that is
 * wrong; istioctl (IST0161) checks only the first certificate and never the key.
 */
public final class GatewayCredentialInvalid implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0303", "gw-credential-invalid", Severity.ERROR,
      Set.of(Kind.SECRET), ReadKinds.of(ReadKinds.WORKLOADS, Kind.GATEWAY, Kind.ISTIO_OPERATOR),
      "A Secret a Gateway serves TLS with lacks a certificate/key pair, holds unparsable PEM, a key that does not "
          + "match the certificate, or a certificate that expired or is not valid yet",
      "Store a valid, current PEM certificate chain as `tls.crt` and its unencrypted private key as `tls.key`",
      List.of("IST0161"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    for (CredentialCheck.Problem p : CredentialCheck.problems(ctx, target)) {
      if (p.outcome() == CredentialCheck.Outcome.INVALID) {
        ctx.report(target, p.path(), p.message(), p.hint());
      }
    }
  }
}
