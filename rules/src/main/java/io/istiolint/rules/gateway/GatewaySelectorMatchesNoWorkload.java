package io.istiolint.rules.gateway;

import io.istiolint.rules.common.ReadKinds;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.index.EndpointLabels;
import io.istiolint.index.Workload;
import io.istiolint.model.Resource;
import io.istiolint.rules.common.Labels;
import io.istiolint.schemas.Suggestions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IL0301: a Gateway whose selector matches no workload in any namespace configures no proxy. Istio applies a
 * Gateway to the gateway pods of every namespace, and those pods are usually installed apart from the
 * application (istioctl, Helm), so this is only decided when every workload is known: {@code --complete}, with the
 * gateways an IstioOperator among the inputs installs counted as workloads. Otherwise it stays unverified (unless a
 * loaded workload or an IstioOperator's gateway matches), where istioctl (matching Pods only, which files never
 * supply) reports Gateways of correct repositories.
 */
public final class GatewaySelectorMatchesNoWorkload implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0301", "gw-selector-matches-no-workload", Severity.ERROR,
      Set.of(Kind.GATEWAY), ReadKinds.of(ReadKinds.WORKLOADS, Kind.ISTIO_OPERATOR, Kind.NODE),
      "The Gateway's selector matches no workload in any namespace, so no proxy serves it",
      "Set spec.selector to the labels of the gateway pods (e.g. `istio: ingressgateway` for istioctl's default "
          + "ingress gateway), or deploy a gateway with those labels",
      List.of("IST0101", "KIA0302"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    Map<String, String> selector = Workload.selectorOf(target);
    if (selector.isEmpty()) {
      return;
    }
    YamlPath at = YamlPath.of("spec", "selector");
    EndpointLabels.Match match = Gateways.selects(ctx.index(), selector);
    if (match == EndpointLabels.Match.YES) {
      return;
    }
    if (match == EndpointLabels.Match.UNKNOWN) {
      ctx.unverified(target, at, EndpointLabels.UNKNOWN_REASON);
      return;
    }
    if (!Gateways.allWorkloadsKnown(ctx.index())) {
      ctx.unverified(target, at, Gateways.whyGatewayWorkloadsIncomplete(ctx.index()));
      return;
    }
    ctx.report(target, at, "selector `" + Labels.formatCompact(selector) + "` matches no workload in any namespace: no proxy "
        + "serves this Gateway", hint(Gateways.allWorkloads(ctx.index()), selector));
  }

  /** "Did you mean" for the first selector label no workload carries, from the labels workloads do carry. */
  private static String hint(List<Workload> workloads, Map<String, String> selector) {
    Set<String> carried = new LinkedHashSet<>();
    workloads.forEach(w -> w.labels().forEach((k, v) -> carried.add(k + ": " + v)));
    for (Map.Entry<String, String> e : selector.entrySet()) {
      String pair = e.getKey() + ": " + e.getValue();
      if (!carried.contains(pair)) {
        Optional<String> close = Suggestions.closest(pair, carried);
        if (close.isPresent()) {
          return "did you mean `" + close.get() + "`? (no workload is labelled `" + pair + "`)";
        }
        return "no workload is labelled `" + pair + "`; use the labels of the gateway pods' template";
      }
    }
    return "no single workload carries all these labels; use the labels of the gateway pods' template";
  }
}
