package io.istiolint.rules.validation;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * IL0011: what Istio's validating webhook admits with a warning (pkg/config/validation: the {@code WrapWarning}
 * and {@code AppendWarningf} calls): fields istiod ignores, deprecated fields it still reads, settings that do
 * not do what they say. Each finding names the field and what istiod does instead.
 *
 * <p>Warnings other rules already report are left to them: deprecated VirtualService fields (IL0114), unreachable
 * routes and ineffective matches (IL0108/IL0109), addresses for TCP ServiceEntries (IL0401), several hosts on a
 * TCP port (IL0008), filter matches and deprecated filter names in EnvoyFilters (IL0606), an over-long proxyVersion
 * (IL0009), more than 2 server certificates (IL0004), an empty tag override name (IL0706). docs/rules/IL0011.md lists every warning and where it is reported.
 */
public final class IstioValidationWarning implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0011", "istio-validation-warning", Severity.WARNING,
      Set.of(Kind.VIRTUAL_SERVICE, Kind.DESTINATION_RULE, Kind.GATEWAY, Kind.SERVICE_ENTRY, Kind.SIDECAR,
          Kind.ENVOY_FILTER, Kind.TELEMETRY), Set.of(),
      "Istio's admission validation accepts the object with a warning: a field istiod ignores, a deprecated field, or a"
          + " setting that does not do what it says",
      "Change the field as the hint says; `kubectl apply` prints the same warning and istiod behaves as the message says",
      List.of("IST0133"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    if (!IstioValidation.served(target, ctx)) {
      return; // the API server refuses a version no CRD serves (IL0003)
    }
    Problems p = new Problems(target, ctx);
    if (!p.spec().isObject()) {
      return;
    }
    switch (target.kind().kind()) {
      case "VirtualService" -> VirtualServiceWarnings.check(p);
      case "DestinationRule" -> DestinationRuleWarnings.check(p);
      case "Gateway" -> ServerTlsWarnings.gateway(p);
      case "ServiceEntry" -> ServiceEntryWarnings.check(p);
      case "Sidecar" -> SidecarWarnings.check(p);
            case "EnvoyFilter" -> SelectorWarnings.workloadSelector(p, p.spec(), "workloadSelector", "labels", "EnvoyFilter");
      case "Telemetry" -> TelemetryWarnings.check(p);
      default -> { } // not a kind this rule targets
    }
  }
}
