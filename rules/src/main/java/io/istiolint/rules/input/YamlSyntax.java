package io.istiolint.rules.input;

import io.istiolint.api.DocumentRule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.model.Document;
import java.util.List;
import java.util.Set;

/** IL0001: a document that cannot be read as YAML. The loader finds the position; this rule reports it. */
public final class YamlSyntax implements DocumentRule {

  public static final RuleMeta META = new RuleMeta("IL0001", "yaml-syntax", Severity.ERROR, Set.of(), Set.of(),
      "The document is not valid YAML (or not UTF-8, or beyond the size, depth or alias limits)",
      "Fix the YAML at the position shown; the other documents of the file are still checked",
      List.of("IST0106"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Document document, RuleContext ctx) {
    Document.Problem error = document.syntaxError();
    if (error != null) {
      ctx.report(null, null, error.location(), error.message(), error.hint());
    }
  }
}
