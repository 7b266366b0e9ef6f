package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.AbstractKeywordValidator;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;

/**
 * {@code x-kubernetes-int-or-string: true}: the value is an integer or a string (a Kubernetes IntOrString).
 * networknt does not know the keyword, and CRDs are not obliged to spell it out as an {@code anyOf}, so it
 * is enforced here. An integral float such as {@code 8.0} counts as an integer, as for {@code type: integer}
 * with lossless narrowing, because the API server accepts it too.
 */
final class IntOrStringKeyword implements Keyword {

  static final String NAME = "x-kubernetes-int-or-string";

  @Override
  public String getValue() {
    return NAME;
  }

  @Override
  public KeywordValidator newValidator(SchemaLocation location, JsonNode value, Schema parent, SchemaContext context) {
    return new Validator(this, value, location, parent.getSchemaNode().path("nullable").asBoolean(false));
  }

  private static final class Validator extends AbstractKeywordValidator {

    private final boolean enabled;
    private final boolean nullable;

    Validator(Keyword keyword, JsonNode value, SchemaLocation location, boolean nullable) {
      super(keyword, value, location);
      this.enabled = value.asBoolean(false);
      this.nullable = nullable;
    }

    @Override
    public void validate(ExecutionContext context, JsonNode node, JsonNode root, NodePath instanceLocation) {
      if (!enabled || accepted(node)) {
        return;
      }
      context.addError(Error.builder()
          .keyword(NAME)
          .instanceLocation(instanceLocation)
          .instanceNode(node)
          .schemaLocation(schemaLocation)
          .schemaNode(schemaNode)
          .evaluationPath(context.getEvaluationPath())
          .message("must be an integer or a string")
          .build());
    }

    private boolean accepted(JsonNode node) {
      return node.isString()
          || node.isIntegralNumber()
          || (node.isNumber() && node.canConvertToExactIntegral())
          || (node.isNull() && nullable);
    }
  }
}
