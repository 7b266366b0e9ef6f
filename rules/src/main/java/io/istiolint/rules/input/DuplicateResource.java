package io.istiolint.rules.input;

import io.istiolint.api.Location;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * IL0005: the same object (kind, namespace, name) given twice. Reported on every occurrence after the
 * first: {@code kubectl apply} applies them in turn and the last one silently wins.
 */
public final class DuplicateResource implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0005", "duplicate-resource", Severity.ERROR, Set.of(), Set.of(),
      "The same kind, namespace and name is defined more than once in the inputs",
      "Remove or rename one of the definitions; only the last one applied survives",
      List.of());

  private static final YamlPath NAME = YamlPath.of("metadata", "name");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    List<Resource> same = ctx.index().sameIdentity(target);
    if (same.size() < 2 || same.get(0) == target) {
      return;
    }
    Location first = same.get(0).sourceMap().locate(NAME);
    String where = first == null ? "" : " (first defined at " + first + ")";
    ctx.report(target, NAME, target.ref().displayName() + " is defined more than once" + where,
        "keep one definition: kubectl applies both and the later one replaces the earlier");
  }
}
