package io.istiolint.rules.destinationrule;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IL0203: two subsets of one DestinationRule share a name. Istio's admission webhook rejects the rule; where
 * it is not installed, only one definition takes effect. Reported on every definition after the first.
 */
public final class DuplicateSubset implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0203", "dr-duplicate-subset", Severity.ERROR,
      Set.of(Kind.DESTINATION_RULE), Set.of(),
      "Two subsets of one DestinationRule have the same name",
      "Give every subset its own name, or remove the extra definition",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource dr, RuleContext ctx) {
    List<JsonNode> subsets = Json.items(dr.spec().path("subsets"));
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < subsets.size(); i++) {
      String name = Json.text(subsets.get(i).path("name"), "");
      if (name.isEmpty()) {
        continue;
      }
      Integer earlier = first.putIfAbsent(name, i);
      if (earlier != null) {
        ctx.report(dr, YamlPath.of("spec", "subsets", i, "name"),
            "subset name `" + name + "` is already defined at spec.subsets[" + earlier + "] of this DestinationRule",
            "rename or remove one of them: Istio's admission webhook rejects duplicate subset names, and routes can only reach one");
      }
    }
  }
}
