package io.istiolint.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The direct walk only ever settles objects networknt finds valid: checked on every Istio object of the
 * repository's fixtures and samples, and on mutants of each (a field added, a value of another type, a list made
 * a mapping, a number out of range, a required field dropped), and on each with the metadata a cluster adds.
 */
class DirectCheckTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One (group, version, kind): the CRD's schema, the walk, and networknt's validator of the same conversion. */
  private record Kind(JsonNode openApiV3Schema, DirectCheck direct, Schema networknt) {}

  private final Map<String, Kind> kinds = new HashMap<>();
  private int settled;
  private int validAsWritten;
  private int settledAsWritten;
  private final List<String> wronglySettled = new ArrayList<>();

  @Test
  void settlesOnlyWhatNetworkntFindsValid() throws IOException {
    compileBundledCrds();
    try (Stream<Path> files = Stream.of("fixtures", "samples").flatMap(d -> walk(Path.of("../testdata", d)))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode doc : documents(file)) {
          Kind kind = kinds.get(doc.path("apiVersion").asString("") + " " + doc.path("kind").asString(""));
          if (kind != null) {
            if (kind.networknt().validate(NullPruning.prune(doc, kind.openApiV3Schema()).object()).isEmpty()) {
              validAsWritten++;
              settledAsWritten += check(file + " as written", kind, doc) ? 1 : 0;
            }
            mutants(doc, mutant -> check(file + " mutated", kind, mutant));
          }
        }
      }
    }
    assertThat(wronglySettled).isEmpty();
    assertThat(settled).as("mutants and objects settled without networknt").isGreaterThan(0);
    assertThat(settledAsWritten).as("valid objects settled without networknt, of %d", validAsWritten)
        .isGreaterThan(validAsWritten * 9 / 10);
  }

  /**
   * Objects read from a cluster carry the metadata the API server writes ({@code creationTimestamp} is a
   * date-time): the walk settles them as it does files, and leaves every other spelling of a time to networknt.
   */
  @Test
  void settlesObjectsAsAClusterServesThem() throws IOException {
    compileBundledCrds();
    List<String> times = List.of("2026-11-01T08:00:02Z", "2026-11-01T08:00:02.123456789Z", "2026-11-01T08:00:02+05:30",
        "2026-13-01T08:00:02Z", "2026-02-30T08:00:02Z", "2026-11-01 08:00:02Z", "2026-11-01T08:00Z", "2026-11-01t08:00:02z",
        "2026-11-01T23:59:60Z", "2026-11-01T08:00:02", "2026-11-01T08:00:02.Z", "yesterday", "");
    try (Stream<Path> files = Stream.of("fixtures", "samples").flatMap(d -> walk(Path.of("../testdata", d)))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode doc : documents(file)) {
          Kind kind = kinds.get(doc.path("apiVersion").asString("") + " " + doc.path("kind").asString(""));
          if (kind == null || !(doc.get("metadata") instanceof ObjectNode)) {
            continue;
          }
          for (String time : times) {
            ObjectNode served = (ObjectNode) doc.deepCopy();
            ((ObjectNode) served.get("metadata")).put("creationTimestamp", time).put("uid", "6b5a3c1e-0d7e-4a53-9d43-8f2f1c0b7e21")
                .put("resourceVersion", "48151623").put("generation", 3);
            boolean valid = kind.networknt().validate(NullPruning.prune(served, kind.openApiV3Schema()).object()).isEmpty();
            boolean settledHere = check(file + " served with creationTimestamp " + time, kind, served);
            if (time.equals(times.get(0)) && valid) {
              validAsWritten++;
              settledAsWritten += settledHere ? 1 : 0;
            }
          }
        }
      }
    }
    assertThat(wronglySettled).isEmpty();
    assertThat(settledAsWritten).as("valid objects with cluster metadata settled without networknt, of %d", validAsWritten)
        .isGreaterThan(validAsWritten * 9 / 10);
  }

  private void compileBundledCrds() throws IOException {
    for (JsonNode crd : TestDocs.bundledCrdYaml()) {
      String group = crd.path("spec").path("group").asString();
      String kind = crd.path("spec").path("names").path("kind").asString();
      for (JsonNode version : crd.path("spec").path("versions")) {
        JsonNode schema = version.path("schema").path("openAPIV3Schema");
        kinds.put(group + "/" + version.path("name").asString() + " " + kind, new Kind(schema,
            DirectCheck.compile(StructuralSchemas.toJsonSchema(schema)),
            KubernetesDialect.registry().getSchema(StructuralSchemas.toJsonSchema(schema))));
      }
    }
  }

  /** Whether the walk settled {@code object}; one it settles wrongly is noted. */
  private boolean check(String what, Kind kind, JsonNode object) {
    JsonNode stored = NullPruning.prune(object, kind.openApiV3Schema()).object();
    if (!kind.direct().valid(stored)) {
      return false;
    }
    settled++;
    if (!kind.networknt().validate(stored).isEmpty()) {
      wronglySettled.add(what + ": " + stored);
    }
    return true;
  }

  /** Each single change of {@code doc} that may break it, one at a time, on copies. */
  private static void mutants(JsonNode doc, Consumer<JsonNode> each) {
    List<List<Object>> paths = new ArrayList<>();
    collect(doc, new ArrayList<>(), paths);
    for (List<Object> path : paths) {
      JsonNode node = at(doc, path);
      List<JsonNode> replacements = new ArrayList<>(List.of(NODES.numberNode(7), NODES.stringNode("x"),
          NODES.numberNode(99_999_999_999L), NODES.numberNode(-1), NODES.numberNode(1.5), NODES.booleanNode(true),
          NODES.objectNode(), NODES.arrayNode(), NODES.nullNode()));
      if (node.isObject()) {
        replacements.add(((ObjectNode) node.deepCopy()).put("zzUnknownField", 1));
        node.propertyNames().forEach(name -> {
          ObjectNode without = (ObjectNode) node.deepCopy();
          without.remove(name);
          replacements.add(without);
        });
      }
      if (node.isArray()) {
        replacements.add(((ArrayNode) node.deepCopy()).add(NODES.stringNode("extra")));
      }
      for (JsonNode replacement : replacements) {
        each.accept(replaced(doc, path, replacement));
      }
    }
  }

  private static void collect(JsonNode node, List<Object> path, List<List<Object>> into) {
    if (!path.isEmpty()) {
      into.add(List.copyOf(path));
    }
    if (node.isObject()) {
      for (String name : node.propertyNames()) {
        path.add(name);
        collect(node.get(name), path, into);
        path.remove(path.size() - 1);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        path.add(i);
        collect(node.get(i), path, into);
        path.remove(path.size() - 1);
      }
    }
  }

  private static JsonNode at(JsonNode node, List<Object> path) {
    for (Object step : path) {
      node = step instanceof Integer i ? node.get(i) : node.get((String) step);
    }
    return node;
  }

  private static JsonNode replaced(JsonNode doc, List<Object> path, JsonNode replacement) {
    JsonNode copy = doc.deepCopy();
    JsonNode parent = at(copy, path.subList(0, path.size() - 1));
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer i) {
      ((ArrayNode) parent).set(i, replacement);
    } else {
      ((ObjectNode) parent).set((String) last, replacement);
    }
    return copy;
  }

  private static Stream<Path> walk(Path dir) {
    try {
      return Files.walk(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The documents of a file, or none when it does not parse (the syntax fixtures). */
  private static List<JsonNode> documents(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return YamlTrees.readAll(in, file.toString()).stream().filter(JsonNode::isObject).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }
}
