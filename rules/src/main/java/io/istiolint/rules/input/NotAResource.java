package io.istiolint.rules.input;

import io.istiolint.api.DocumentRule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.model.Document;
import java.util.List;
import java.util.Set;

/** IL0002: a document (or a {@code kind: List} item) that is not a Kubernetes object. */
public final class NotAResource implements DocumentRule {

  public static final RuleMeta META = new RuleMeta("IL0002", "not-a-resource", Severity.ERROR, Set.of(), Set.of(),
      "The document is not a Kubernetes object: not a mapping, or no apiVersion, kind or metadata.name",
      "Give the object apiVersion, kind and metadata.name, or remove the document from the manifests",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Document document, RuleContext ctx) {
    for (Document.Problem p : document.notResources()) {
      ctx.report(null, null, p.location(), p.message(), p.hint());
    }
  }
}
