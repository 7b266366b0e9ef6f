package io.istiolint.rules.destinationrule;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.ExportTo;
import io.istiolint.index.CredentialName;
import io.istiolint.index.Index;
import io.istiolint.index.Workload;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.rules.common.ReadKinds;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * IL0207: TLS origination with {@code credentialName} in a DestinationRule without {@code workloadSelector}.
 * istiod gives sidecars no TLS context for it (pilot/pkg/networking/core/cluster_tls.go,
 * buildUpstreamClusterTLSContext: a credential other than {@code configmap://}, mode SIMPLE or MUTUAL, a sidecar
 * proxy and a DestinationRule without selector yield no transport socket), so a sidecar connects to the host in
 * plain text; only gateways originate the TLS. Quiet where only gateways can use the rule: it is exported only to
 * namespaces whose workloads are all loaded and are all gateways (the pods a Gateway selects, or those Istio
 * deploys for a Kubernetes Gateway).
 */
public final class CredentialIgnoredBySidecars implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0207", "dr-credential-ignored-by-sidecars", Severity.WARNING,
      Set.of(Kind.DESTINATION_RULE), ReadKinds.of(ReadKinds.WORKLOADS, Kind.GATEWAY),
      "TLS origination with credentialName in a DestinationRule without workloadSelector: sidecars ignore it and connect in plain text",
      "Give the DestinationRule a workloadSelector for the proxies meant to originate TLS (a gateway, or client workloads whose"
          + " namespace holds the Secret), or export it only to the gateway's namespace",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource dr, RuleContext ctx) {
    if (!dr.spec().path("workloadSelector").isMissingNode() && !dr.spec().path("workloadSelector").isNull()) {
      return; // istiod checks only that a selector is there (isDrWithSelector): every proxy it applies to uses the credential
    }
    Set<String> scopes = ExportTo.scopesOf(dr, ctx.mesh().defaultDestinationRuleExportTo());
    Set<String> sidecarNamespaces = new TreeSet<>();
    if (!scopes.contains(ExportTo.ALL)) {
      for (String ns : scopes) {
        if (!gatewaysOnly(ctx.index(), ns)) {
          sidecarNamespaces.add(ns);
        }
      }
      if (sidecarNamespaces.isEmpty()) {
        return;
      }
    }
    String host = Json.text(dr.spec().path("host"), "");
    String where = scopes.contains(ExportTo.ALL) ? "in any namespace" : "in " + String.join(", ", sidecarNamespaces);
    policy(dr, dr.spec().path("trafficPolicy"), YamlPath.of("spec", "trafficPolicy"), host, where, ctx);
    List<JsonNode> subsets = Json.items(dr.spec().path("subsets"));
    for (int i = 0; i < subsets.size(); i++) {
      policy(dr, subsets.get(i).path("trafficPolicy"), YamlPath.of("spec", "subsets", i, "trafficPolicy"), host, where, ctx);
    }
  }

  private static void policy(Resource dr, JsonNode policy, YamlPath at, String host, String where, RuleContext ctx) {
    tls(dr, policy.path("tls"), at.field("tls"), host, where, ctx);
    List<JsonNode> ports = Json.items(policy.path("portLevelSettings"));
    for (int i = 0; i < ports.size(); i++) {
      tls(dr, ports.get(i).path("tls"), at.field("portLevelSettings").index(i).field("tls"), host, where, ctx);
    }
  }

  private static void tls(Resource dr, JsonNode tls, YamlPath at, String host, String where, RuleContext ctx) {
    String mode = Json.text(tls.path("mode"), "");
    String credential = Json.text(tls.path("credentialName"), "");
    if (credential.isEmpty() || credential.startsWith(CredentialName.CONFIG_MAP_SCHEME) || (!mode.equals("SIMPLE") && !mode.equals("MUTUAL"))) {
      return;
    }
    ctx.report(dr, at.field("credentialName"), "sidecars ignore `credentialName` in a DestinationRule without workloadSelector:"
            + " a sidecar " + where + " connects to `" + host + "` in plain text, not with " + mode + " TLS; only gateways use `"
            + credential + "`",
        "add a workloadSelector for the proxies meant to originate TLS (a gateway, or clients whose namespace holds the Secret),"
            + " or export the rule only to the gateway's namespace");
  }

  /** True when {@code namespace}'s workloads are all loaded, there is one at least, and each is a gateway. */
  private static boolean gatewaysOnly(Index index, String namespace) {
    List<Workload> workloads = index.workloadsIn(namespace);
    if (workloads.isEmpty() || !index.completeness().workloadsComplete(namespace)) {
      return false;
    }
    List<Map<String, String>> gatewaySelectors = index.ofKind(Kind.GATEWAY).stream().map(Workload::selectorOf)
        .filter(s -> !s.isEmpty()).toList();
    return workloads.stream().allMatch(w -> w.source().kind().equals(Kind.KUBERNETES_GATEWAY)
        || gatewaySelectors.stream().anyMatch(w::matches));
  }
}
