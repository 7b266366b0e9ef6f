package io.istiolint.rules.validation;

import io.istiolint.api.Kind;
import io.istiolint.api.StandaloneRule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * IL0008: what Istio's validating webhook (and the CEL rules of its CRDs, which the schema rule does not
 * evaluate) rejects in a VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar or WorkloadEntry: host name
 * formats, ports, durations, weights, conflicting route actions, TLS field combinations, resolution and
 * endpoint combinations, listener rules. One finding per problem, at the value that is wrong.
 *
 * <p>An object without spec is judged as an empty spec, as the webhook does (unless its CRD requires spec, when
 * the API server refuses it first).
 *
 * <p>Only what Istio rejects is reported; its warnings and the checks other rules own are left out:
 * regexes (IL0009), duplicate subset names (IL0203), unreachable routes (IL0108/IL0109), addresses for TCP
 * ServiceEntries (IL0401), deprecated fields (IL0114).
 */
public final class IstioValidation implements StandaloneRule {

  public static final RuleMeta META = new RuleMeta("IL0008", "istio-validation", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE, Kind.DESTINATION_RULE, Kind.GATEWAY, Kind.SERVICE_ENTRY, Kind.SIDECAR, Kind.WORKLOAD_ENTRY), Set.of(),
      "Istio's admission validation rejects the object: invalid host name, port, duration or weight, conflicting route"
          + " actions, TLS settings that do not fit the mode, resolution/endpoint combinations, listener rules",
      "Fix the value named in the message; `kubectl apply` would be refused with the same problem",
      List.of("IST0106"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    if (!served(target, ctx)) {
      return; // the API server refuses a version no CRD serves (IL0003); Istio never sees it
    }
    Problems p = new Problems(target, ctx);
    if (p.specAbsent() && !admittedWithoutSpec(target, ctx)) {
      return; // the CRD requires spec: the API server refuses the object first (IL0004)
    }
    CommonChecks.annotations(p);
    switch (target.kind().kind()) {
      case "VirtualService" -> VirtualServiceChecks.check(p);
      case "DestinationRule" -> DestinationRuleChecks.check(p);
      case "Gateway" -> GatewayChecks.check(p);
      case "ServiceEntry" -> ServiceEntryChecks.check(p);
      case "Sidecar" -> SidecarChecks.check(p);
      case "WorkloadEntry" -> ServiceEntryChecks.endpoint(p, p.spec(), CommonChecks.SPEC, null, true, true);
      default -> { } // not a kind this rule targets
    }
  }

  /** Whether the API server admits an object of this kind with no spec at all, so that Istio's webhook judges it. */
  private static boolean admittedWithoutSpec(Resource target, RuleContext ctx) {
    ObjectNode probe = JsonNodeFactory.instance.objectNode();
    probe.put("apiVersion", target.ref().apiVersion());
    probe.put("kind", target.kind().kind());
    probe.putObject("metadata").put("name", "probe");
    return ctx.schemas().validate(target.group(), target.version(), target.kind().kind(), probe).isEmpty();
  }

  static boolean served(Resource target, RuleContext ctx) {
    return ctx.schemas().crd(target.group(), target.kind().kind()).flatMap(crd -> crd.version(target.version())).isPresent();
  }
}
