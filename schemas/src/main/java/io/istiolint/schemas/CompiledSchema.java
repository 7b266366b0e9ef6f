package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import java.util.List;

/**
 * The validator of one (group, version, kind): the converted schema, compiled by networknt. Immutable once
 * built; networknt's {@link Schema} is safe for concurrent validation after its validators are initialised.
 */
final class CompiledSchema {

  private final Schema schema;
  private final ErrorTranslator translator;

  private CompiledSchema(Schema schema, ErrorTranslator translator) {
    this.schema = schema;
    this.translator = translator;
  }

  static CompiledSchema compile(SchemaRegistry registry, JsonNode openApiV3Schema) {
    ObjectNode jsonSchema = StructuralSchemas.toJsonSchema(openApiV3Schema);
    Schema schema = registry.getSchema(jsonSchema);
    // Build every nested validator now, inside the caller's computeIfAbsent, not during a later validate.
    schema.initializeValidators();
    return new CompiledSchema(schema, new ErrorTranslator(jsonSchema));
  }

  List<SchemaViolation> validate(JsonNode object) {
    return translator.translate(schema.validate(object), object);
  }
}
