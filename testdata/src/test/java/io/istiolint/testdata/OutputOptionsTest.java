package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -o/--output FORMAT[=FILE]} is the format, as in istioctl analyze and conftest ({@code --format} an alias);
 * {@code --output-file} writes the stdout format to a file; every ambiguous combination is a usage error.
 */
class OutputOptionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INPUT = FormatsTest.THREE_FINDINGS;

  @TempDir
  Path dir;

  @Test
  void outputNamesTheFormatAsFormatDoes() throws IOException {
    Cli output = Cli.run("lint", "--output", "json", INPUT);
    assertThat(output.exitCode()).isEqualTo(1);
    assertThat(JSON.readTree(output.out()).get("summary").get("errors").asInt(0)).isEqualTo(2);
    assertThat(Cli.run("lint", "-o", "json", INPUT).out()).isEqualTo(output.out());
    assertThat(Cli.run("lint", "--format", "json", INPUT).out()).isEqualTo(output.out());
    assertThat(dir.toFile().list()).as("no file named after the format").isEmpty();
  }

  @Test
  void outputFileTakesTheFormatThatWouldGoToStdout() throws IOException {
    Path sarif = dir.resolve("out.sarif");
    Path json = dir.resolve("out.json");
    Cli cli = Cli.run("lint", "--output", "sarif=" + sarif, "--output", "json", "--output-file", json.toString(), INPUT);
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.out()).isEmpty();
    assertThat(JSON.readTree(json.toFile()).get("summary").get("errors").asInt(0)).isEqualTo(2);
    Sarif.assertValid(JSON.readTree(sarif.toFile()));
    Path text = dir.resolve("out.txt");
    assertThat(Cli.run("lint", "--output-file", text.toString(), INPUT).out()).as("text by default").isEmpty();
    assertThat(Files.readString(text)).isEqualTo(Cli.run("lint", INPUT).out());
  }

  @Test
  void aFileNameGivenAsTheFormatSaysWhatWasMeant() {
    Path file = dir.resolve("x.txt");
    assertUsageError(Cli.run("lint", "--output", file.toString(), INPUT),
        "unknown format " + file + "; did you mean --output-file " + file + "?");
    assertThat(file).doesNotExist();
    assertUsageError(Cli.run("lint", "--output", "x.txt", "--format", "sarif=" + dir.resolve("y.sarif"), INPUT),
        "unknown format x.txt; did you mean --output-file x.txt?");
    assertThat(dir.resolve("y.sarif")).as("nothing written when a flag is wrong").doesNotExist();
    assertUsageError(Cli.run("lint", "-o", "jsn", INPUT), "unknown format jsn; did you mean json?");
    assertUsageError(Cli.run("lint", "-o", "html", INPUT), "unknown format html; use one of text, json, sarif");
  }

  @Test
  void ambiguousCombinationsAreUsageErrors() {
    Path a = dir.resolve("a.json");
    assertUsageError(Cli.run("lint", "--output-file", a.toString(), "--output-file", dir.resolve("b").toString(), INPUT),
        "option '--output-file' (FILE) should be specified only once");
    assertOneLineUsageError(Cli.run("lint", "-o", "sarif=" + dir.resolve("s"), "--output-file", a.toString(), INPUT),
        "--output-file " + a + ": every format already goes to its own file");
    assertOneLineUsageError(Cli.run("lint", "-o", "json", "-o", "text", INPUT),
        "only one --output format can go to stdout (json and text)");
    assertOneLineUsageError(Cli.run("lint", "-o", "json=" + a, "-o", "sarif=" + a, INPUT),
        "json and sarif would both write " + a);
    assertOneLineUsageError(Cli.run("lint", "-o", "json=" + a, "-o", "sarif", "--output-file", a.toString(), INPUT),
        "json and sarif would both write " + a);
    assertThat(a).doesNotExist();
  }

  /** A picocli usage error: exit 2, one line saying what is wrong, then where the options are listed. */
  static void assertUsageError(Cli cli, String message) {
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    List<String> lines = cli.err().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("istiolint: ").contains(message);
    assertThat(lines.get(1)).startsWith("See 'istiolint lint --help'");
  }

  /** A usage error found after parsing: exit 2 and exactly one line. */
  static void assertOneLineUsageError(Cli cli, String message) {
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().lines().toList()).singleElement().asString().startsWith("istiolint: ").contains(message);
  }
}
