package io.istiolint.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Build step (run by the schemas module's pom): converts the bundled CRD YAML into JSON, which the CLI reads
 * in a fraction of the time YAML takes: an index of every CRD without its schemas, read at start-up, and each
 * whole CRD in a file of its own, read only when its kind is first validated (a lint of a few kinds never
 * parses the schemas of the rest); and the ObjectMeta schema every kind's schema includes.
 */
public final class CrdBundleGenerator {

  /** The CRDs without their schemas, as a JSON array; a class-path resource relative to this package. */
  static final String INDEX = "istio/crd-index.gen.json";

  private CrdBundleGenerator() {}

  /** The resource holding the whole CRD {@code name} ({@code virtualservices.networking.istio.io}). */
  static String crdResource(String name) {
    return "istio/crd/" + name + ".json";
  }

  /**
   * {@code args}: the CRD YAML to read, the directory of this package in the output to write into (which holds the
   * ObjectMeta schema's YAML already, as a resource).
   */
  public static void main(String[] args) throws IOException {
    Path yaml = Path.of(args[0]);
    Path out = Path.of(args[1]);
    List<JsonNode> crds;
    try (InputStream in = Files.newInputStream(yaml)) {
      crds = YamlTrees.readAll(in, yaml.getFileName().toString());
    }
    List<JsonNode> index = new ArrayList<>();
    for (JsonNode crd : crds) {
      Path file = out.resolve(crdResource(crd.path("metadata").path("name").asString("")));
      Files.createDirectories(file.getParent());
      JsonMapper.shared().writeValue(file.toFile(), crd);
      ObjectNode lean = (ObjectNode) crd.deepCopy();
      lean.path("spec").path("versions").values().forEach(v -> ((ObjectNode) v).remove("schema"));
      index.add(lean);
    }
    JsonMapper.shared().writeValue(out.resolve(INDEX).toFile(), index);
    try (InputStream in = Files.newInputStream(out.resolve(StructuralSchemas.OBJECT_META_SOURCE))) {
      JsonNode objectMeta = YamlTrees.readAll(in, StructuralSchemas.OBJECT_META_SOURCE).get(0);
      JsonMapper.shared().writeValue(out.resolve(StructuralSchemas.OBJECT_META_RESOURCE).toFile(), objectMeta);
    }
  }
}
