package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --suppress CODE=Kind ns/name}, as istioctl analyze -S: one rule on the resources named, counted as suppressed. */
class SuppressOptionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** IL0006 on DestinationRule bookinfo/reviews, IL0004 and IL0007 on VirtualService bookinfo/reviews. */
  private static final String INPUT = FormatsTest.THREE_FINDINGS;

  @TempDir
  Path dir;

  private static JsonNode lint(String... flags) throws IOException {
    List<String> args = new ArrayList<>(List.of("lint", "-o", "json", INPUT));
    for (String flag : flags) {
      args.addAll(List.of("--suppress", flag));
    }
    Cli cli = Cli.run(args.toArray(String[]::new));
    assertThat(cli.err()).isEmpty();
    return cli.json();
  }

  private static List<String> codes(JsonNode report) {
    List<String> codes = new ArrayList<>();
    report.get("findings").forEach(f -> codes.add(f.get("code").asString("")));
    return codes;
  }

  @Test
  void suppressesOneRuleOnTheResourcesNamed() throws IOException {
    JsonNode report = lint("IL0004=VirtualService bookinfo/rev*");
    assertThat(codes(report)).containsExactly("IL0006", "IL0007");
    assertThat(report.get("summary").get("suppressed").asInt(-1)).isEqualTo(1);
    assertThat(report.get("summary").get("errors").asInt(-1)).isEqualTo(1);
    assertThat(codes(lint("schema-violation=*Service */reviews", "IL0006=DestinationRule bookinfo/*")))
        .as("rule names and globs in each part; repeatable").containsExactly("IL0007");
  }

  @Test
  void otherRulesAndResourcesAreStillReported() throws IOException {
    assertThat(codes(lint("IL0004=VirtualService shop/*"))).containsExactly("IL0006", "IL0007", "IL0004");
    assertThat(codes(lint("IL0004=DestinationRule bookinfo/reviews"))).containsExactly("IL0006", "IL0007", "IL0004");
    assertThat(codes(lint("IL0101=VirtualService bookinfo/reviews"))).containsExactly("IL0006", "IL0007", "IL0004");
    assertThat(lint("IL0101=VirtualService bookinfo/reviews").get("summary").get("suppressed").asInt(-1)).isZero();
  }

  @Test
  void aClusterScopedResourceIsNamedWithoutANamespace() throws IOException {
    Path ns = Files.writeString(dir.resolve("ns.yaml"), """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: foo
          labels: {a: b}
          labels: {c: d}
        """);
    assertThat(Cli.run("lint", ns.toString()).out()).contains("IL0006 Namespace foo");
    Cli suppressed = Cli.run("lint", "--suppress", "IL0006=Namespace foo", ns.toString());
    assertThat(suppressed.exitCode()).isZero();
    assertThat(suppressed.out()).contains("(1 suppressed)");
  }

  @Test
  void aValueThatIsNoSuppressionIsAUsageError() {
    for (String bad : List.of("IL0004", "IL0004=VirtualService", "IL0004=VirtualService a/b/c", "=VirtualService a/b")) {
      OutputOptionsTest.assertUsageError(Cli.run("lint", "--suppress", bad, INPUT),
          "`" + bad + "`: write CODE=Kind namespace/name, e.g. IL0101=VirtualService shop/*");
    }
    OutputOptionsTest.assertUsageError(Cli.run("lint", "--suppress", "IL004=VirtualService a/b", INPUT),
        "`IL004=VirtualService a/b`: no rule IL004; did you mean IL0004?");
  }
}
