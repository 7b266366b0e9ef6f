package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import java.util.List;

/**
 * The validator of one (group, version, kind): the converted schema, compiled to a direct walk that settles the
 * valid objects ({@link DirectCheck}) and by networknt, which judges the rest. Immutable once built; networknt's
 * {@link Schema} is safe for concurrent validation after its validators are initialised.
 */
final class CompiledSchema {

  private final DirectCheck direct;
  private final Schema schema;
  private final ErrorTranslator translator;
  private final JsonNode openApiV3Schema;

  private CompiledSchema(DirectCheck direct, Schema schema, ErrorTranslator translator, JsonNode openApiV3Schema) {
    this.direct = direct;
    this.schema = schema;
    this.translator = translator;
    this.openApiV3Schema = openApiV3Schema;
  }

  static CompiledSchema compile(SchemaRegistry registry, JsonNode openApiV3Schema) {
    ObjectNode jsonSchema = StructuralSchemas.toJsonSchema(openApiV3Schema);
    Schema schema = registry.getSchema(jsonSchema);
    // Build every nested validator now, inside the caller's computeIfAbsent, not during a later validate.
    schema.initializeValidators();
    return new CompiledSchema(DirectCheck.compile(jsonSchema), schema, new ErrorTranslator(jsonSchema), openApiV3Schema);
  }

  /** The object as the API server validates it: without the explicit nulls it drops first. */
  PrunedNulls pruneNulls(JsonNode object) {
    return NullPruning.prune(object, openApiV3Schema);
  }

  List<SchemaViolation> validate(JsonNode object) {
    JsonNode stored = pruneNulls(object).object();
    if (direct.valid(stored)) {
      return List.of();
    }
    return translator.translate(schema.validate(stored), stored);
  }
}
