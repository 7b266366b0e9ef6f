package io.istiolint.rules.destinationrule;

import io.istiolint.rules.common.ReadKinds;
import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.ExportTo;
import io.istiolint.index.Workload;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * IL0204: several DestinationRules of one namespace for the same host, where Istio really drops part of one.
 * Istio merges rules of one namespace for the same host (with the same exportTo, and both without
 * workloadSelector or with equal ones): the subsets are concatenated and the first rule's top-level
 * trafficPolicy is kept. What is lost — and reported, on the rule given later — is a second top-level
 * trafficPolicy and a subset name defined again. Rules whose different workloadSelectors both select one
 * workload are not merged, and that workload gets only one of them.
 *
 * <p>Unlike Kiali (KIA0201), merely having two rules for a host is not reported: distinct subsets, a single
 * trafficPolicy, a rule in another namespace (client, service and root namespace rules are looked up in that
 * order, by design) and a specific host next to a wildcard are all legitimate.
 */
public final class MultipleDestinationRulesForHost implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0204", "dr-multiple-for-host", Severity.WARNING,
      Set.of(Kind.DESTINATION_RULE), ReadKinds.of(ReadKinds.WORKLOADS, Kind.DESTINATION_RULE),
      "Several DestinationRules for the same host in one namespace, and Istio ignores part of one of them",
      "Merge the DestinationRules for a host into one, or keep a single top-level trafficPolicy and distinct subset names",
      List.of("KIA0201"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource dr, RuleContext ctx) {
    String host = Json.text(dr.spec().path("host"), "");
    if (host.isEmpty()) {
      return;
    }
    String fqdn = ctx.hosts().fqdn(host, dr.namespace());
    Set<String> scopes = scopes(dr, ctx);
    Map<String, String> selector = selector(dr);
    List<Resource> rules = ctx.hosts().destinationRules(fqdn, dr.namespace());
    // Each pair once, on the rule given later; a rule not visible in its own namespace is not compared.
    int position = rules.indexOf(dr);
    for (Resource earlier : rules.subList(0, Math.max(position, 0))) {
      boolean sameObject = earlier.name().equals(dr.name());
      if (sameObject || !earlier.namespace().equals(dr.namespace())
          || !ctx.hosts().fqdn(Json.text(earlier.spec().path("host"), ""), earlier.namespace()).equals(fqdn)
          || !scopes(earlier, ctx).equals(scopes)) {
        continue;
      }
      Map<String, String> other = selector(earlier);
      if (Objects.equals(selector, other)) {
        merged(dr, earlier, fqdn, ctx);
      } else if (selector != null && other != null) {
        overlapping(dr, earlier, selector, other, ctx);
      }
    }
  }

  /** The two are merged into one: a second top-level policy and repeated subset names are dropped. */
  private static void merged(Resource dr, Resource earlier, String fqdn, RuleContext ctx) {
    String who = earlier.ref().displayName();
    if (dr.spec().path("trafficPolicy").isObject() && earlier.spec().path("trafficPolicy").isObject()) {
      ctx.report(dr, YamlPath.of("spec", "trafficPolicy").key(), who + " also sets a top-level trafficPolicy for "
          + fqdn + " in this namespace: Istio merges the two rules and keeps only the policy of the one created first",
          "move the policy into one DestinationRule for " + fqdn);
    }
    List<JsonNode> subsets = Json.items(dr.spec().path("subsets"));
    Set<String> earlierNames = Set.copyOf(Json.items(earlier.spec().path("subsets")).stream()
        .map(s -> Json.text(s.path("name"), "")).filter(n -> !n.isEmpty()).toList());
    for (int i = 0; i < subsets.size(); i++) {
      String name = Json.text(subsets.get(i).path("name"), "");
      if (earlierNames.contains(name)) {
        ctx.report(dr, YamlPath.of("spec", "subsets", i, "name"), "subset `" + name + "` of " + fqdn + " is also defined by "
            + who + ": Istio merges the two rules and keeps only the definition of the one created first",
            "define subset `" + name + "` in one DestinationRule only");
      }
    }
  }

  /** Rules with different workload selectors stay apart; a workload both select gets only one. */
  private static void overlapping(Resource dr, Resource earlier, Map<String, String> selector, Map<String, String> other,
      RuleContext ctx) {
    Optional<Workload> shared = ctx.index().workloadsSelectedBy(dr.namespace(), selector).stream().filter(w -> w.matches(other)).findFirst();
    shared.ifPresent(w -> ctx.report(dr, YamlPath.of("spec", "workloadSelector"), "this DestinationRule and " + earlier.ref().displayName()
        + " both apply to " + w.source().ref().displayName() + " for the same host: Istio gives that workload only one of them",
        "make the workload selectors select distinct workloads, or merge the two DestinationRules"));
  }

  private static Set<String> scopes(Resource dr, RuleContext ctx) {
    return ExportTo.scopesOf(dr, ctx.mesh().defaultDestinationRuleExportTo());
  }

  /** The workloadSelector labels, or null when the rule has no workloadSelector. */
  private static Map<String, String> selector(Resource dr) {
    JsonNode selector = dr.spec().path("workloadSelector");
    return selector.isObject() ? Json.stringMap(selector.path("matchLabels")) : null;
  }
}
