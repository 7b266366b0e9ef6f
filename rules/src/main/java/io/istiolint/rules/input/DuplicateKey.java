package io.istiolint.rules.input;

import io.istiolint.api.DocumentRule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.model.Document;
import java.util.List;
import java.util.Set;

/** IL0006: a mapping that repeats a key; kubectl keeps the last value and the first is silently lost. */
public final class DuplicateKey implements DocumentRule {

  public static final RuleMeta META = new RuleMeta("IL0006", "duplicate-key", Severity.ERROR, Set.of(), Set.of(),
      "A mapping repeats a key, so one of the two values is silently lost",
      "Keep one of the two keys; if both values are needed, merge them under one key",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Document document, RuleContext ctx) {
    for (Document.DuplicateKey d : document.duplicateKeys()) {
      String key = String.valueOf(d.path().last());
      ctx.report(d.resource(), d.path(), d.location(),
          "key `" + key + "` is repeated: this value replaces the one at line " + d.firstLocation().line(),
          "remove one of the two `" + key + "` keys (the first one, at line " + d.firstLocation().line() + ", has no effect)");
    }
  }
}
