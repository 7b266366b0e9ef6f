package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --min-severity}: what is below it is left out of every format and counted; the exit code still sees it. */
class MinSeverityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** IL0006 and IL0004 errors, an IL0007 info. */
  private static final String INPUT = FormatsTest.THREE_FINDINGS;
  private static final List<String> FORMATS = List.of("text", "json", "sarif", "junit", "github", "checkstyle", "kiali");

  @TempDir
  Path dir;

  @Test
  void findingsBelowAreHiddenInEveryFormat() {
    for (String format : FORMATS) {
      Cli all = Cli.run("lint", "--path-base", ".", "-o", format, INPUT);
      assertThat(all.out()).as(format).contains("IL0007", "IL0004", "IL0006");
      Cli errors = Cli.run("lint", "--path-base", ".", "-o", format, "--min-severity", "warning", INPUT);
      assertThat(errors.exitCode()).as(format).isEqualTo(1);
      assertThat(errors.out()).as(format).doesNotContain("IL0007").contains("IL0004", "IL0006");
    }
  }

  @Test
  void theSummarySaysHowManyWereHidden() throws IOException {
    JsonNode summary = JSON.readTree(Cli.run("lint", "-o", "json", "--min-severity", "error", INPUT).out()).get("summary");
    assertThat(summary.get("errors").asInt(-1)).isEqualTo(2);
    assertThat(summary.get("infos").asInt(-1)).isZero();
    assertThat(summary.get("hidden").asInt(-1)).isEqualTo(1);
    assertThat(JSON.readTree(Cli.run("lint", "-o", "json", INPUT).out()).get("summary").has("hidden"))
        .as("nothing hidden, no key").isFalse();
    assertThat(Cli.run("lint", "--min-severity", "WARNING", INPUT).out().lines().toList())
        .contains("2 errors, 0 warnings, 0 infos in 7 resources in 3 files (1 below --min-severity not shown)");
  }

  @Test
  void theExitCodeStillCountsWhatIsHidden() throws IOException {
    Path info = Files.writeString(dir.resolve("vs.yaml"), """
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews.bookinfo.svc.cluster.local]
          http:
          - route:
            - destination: {host: reviews.bookinfo.svc.cluster.local}
        """);
    Cli cli = Cli.run("lint", "--min-severity", "error", "--fail-on", "info", info.toString());
    assertThat(cli.out()).startsWith("no problems in 1 resource in 1 file (1 below --min-severity not shown");
    assertThat(cli.exitCode()).as("as istioctl's --output-threshold and --failure-threshold").isEqualTo(1);
    assertThat(Cli.run("lint", "--min-severity", "error", info.toString()).exitCode()).isZero();
  }

  @Test
  void aLevelThatDoesNotExistIsAUsageError() {
    OutputOptionsTest.assertUsageError(Cli.run("lint", "--min-severity", "fatal", INPUT),
        "Invalid value for option '--min-severity': 'fatal': use error, warning or info");
  }
}
