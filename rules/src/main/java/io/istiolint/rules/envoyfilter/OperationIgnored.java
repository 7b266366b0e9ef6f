package io.istiolint.rules.envoyfilter;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * IL0604: a patch operation istiod does not perform for its {@code applyTo}, so the patch is silently dropped:
 * REPLACE of a LISTENER, FILTER_CHAIN, CLUSTER or HTTP_ROUTE; anything but MERGE on ROUTE_CONFIGURATION or
 * BOOTSTRAP; anything but ADD on EXTENSION_CONFIG; REPLACE or REMOVE of a filter without saying which
 * (no {@code subFilter}, {@code filter} or {@code listenerFilter} match). INSERT_* on kinds without an
 * order become ADD in istiod and are not reported.
 *
 * <p>Differs from istioctl (IST0152–IST0154), whose table is older than istiod's patching code: ADD and REMOVE
 * on HTTP_ROUTE do work (they append and remove routes), so they are not reported.
 */
public final class OperationIgnored implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0604", "ef-operation-ignored", Severity.ERROR,
      Set.of(Kind.ENVOY_FILTER), Set.of(),
      "An EnvoyFilter patch uses an operation Istio ignores for its applyTo (REPLACE of a CLUSTER, ADD to ROUTE_CONFIGURATION, ...)",
      "Use an operation Istio applies to that object (MERGE to change it, ADD to add one, REMOVE to delete it)",
      List.of("IST0152", "IST0153", "IST0154"));

  /** What istiod does for each applyTo, after turning INSERT_* into ADD where order has no meaning. */
  private static final Map<String, Set<String>> SUPPORTED = Map.ofEntries(
      Map.entry("LISTENER", Set.of("ADD", "REMOVE", "MERGE")),
      Map.entry("FILTER_CHAIN", Set.of("ADD", "REMOVE", "MERGE")),
      Map.entry("CLUSTER", Set.of("ADD", "REMOVE", "MERGE")),
      Map.entry("VIRTUAL_HOST", Set.of("ADD", "REMOVE", "MERGE", "REPLACE")),
      Map.entry("HTTP_ROUTE", Set.of("ADD", "REMOVE", "MERGE", "INSERT_BEFORE", "INSERT_AFTER", "INSERT_FIRST")),
      Map.entry("ROUTE_CONFIGURATION", Set.of("MERGE")),
      Map.entry("BOOTSTRAP", Set.of("MERGE")),
      Map.entry("EXTENSION_CONFIG", Set.of("ADD")),
      Map.entry("NETWORK_FILTER", Set.of("ADD", "REMOVE", "MERGE", "REPLACE", "INSERT_BEFORE", "INSERT_AFTER", "INSERT_FIRST")),
      Map.entry("HTTP_FILTER", Set.of("ADD", "REMOVE", "MERGE", "REPLACE", "INSERT_BEFORE", "INSERT_AFTER", "INSERT_FIRST")),
      Map.entry("LISTENER_FILTER", Set.of("ADD", "REMOVE", "MERGE", "REPLACE", "INSERT_BEFORE", "INSERT_AFTER", "INSERT_FIRST")));

  /** Kinds where istiod turns INSERT_* into ADD. */
  private static final Set<String> UNORDERED = Set.of("LISTENER", "FILTER_CHAIN", "CLUSTER", "VIRTUAL_HOST",
      "ROUTE_CONFIGURATION", "BOOTSTRAP", "EXTENSION_CONFIG");

  private static final Map<String, String> ANCHOR_FIELD = Map.of(
      "HTTP_FILTER", "match.listener.filterChain.filter.subFilter.name",
      "NETWORK_FILTER", "match.listener.filterChain.filter.name",
      "LISTENER_FILTER", "match.listener.listenerFilter");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    for (ConfigPatch patch : ConfigPatch.of(target)) {
      String applyTo = patch.applyTo();
      String op = patch.operation();
      Set<String> supported = SUPPORTED.get(applyTo);
      if (supported == null || op.isEmpty() || op.equals("INVALID") || op.equals("MERGE_AND_REPLACE_LIST")) {
        continue;
      }
      String effective = op.startsWith("INSERT_") && UNORDERED.contains(applyTo) ? "ADD" : op;
      if (!supported.contains(effective)) {
        ctx.report(target, patch.at("patch", "operation"),
            op + " is not applied to " + applyTo + ": istiod ignores this patch (it supports "
                + String.join(", ", supported.stream().sorted().toList()) + " there)",
            suggestion(applyTo, op));
      } else if (ANCHOR_FIELD.containsKey(applyTo) && (op.equals("REPLACE") || op.equals("REMOVE") || applyTo.equals("LISTENER_FILTER") && op.equals("MERGE"))
          && patch.anchor() == null) {
        ctx.report(target, patch.at("patch", "operation"),
            op + " of " + ConfigPatch.withArticle(applyTo) + " without " + ANCHOR_FIELD.get(applyTo) + ": istiod does not know which one, and ignores this patch",
            "name the " + applyTo.toLowerCase(Locale.ROOT).replace('_', ' ') + " to " + op.toLowerCase(Locale.ROOT)
                + " in " + ANCHOR_FIELD.get(applyTo));
      }
    }
  }

  private static String suggestion(String applyTo, String op) {
    if (op.equals("REPLACE")) {
      return "use MERGE to change the matched " + applyTo + ", or REMOVE it and ADD a new one";
    }
    if (applyTo.equals("EXTENSION_CONFIG")) {
      return "an EXTENSION_CONFIG can only be added: use ADD";
    }
    if (applyTo.equals("BOOTSTRAP")) {
      return "only MERGE changes the bootstrap configuration";
    }
    return "only MERGE changes a ROUTE_CONFIGURATION; to add or remove virtual hosts or routes, patch VIRTUAL_HOST or HTTP_ROUTE";
  }
}
