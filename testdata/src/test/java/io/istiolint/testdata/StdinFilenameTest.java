package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --stdin-filename NAME} (as eslint and ruff): what {@code helm template . | istiolint lint -} finds is
 * located in NAME, so GitHub code scanning accepts the SARIF (it refuses a result without a physical location).
 */
class StdinFilenameTest {

  private static final Path MANIFEST = Path.of(FormatsTest.THREE_FINDINGS, "reviews.yaml");
  /** Two findings on a resource, then a document that does not parse (a finding on no resource). */
  private static final String RENDERED = "---\n" + read(MANIFEST) + "---\napiVersion: v1\nkind: [\n";

  @TempDir
  Path dir;

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Cli withStdin(String text, String... args) {
    InputStream original = System.in;
    try {
      System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      return Cli.run(args);
    } finally {
      System.setIn(original);
    }
  }

  /** "line:col" of each finding in the JSON of {@code cli}. */
  private static List<String> positions(Cli cli) throws IOException {
    List<String> at = new ArrayList<>();
    cli.json().get("findings").forEach(f -> at.add(f.get("location").get("line").asInt(0) + ":" + f.get("location").get("column").asInt(0)));
    return at;
  }

  @Test
  void everySarifResultHasThePhysicalLocationOfTheNamedFile() throws IOException {
    Cli cli = withStdin(RENDERED, "lint", "-", "--stdin-filename", "chart/rendered.yaml", "--path-base", ".", "--format", "sarif");
    assertThat(cli.exitCode()).isEqualTo(1);
    JsonNode log = cli.json();
    Sarif.assertValid(log);
    List<String> results = new ArrayList<>();
    for (JsonNode result : log.get("runs").get(0).get("results")) {
      JsonNode physical = result.path("locations").path(0).path("physicalLocation");
      assertThat(physical.path("artifactLocation").path("uri").asString("")).as(result.toString()).isEqualTo("chart/rendered.yaml");
      results.add(result.get("ruleId").asString("") + " " + physical.path("region").path("startLine").asInt(0) + ":"
          + physical.path("region").path("startColumn").asInt(0));
    }
    // The same bytes read from a file: the same findings at the same positions.
    Cli fromFile = Cli.run("lint", "-o", "json", Files.writeString(dir.resolve("rendered.yaml"), RENDERED).toString());
    List<String> expected = new ArrayList<>();
    for (JsonNode f : fromFile.json().get("findings")) {
      expected.add(f.get("code").asString("") + " " + f.get("location").get("line").asInt(0) + ":" + f.get("location").get("column").asInt(0));
    }
    assertThat(expected).hasSize(3);
    assertThat(results).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void textAndJsonNameItToo() throws IOException {
    Cli text = withStdin(RENDERED, "lint", "-", "--stdin-filename", "chart/rendered.yaml");
    assertThat(text.out().lines().filter(l -> !l.startsWith(" ")).toList().subList(0, 3)).allMatch(l -> l.startsWith("chart/rendered.yaml:"));
    Cli json = withStdin(RENDERED, "lint", "-", "--stdin-filename", "chart/rendered.yaml", "-o", "json");
    json.json().get("findings").forEach(f -> assertThat(f.get("location").get("file").asString("")).isEqualTo("chart/rendered.yaml"));
    assertThat(positions(json)).hasSize(3);
  }

  @Test
  void theConfigFilesIgnoredPathsApplyToTheName() throws IOException {
    Path config = Files.writeString(dir.resolve(".istiolint.yaml"), "ignore:\n  paths: [\"chart/**\"]\n");
    Cli cli = withStdin(RENDERED, "lint", "-", "--config", config.toString(), "--stdin-filename", "chart/rendered.yaml", "-o", "json");
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.json().get("summary").get("suppressed").asInt(-1)).isEqualTo(3);
  }

  @Test
  void withoutStandardInputItIsAUsageError() {
    OutputOptionsTest.assertOneLineUsageError(Cli.run("lint", "--stdin-filename", "x.yaml", FormatsTest.THREE_FINDINGS),
        "--stdin-filename x.yaml: standard input is not read: add - to the paths");
  }
}
