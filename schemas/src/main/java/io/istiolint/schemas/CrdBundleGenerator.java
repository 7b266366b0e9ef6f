package io.istiolint.schemas;

import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (run by the schemas module's pom): converts the bundled CRD YAML into one JSON array, which the
 * CLI reads at start-up in a fraction of the time YAML takes.
 */
public final class CrdBundleGenerator {

  private CrdBundleGenerator() {}

  /** {@code args}: the CRD YAML to read, the JSON file to write. */
  public static void main(String[] args) throws IOException {
    Path yaml = Path.of(args[0]);
    Path json = Path.of(args[1]);
    try (InputStream in = Files.newInputStream(yaml)) {
      Files.createDirectories(json.getParent());
      new ObjectMapper().writeValue(json.toFile(), YamlTrees.readAll(in, yaml.getFileName().toString()));
    }
  }
}
