package io.istiolint.testdata;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * istiolint's own JSON Schemas, {@code docs/schemas/} in the checkout (draft-07, the draft editors' YAML language
 * servers read best), read from disk as an editor or a user's tool would read them.
 */
enum JsonSchemas {
  CONFIG("istiolint-config.schema.json"),
  OUTPUT("istiolint-output.schema.json");

  private final Path file;
  private final JsonNode tree;
  private final Schema schema;

  JsonSchemas(String name) {
    file = Path.of("..", "docs", "schemas", name);
    try {
      String text = Files.readString(file);
      tree = JsonMapper.shared().readTree(text);
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path file() {
    return file;
  }

  /** The schema itself, as JSON. */
  JsonNode tree() {
    return tree;
  }

  /** The schema's complaints about {@code document}, one line each; empty when it is valid. */
  List<String> errors(JsonNode document) {
    return schema.validate(document.toString(), InputFormat.JSON).stream().map(Object::toString).toList();
  }
}
