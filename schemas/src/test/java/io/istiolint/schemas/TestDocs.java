package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** YAML test inputs as the Jackson trees {@link SchemaCatalog#validate} takes. */
final class TestDocs {

  private TestDocs() {}

  /** The one document in {@code yaml}. */
  static JsonNode yaml(String yaml) {
    List<JsonNode> documents =
        YamlTrees.readAll(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    if (documents.size() != 1) {
      throw new IllegalArgumentException("expected one document, got " + documents.size());
    }
    return documents.get(0);
  }

  /** The CRD YAML as committed (the jar carries the JSON built from it). */
  static List<JsonNode> bundledCrdYaml() {
    try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("src/main/resources/io/istiolint/schemas/istio/crd-all.gen.yaml"))) {
      return YamlTrees.readAll(in, "crd-all.gen.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a test resource, relative to this package. */
  static List<JsonNode> resource(String name) {
    try (InputStream in = TestDocs.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return YamlTrees.readAll(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
