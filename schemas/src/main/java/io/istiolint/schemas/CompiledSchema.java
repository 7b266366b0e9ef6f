package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import java.util.List;

/**
 * The validator of one (group, version, kind): the converted schema, compiled to a direct walk that settles the
 * valid objects ({@link DirectCheck}) and by networknt, which judges the rest. networknt and its schema are set up
 * on the first object the walk does not settle: a run of valid objects never needs them (a cold Bookinfo lint then
 * loads some 200 classes fewer). Safe for concurrent use; networknt's {@link Schema} is safe for concurrent
 * validation once its validators are initialised, which happens before it is published.
 */
final class CompiledSchema {

  private final DirectCheck direct;
  private final ObjectNode jsonSchema;
  private final JsonNode openApiV3Schema;
  private volatile Judge judge;

  /** What words the violations of an object the direct walk does not settle. */
  private record Judge(Schema schema, ErrorTranslator translator) {}

  private CompiledSchema(DirectCheck direct, ObjectNode jsonSchema, JsonNode openApiV3Schema) {
    this.direct = direct;
    this.jsonSchema = jsonSchema;
    this.openApiV3Schema = openApiV3Schema;
  }

  static CompiledSchema compile(JsonNode openApiV3Schema) {
    ObjectNode jsonSchema = StructuralSchemas.toJsonSchema(openApiV3Schema);
    return new CompiledSchema(DirectCheck.compile(jsonSchema), jsonSchema, openApiV3Schema);
  }

  /** The object as the API server validates it: without the explicit nulls it drops first. */
  PrunedNulls pruneNulls(JsonNode object) {
    return NullPruning.prune(object, openApiV3Schema);
  }

  List<SchemaViolation> validate(JsonNode object) {
    return validateStored(pruneNulls(object).object());
  }

  /** Validates an object as the API server keeps it, without pruning it first. */
  List<SchemaViolation> validateStored(JsonNode stored) {
    if (direct.valid(stored)) {
      return List.of();
    }
    Judge compiled = judge();
    return compiled.translator().translate(compiled.schema().validate(stored), stored);
  }

  private Judge judge() {
    Judge compiled = judge;
    if (compiled == null) {
      synchronized (this) {
        compiled = judge;
        if (compiled == null) {
          Schema schema = KubernetesDialect.registry().getSchema(jsonSchema);
          // Every nested validator is built here, not during a validation another thread may be running.
          schema.initializeValidators();
          compiled = new Judge(schema, new ErrorTranslator(jsonSchema));
          judge = compiled;
        }
      }
    }
    return compiled;
  }
}
