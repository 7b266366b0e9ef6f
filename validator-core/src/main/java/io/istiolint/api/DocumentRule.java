package io.istiolint.api;

import io.istiolint.model.Document;

/**
 * A check of what reading one YAML document showed (a syntax error, a document that is not an object, a
 * repeated key). These exist before, and apart from, any resource.
 */
public interface DocumentRule {

  RuleMeta meta();

  void check(Document document, RuleContext ctx);
}
