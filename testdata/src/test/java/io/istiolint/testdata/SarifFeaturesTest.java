package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What GitHub code scanning uses beyond the findings: fingerprints, rule help, the analysis category, the tool version. */
class SarifFeaturesTest {

  private static final String ROUTE = """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: reviews, namespace: shop}
      spec:
        hosts: [reviews]
        http:
        - retires: {attempts: 3}
          route:
          - destination: {host: reviews}
      """;

  @TempDir
  Path dir;

  private static JsonNode sarif(String... inputs) throws IOException {
    List<String> args = new ArrayList<>(List.of("lint", "--format", "sarif"));
    args.addAll(List.of(inputs));
    Cli cli = Cli.run(args.toArray(String[]::new));
    assertThat(cli.exitCode()).as(cli.err()).isIn(0, 1);
    return cli.json();
  }

  private static JsonNode firstResult(JsonNode log) {
    return log.path("runs").get(0).path("results").get(0);
  }

  @Test
  void theSchemaCatchesAnInvalidLog() throws IOException {
    JsonNode log = sarif(FormatsTest.THREE_FINDINGS);
    assertThat(Sarif.schemaErrors(log)).isEmpty();
    ((ObjectNode) firstResult(log)).put("level", "fatal");
    assertThat(Sarif.schemaErrors(log)).as("a level SARIF does not define").isNotEmpty();
  }

  @Test
  void aManyFindingRunOverEveryFixtureIsValid() throws IOException {
    JsonNode log = sarif("fixtures");
    Sarif.assertValid(log);
    JsonNode results = log.path("runs").get(0).path("results");
    assertThat(results.size()).as("findings of many rules, YAML errors among them").isGreaterThan(200);
    Set<String> prints = new HashSet<>();
    for (JsonNode r : results) {
      prints.add(r.path("partialFingerprints").path("istiolint/v1").asString(""));
    }
    assertThat(prints).as("no two results share a fingerprint").hasSize(results.size());
  }

  @Test
  void aFingerprintStaysWhenTheFindingMovesDown() throws IOException {
    Path file = Files.writeString(dir.resolve("route.yaml"), ROUTE);
    JsonNode before = firstResult(sarif(file.toString()));
    Files.writeString(file, "# a comment\n# and another\n\n" + ROUTE.replace("metadata:", "# more\nmetadata:"));
    JsonNode after = firstResult(sarif(file.toString()));

    int lineBefore = before.at("/locations/0/physicalLocation/region/startLine").asInt(0);
    assertThat(after.at("/locations/0/physicalLocation/region/startLine").asInt(0)).isEqualTo(lineBefore + 4);
    assertThat(after.path("ruleId").asString("")).isEqualTo("IL0004");
    assertThat(after.path("partialFingerprints")).isEqualTo(before.path("partialFingerprints"));

    Files.writeString(file, ROUTE.replace("name: reviews,", "name: ratings,"));
    assertThat(firstResult(sarif(file.toString())).path("partialFingerprints"))
        .as("another object is another alert").isNotEqualTo(before.path("partialFingerprints"));
  }

  @Test
  void eachRuleCarriesItsPageAsHelpAndTheRunItsCategoryAndVersion() throws IOException {
    JsonNode run = sarif(FormatsTest.THREE_FINDINGS).path("runs").get(0);
    JsonNode rules = run.path("tool").path("driver").path("rules");
    assertThat(rules.size()).isEqualTo(3);
    for (JsonNode rule : rules) {
      String code = rule.path("id").asString("");
      assertThat(rule.path("help").path("markdown").asString(""))
          .isEqualTo(Files.readString(Path.of("..", "docs", "rules", code + ".md")));
    }
    assertThat(run.path("automationDetails").path("id").asString("")).isEqualTo("istiolint/");
    assertThat(run.path("tool").path("driver").path("semanticVersion").asString("")).isEqualTo(Version.get());
  }
}
