package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GitLab Code Quality reports, checked against the fields GitLab's documentation requires of each issue. */
class CodeClimateFormatTest {

  private static final Set<String> SEVERITIES = Set.of("info", "minor", "major", "critical", "blocker");

  /**
   * A Code Quality report as GitLab reads it: a JSON array of issues, each with a string {@code description},
   * {@code check_name} and {@code fingerprint}, a {@code severity} GitLab knows, and {@code location.path} with an integer {@code location.lines.begin}; fingerprints unique, since GitLab keeps
   * one issue per fingerprint.
   */
  static void assertValid(JsonNode report) {
    assertThat(report.isArray()).as("a JSON array").isTrue();
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode issue : report) {
      assertThat(issue.path("description").isString() && !issue.path("description").asString("").isEmpty()).as("description of %s", issue).isTrue();
      assertThat(issue.path("check_name").isString()).as("check_name of %s", issue).isTrue();
      assertThat(issue.path("fingerprint").isString()).as("fingerprint of %s", issue).isTrue();
      assertThat(fingerprints.add(issue.path("fingerprint").asString(""))).as("unique fingerprint %s", issue).isTrue();
      assertThat(issue.path("severity").asString("")).isIn(SEVERITIES);
      JsonNode location = issue.path("location");
      assertThat(location.path("path").isString()).as("location.path of %s", issue).isTrue();
      assertThat(location.path("path").asString("")).doesNotStartWith("./");
      assertThat(location.path("lines").path("begin").isInt() && location.path("lines").path("begin").asInt(0) > 0)
          .as("location.lines.begin of %s", issue).isTrue();
    }
  }

  private static JsonNode codeclimate(String... inputs) throws IOException {
    List<String> args = new ArrayList<>(List.of("lint", "--format", "codeclimate", "--path-base", "."));
    args.addAll(List.of(inputs));
    Cli cli = Cli.run(args.toArray(String[]::new));
    assertThat(cli.exitCode()).as(cli.err()).isIn(0, 1);
    JsonNode report = cli.json();
    assertValid(report);
    return report;
  }

  @Test
  void anIssuePerFindingAtItsFileAndLine() throws IOException {
    JsonNode report = codeclimate(Path.of(FormatsTest.THREE_FINDINGS).toAbsolutePath().toString());
    List<String> issues = new ArrayList<>();
    for (JsonNode i : report) {
      issues.add(i.path("check_name").asString("") + " " + i.path("severity").asString("") + " "
          + i.path("location").path("path").asString("") + ":" + i.path("location").path("lines").path("begin").asInt(0));
    }
    assertThat(issues).as("paths relative to the path base, though given absolute").containsExactly(
        "IL0006 major golden/ci/k8s/destination-rules.yaml:15",
        "IL0007 info golden/ci/k8s/reviews.yaml:2",
        "IL0004 major golden/ci/k8s/reviews.yaml:15");
    assertThat(report.get(2).path("description").asString(""))
        .startsWith("VirtualService bookinfo/reviews: unknown field `retires` in spec.http[0]")
        .endsWith("[schema-violation] (hint: did you mean `retries`?)");
  }

  @Test
  void aManyFindingRunHasTheFingerprintsOfTheSarifLog() throws IOException {
    JsonNode report = codeclimate("fixtures");
    assertThat(report.size()).isGreaterThan(200);
    JsonNode results = Cli.run("lint", "--format", "sarif", "--path-base", ".", "fixtures").json().path("runs").get(0).path("results");
    assertThat(results.size()).isEqualTo(report.size());
    for (int i = 0; i < results.size(); i++) {
      assertThat(report.get(i).path("fingerprint").asString(""))
          .isEqualTo(results.get(i).path("partialFingerprints").path("istiolint/v1").asString(""));
    }
  }
}
