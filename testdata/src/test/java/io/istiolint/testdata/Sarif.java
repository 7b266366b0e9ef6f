package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks SARIF 2.1.0 logs as their consumers do: against the OASIS SARIF 2.1.0 JSON Schema (shipped under
 * {@code consumers/}), then by what the schema cannot say and GitHub code scanning needs: only the properties
 * istiolint means to write (a misspelt one is caught, though the schema allows property bags), cross-references
 * (ruleIndex, uriBaseId), absolute help URIs, and a fingerprint on every result.
 */
final class Sarif {

  private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");
  private static final Schema SCHEMA = schema();

  private Sarif() {}

  private static Schema schema() {
    try {
      String text = Files.readString(Path.of("consumers", "sarif-schema-2.1.0.json"));
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(text, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema's complaints about {@code log}, one line each. */
  static List<String> schemaErrors(JsonNode log) {
    return SCHEMA.validate(log.toString(), InputFormat.JSON).stream().map(Object::toString).toList();
  }

  static void assertValid(JsonNode log) {
    assertThat(schemaErrors(log)).as("SARIF 2.1.0 schema").isEmpty();
    keys(log, "sarifLog", Set.of("$schema", "version", "runs"));
    assertThat(log.path("version").asString("")).isEqualTo("2.1.0");
    assertThat(URI.create(log.path("$schema").asString("")).isAbsolute()).isTrue();
    assertThat(log.path("runs").isArray() && log.path("runs").size() > 0).as("runs").isTrue();
    for (JsonNode run : log.get("runs")) {
      keys(run, "run", Set.of("tool", "automationDetails", "originalUriBaseIds", "results", "columnKind"));
      assertThat(run.path("automationDetails").path("id").asString("")).as("automationDetails.id").isNotEmpty();
      assertThat(run.path("columnKind").asString("")).isIn("utf16CodeUnits", "unicodeCodePoints");
      JsonNode driver = run.path("tool").path("driver");
      keys(run.path("tool"), "tool", Set.of("driver"));
      keys(driver, "toolComponent", Set.of("name", "version", "semanticVersion", "informationUri", "rules"));
      assertThat(driver.path("semanticVersion").asString("")).as("semanticVersion").matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
      assertThat(driver.path("name").asString("")).isNotEmpty();
      Map<String, Integer> ruleIndex = new HashMap<>();
      JsonNode rules = driver.path("rules");
      for (int i = 0; i < rules.size(); i++) {
        JsonNode rule = rules.get(i);
        keys(rule, "reportingDescriptor", Set.of("id", "name", "shortDescription", "fullDescription", "help", "helpUri",
            "defaultConfiguration", "properties"));
        assertThat(ruleIndex.put(rule.path("id").asString(""), i)).as("duplicate rule id %s", rule.path("id")).isNull();
        assertThat(URI.create(rule.path("helpUri").asString("")).isAbsolute()).as("helpUri of %s", rule.path("id")).isTrue();
        assertThat(rule.path("shortDescription").path("text").asString("")).isNotEmpty();
        assertThat(rule.path("defaultConfiguration").path("level").asString("")).isIn(LEVELS);
      }
      JsonNode bases = run.path("originalUriBaseIds");
      bases.properties().forEach(e -> {
        URI base = URI.create(e.getValue().path("uri").asString(""));
        assertThat(base.isAbsolute() && base.getPath().endsWith("/")).as("base %s", base).isTrue();
      });
      for (JsonNode result : run.path("results")) {
        keys(result, "result", Set.of("ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints"));
        assertThat(result.path("partialFingerprints").path("istiolint/v1").asString("")).as("fingerprint").matches("[0-9a-f]{32}");
        String id = result.path("ruleId").asString("");
        assertThat(ruleIndex).as("rule descriptor for %s", id).containsKey(id);
        assertThat(result.path("ruleIndex").asInt(0)).isEqualTo(ruleIndex.get(id));
        assertThat(result.path("level").asString("")).isIn(LEVELS);
        assertThat(result.path("message").path("text").asString("")).isNotEmpty();
        for (JsonNode location : result.path("locations")) {
          keys(location, "location", Set.of("physicalLocation", "logicalLocations"));
          JsonNode physical = location.path("physicalLocation");
          if (!physical.isMissingNode()) {
            keys(physical, "physicalLocation", Set.of("artifactLocation", "region"));
            JsonNode artifact = physical.path("artifactLocation");
            keys(artifact, "artifactLocation", Set.of("uri", "uriBaseId"));
            URI uri = URI.create(artifact.path("uri").asString(""));
            if (artifact.has("uriBaseId")) {
              assertThat(uri.isAbsolute()).as("relative to its base: %s", uri).isFalse();
              assertThat(bases.has(artifact.get("uriBaseId").asString(""))).isTrue();
            } else {
              assertThat(uri.isAbsolute()).as("no base: absolute %s", uri).isTrue();
            }
            keys(physical.path("region"), "region", Set.of("startLine", "startColumn"));
            assertThat(physical.path("region").path("startLine").asInt(0)).isPositive();
            assertThat(physical.path("region").path("startColumn").asInt(0)).isPositive();
          }
          for (JsonNode logical : location.path("logicalLocations")) {
            keys(logical, "logicalLocation", Set.of("name", "fullyQualifiedName", "kind"));
          }
        }
      }
    }
  }

  /** Every property of {@code node} is one SARIF defines for {@code what}: a misspelt one is caught. */
  private static void keys(JsonNode node, String what, Set<String> allowed) {
    assertThat(node.isObject()).as("%s is an object", what).isTrue();
    List<String> names = node.properties().stream().map(Map.Entry::getKey).toList();
    assertThat(allowed).as("properties of %s", what).containsAll(names);
  }
}
