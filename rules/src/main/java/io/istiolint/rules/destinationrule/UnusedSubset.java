package io.istiolint.rules.destinationrule;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.ExportTo;
import io.istiolint.hosts.Hosts;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * IL0206: a subset no VirtualService routes or mirrors to. Only judged when every VirtualService that could
 * use the rule is known: those of each namespace the DestinationRule is exported to, so a rule exported
 * everywhere (the default) needs {@code --complete}. Subsets of wildcard hosts are not judged: routes name
 * concrete hosts.
 */
public final class UnusedSubset implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0206", "dr-unused-subset", Severity.INFO,
      Set.of(Kind.DESTINATION_RULE), Set.of(Kind.VIRTUAL_SERVICE),
      "A subset that no VirtualService routes to (judged only when all VirtualServices that could use it are loaded)",
      "Remove the subset, or route to it from a VirtualService",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource dr, RuleContext ctx) {
    String host = Json.text(dr.spec().path("host"), "");
    List<JsonNode> subsets = Json.items(dr.spec().path("subsets"));
    if (host.isEmpty() || Hosts.isWildcard(host) || subsets.isEmpty() || !allVirtualServicesKnown(dr, ctx)) {
      return;
    }
    String fqdn = ctx.hosts().fqdn(host, dr.namespace());
    for (int i = 0; i < subsets.size(); i++) {
      String name = Json.text(subsets.get(i).path("name"), "");
      if (!name.isEmpty() && SubsetRoutes.to(fqdn, name, ctx).isEmpty()) {
        ctx.report(dr, YamlPath.of("spec", "subsets", i, "name"), "no VirtualService routes to subset `" + name + "` of " + fqdn,
            "remove the subset if nothing is meant to use it, or route to it with destination.subset: " + name);
      }
    }
  }

  private static boolean allVirtualServicesKnown(Resource dr, RuleContext ctx) {
    Set<String> scopes = ExportTo.scopesOf(dr, ctx.mesh().defaultDestinationRuleExportTo());
    if (scopes.isEmpty() || scopes.contains(ExportTo.ALL)) {
      return ctx.index().completeness().isCompleteEverywhere(Kind.VIRTUAL_SERVICE);
    }
    return scopes.stream().allMatch(ns -> ctx.index().completeness().isComplete(Kind.VIRTUAL_SERVICE, ns));
  }
}
