package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The warnings of Istio's DestinationRule validation (validation.go: validateOutlierDetection, validateLoadBalancer,
 * agent.ValidateLocalityLbSetting), in every traffic policy: the top-level one, each subset's, and their
 * portLevelSettings.
 */
final class DestinationRuleWarnings {

  private DestinationRuleWarnings() {}

  static void check(Problems p) {
    JsonNode top = p.spec().path("trafficPolicy");
    boolean topOutlier = Fields.set(top, "outlierDetection");
    policy(p, top, SPEC.field("trafficPolicy"), false);
    List<JsonNode> subsets = Json.items(p.spec().path("subsets"));
    for (int i = 0; i < subsets.size(); i++) {
      policy(p, subsets.get(i).path("trafficPolicy"), SPEC.field("subsets").index(i).field("trafficPolicy"), topOutlier);
    }
  }

  /**
   * A policy and its port-level settings. {@code outlierAbove}: the DestinationRule's policy, which a subset's is
   * merged over, has outlier detection; a subset that sets none keeps it (model.MergeTrafficPolicy). Port-level
   * settings replace their policy's wholesale, so a port has outlier detection only when it sets its own.
   */
  private static void policy(Problems p, JsonNode policy, YamlPath at, boolean outlierAbove) {
    if (!policy.isObject()) {
      return;
    }
    boolean outlier = outlierAbove || Fields.set(policy, "outlierDetection");
    settings(p, policy, at, outlier);
    List<JsonNode> ports = Json.items(policy.path("portLevelSettings"));
    for (int i = 0; i < ports.size(); i++) {
      if (ports.get(i).isObject()) {
        settings(p, ports.get(i), at.field("portLevelSettings").index(i), Fields.set(ports.get(i), "outlierDetection"));
      }
    }
  }

  private static void settings(Problems p, JsonNode policy, YamlPath at, boolean outlierApplies) {
    JsonNode outlier = policy.path("outlierDetection");
    Long errors = Fields.integer(outlier, "consecutiveErrors");
    if (errors != null && errors != 0) {
      // istiod never reads the field (cluster_traffic_policy.go, applyOutlierDetection); without consecutive5xxErrors
      // Envoy's own default of 5 applies
      boolean replaced = Fields.set(outlier, "consecutive5xxErrors") || Fields.set(outlier, "consecutiveGatewayErrors");
      p.report(at.field("outlierDetection").field("consecutiveErrors").key(),
          "`outlierDetection.consecutiveErrors` is deprecated and ignored by istiod: " + (replaced
              ? "only `consecutive5xxErrors` and `consecutiveGatewayErrors` decide ejection"
              : "Envoy ejects a host after its default of 5 consecutive 5xx responses, not after " + errors),
          replaced ? "remove `consecutiveErrors`"
              : "write `consecutive5xxErrors: " + errors + "` (or `consecutiveGatewayErrors: " + errors + "` for 502, 503 and 504 only)");
    }
    JsonNode lb = policy.path("loadBalancer");
    JsonNode hash = lb.path("consistentHash");
    Long ring = Fields.integer(hash, "minimumRingSize");
    if (ring != null && ring != 0) {
      // cluster_traffic_policy.go, applyLoadBalancer: used only when ringHash.minimumRingSize is not set
      p.report(at.field("loadBalancer").field("consistentHash").field("minimumRingSize").key(),
          "`consistentHash.minimumRingSize` is deprecated: istiod still applies it to the ring hash unless"
              + " `ringHash.minimumRingSize` is set, which wins",
          "write `consistentHash: {ringHash: {minimumRingSize: " + ring + "}}` instead");
    }
    JsonNode locality = lb.path("localityLbSetting");
    boolean failover = Fields.nonEmpty(locality, "failover") || Fields.nonEmpty(locality, "failoverPriority");
    if (failover && !outlierApplies) {
      // loadbalancer.go, ApplyLocalityLoadBalancer: failover priorities only with outlier detection
      YamlPath fp = at.field("loadBalancer").field("localityLbSetting")
          .field(Fields.nonEmpty(locality, "failover") ? "failover" : "failoverPriority").key();
      p.report(fp, "locality failover without `outlierDetection` never fails over: istiod applies failover priorities only"
              + " when outlier detection is set, so Envoy keeps sending to unhealthy local endpoints",
          "add `outlierDetection` (e.g. `{consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s}`) beside `loadBalancer`");
    }
  }
}
