package io.istiolint.rules.virtualservice;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * IL0114: VirtualService fields the API deprecates but the CRD still accepts: {@code http[].fault.delay.percent}
 * (integer) for {@code percentage}, {@code http[].mirrorPercent} / {@code mirror_percent} for
 * {@code mirrorPercentage}, and {@code http[].corsPolicy.allowOrigin} for {@code allowOrigins}. Each is reported
 * wherever it is set; istioctl's IST0002 covers only a non-zero {@code fault.delay.percent}, Istio's webhook
 * warns about {@code mirrorPercent}.
 */
public final class VsDeprecatedField implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0114", "vs-deprecated-field", Severity.WARNING,
      Set.of(Kind.VIRTUAL_SERVICE), Set.of(),
      "A deprecated VirtualService field is used",
      "Use the replacement field named in the hint; the deprecated ones may be removed in a future API version",
      List.of("IST0002"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    List<JsonNode> routes = Json.items(target.spec().path("http"));
    for (int i = 0; i < routes.size(); i++) {
      JsonNode route = routes.get(i);
      YamlPath at = YamlPath.of("spec", "http", i);
      JsonNode percent = route.path("fault").path("delay").path("percent");
      if (present(percent)) {
        ctx.report(target, at.field("fault").field("delay").field("percent").key(),
            "`fault.delay.percent` is deprecated", "use `percentage: {value: " + percent.asString("") + "}` instead");
      }
      for (String field : List.of("mirrorPercent", "mirror_percent")) {
        JsonNode value = route.path(field);
        if (present(value)) {
          ctx.report(target, at.field(field).key(), "`" + field + "` is deprecated",
              "use `mirrorPercentage: {value: " + value.asString("") + "}` instead");
        }
      }
      JsonNode origins = route.path("corsPolicy").path("allowOrigin");
      if (present(origins)) {
        List<String> exact = Json.items(origins).stream().filter(JsonNode::isString).map(o -> "{exact: " + quote(o.asString("")) + "}").toList();
        ctx.report(target, at.field("corsPolicy").field("allowOrigin").key(), "`corsPolicy.allowOrigin` is deprecated",
            "use `allowOrigins: [" + String.join(", ", exact) + "]` instead");
      }
    }
  }

  private static boolean present(JsonNode n) {
    return !n.isMissingNode() && !n.isNull();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
