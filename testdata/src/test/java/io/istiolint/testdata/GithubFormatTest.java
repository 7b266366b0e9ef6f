package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.engine.LintReport;
import io.istiolint.load.InputSource;
import io.istiolint.report.GithubReporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub annotations within GitHub's limits (10 of each type per step), most severe first, and the job summary
 * in {@code $GITHUB_STEP_SUMMARY} with every finding. The environment is handed to the reporter, as the CLI
 * hands it {@code System.getenv()}.
 */
class GithubFormatTest {

  /** A cell boundary of a Markdown table row: a {@code |} not escaped. */
  private static final Pattern CELL = Pattern.compile("(?<!\\\\)\\|");

  /** A name with what Markdown and HTML would take for syntax. */
  private static final String FILE_NAME = "mesh <b>|x.yaml";

  @TempDir
  Path dir;

  private Path file;
  private LintReport report;

  /** 12 VirtualServices, each with an unknown field (an error) in an older version (an info); 3 with a rule that never matches (a warning). */
  @BeforeEach
  void manyFindings() throws IOException {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      yaml.append("""
          apiVersion: networking.istio.io/v1beta1
          kind: VirtualService
          metadata: {name: route-%d, namespace: shop}
          spec:
            hosts: [reviews-%d]
            http:
            - "a|b<c>%d": 1
              route:
              - destination: {host: reviews-%d}
          ---
          """.formatted(i, i, i, i));
    }
    for (int i = 0; i < 3; i++) {
      yaml.append("""
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: late-%d, namespace: shop}
          spec:
            hosts: [late-%d]
            http:
            - route:
              - destination: {host: late-%d}
            - match: [{uri: {prefix: /a}}]
              route:
              - destination: {host: late-%d}
          ---
          """.formatted(i, i, i, i));
    }
    file = Files.writeString(dir.resolve(FILE_NAME), yaml);
    report = Lint.run(List.of(InputSource.file(file)));
    assertThat(report.summary().errors()).isEqualTo(12);
    assertThat(report.summary().warnings()).isEqualTo(3);
    assertThat(report.summary().infos()).isEqualTo(12);
  }

  private record Written(String out, String err) {}

  private Written write(Map<String, String> env) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    new GithubReporter(env, new PrintWriter(err), false).write(report, out);
    return new Written(out.toString(), err.toString());
  }

  @Test
  void theMostSevereFirstAndTenOfEachType() throws IOException {
    Written w = write(Map.of());
    List<String> commands = w.out().lines().map(l -> l.substring(2, l.indexOf(' '))).toList();
    assertThat(commands).hasSize(23);
    assertThat(commands.subList(0, 10)).containsOnly("error");
    assertThat(commands.subList(10, 13)).containsOnly("warning");
    assertThat(commands.subList(13, 23)).containsOnly("notice");
    assertThat(w.out().lines().toList().get(0)).contains("title=IL0004::VirtualService shop/route-0:");
    assertThat(w.err()).isEqualTo("istiolint: 4 of 27 findings not written as annotations (GitHub shows 10 of each type per step;"
        + " the most severe come first); --format text lists all of them" + System.lineSeparator());
  }

  @Test
  void theCommandLineSaysOnStderrWhatWasLeftOut() {
    Cli cli = Cli.run("lint", "--format", "github", file.toString());
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.out().lines().count()).isEqualTo(23);
    assertThat(cli.err()).startsWith("istiolint: 4 of 27 findings not written as annotations");
  }

  @Test
  void theJobSummaryIsAppendedWithEveryFinding() throws IOException {
    Path summary = Files.writeString(dir.resolve("step_summary.md"), "an earlier step's summary\n");
    Written w = write(Map.of("GITHUB_STEP_SUMMARY", summary.toString()));
    assertThat(w.err()).contains("4 of 27 findings not written").endsWith("; all of them are in the job summary" + System.lineSeparator());

    List<String> lines = Files.readAllLines(summary);
    assertThat(lines.get(0)).isEqualTo("an earlier step's summary");
    assertThat(lines.get(1)).isEqualTo("### istiolint: 12 errors, 3 warnings, 12 infos in 15 resources in 1 file"
        + " (18 references not verified (their targets were not loaded))");
    List<String> rows = lines.stream().filter(l -> l.startsWith("| IL")).toList();
    assertThat(rows).hasSize(27).allSatisfy(r -> assertThat(CELL.split(r, -1)).as(r).hasSize(7));
    String file = dir.resolve(FILE_NAME).toString().replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|");
    assertThat(rows.get(0)).as("HTML escaped, but not in a code span, where it shows as it is")
        .startsWith("| IL0004 | error | VirtualService shop/route-0 | " + file + ":7 | unknown field `a\\|b<c>0` in spec.http[0]");
    assertThat(rows.get(12)).startsWith("| IL0108 | warning | VirtualService shop/late-0 |");
    assertThat(rows.get(26)).startsWith("| IL0007 | info | VirtualService shop/route-11 |");

    write(Map.of("GITHUB_STEP_SUMMARY", summary.toString()));
    assertThat(Files.readAllLines(summary).stream().filter(l -> l.startsWith("### istiolint")).count())
        .as("each run appends its own").isEqualTo(2);
  }

  @Test
  void aSummaryThatCannotBeWrittenIsSaidAndTheAnnotationsStay() throws IOException {
    Written w = write(Map.of("GITHUB_STEP_SUMMARY", dir.resolve("no/such/dir/summary.md").toString()));
    assertThat(w.out().lines().count()).isEqualTo(23);
    assertThat(w.err()).startsWith("istiolint: cannot write the job summary " + dir.resolve("no/such/dir/summary.md") + ": ")
        .contains("--format text lists all of them");
  }
}
