package io.istiolint.rules.schema;

import io.istiolint.api.StandaloneRule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * IL0010: a field set to null ({@code match:} with nothing after it) that the API server drops before it
 * validates and stores the object, as if it had not been written. Not an error: what is stored is valid
 * whenever the object without the field is; only a reader of the file may think the key does something.
 */
public final class NullValueDropped implements StandaloneRule {

  public static final RuleMeta META = new RuleMeta("IL0010", "null-value-dropped", Severity.INFO, Set.of(), Set.of(),
      "A field is set to null (an empty YAML value): the API server drops it before validation, as if it were not written",
      "Remove the empty key, or give it the value you meant",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    if (!target.holdsNull() || !target.kind().isIstio() || ctx.schemas().crd(target.group(), target.kind().kind())
        .flatMap(crd -> crd.version(target.version())).isEmpty()) {
      return; // nothing to drop; only Istio's served CRDs are known here (IL0003 covers the rest)
    }
    for (List<Object> path : ctx.schemas().pruneNulls(target.group(), target.version(), target.kind().kind(), target.object()).dropped()) {
      YamlPath at = YamlPath.ofSegments(path);
      ctx.report(target, at, "`" + at + "` is null: the API server drops it before validation, as if the key were not written",
          "remove the empty key, or give it the value you meant");
    }
  }
}
