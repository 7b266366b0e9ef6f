package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file, rule flags, inline suppressions and {@code istiolint init}, through the command line. */
class ConfigCliTest {

  @TempDir
  Path dir;

  private Path config(String text) throws IOException {
    return Files.writeString(dir.resolve(".istiolint.yaml"), text);
  }

  /** A VirtualService with an unknown field (IL0004 error) at an old version (IL0007 info). */
  private Path manifest(String annotations) throws IOException {
    return Files.writeString(dir.resolve("vs.yaml"), """
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata:
          name: reviews
          namespace: shop
          annotations: {%s}
        spec:
          hosts: [reviews]
          htp: []
          http:
          - route:
            - destination: {host: reviews}
        """.formatted(annotations));
  }

  @Test
  void configMistakesStopTheRunWithTheirPosition() throws IOException {
    Path vs = manifest("");
    Path bad = config("failOn: warning\nrules:\n  IL0004: off\n  schema-violations: on\n");
    Cli cli = Cli.run("lint", "--config", bad.toString(), vs.toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("istiolint: " + bad + ":4:3: no rule `schema-violations`; did you mean `schema-violation`?\n");
    assertThat(cli.out()).isEmpty();
    Cli typo = Cli.run("lint", "--config", config("failon: warning\n").toString(), vs.toString());
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains(":1:1: unknown key `failon`", "did you mean `failOn`?");
    assertThat(Cli.run("lint", "--config", dir.resolve("missing.yaml").toString(), vs.toString()).exitCode()).isEqualTo(2);
    assertThat(Cli.run("graph", "--config", bad.toString(), vs.toString()).exitCode()).as("graph reads it too").isEqualTo(2);
  }

  @Test
  void configAndFlagsDecideRulesSeveritiesAndTheThreshold() throws IOException {
    Path vs = manifest("");
    Path cfg = config("failOn: info\nrules:\n  IL0004: off\n  deprecated-api-version: warning\n");
    Cli cli = Cli.run("lint", "--format", "json", "--config", cfg.toString(), vs.toString());
    assertThat(cli.json().get("findings")).extracting(f -> f.get("code").asString("") + " " + f.get("severity").asString(""))
        .containsExactly("IL0007 warning");
    assertThat(cli.exitCode()).as("failOn: info").isEqualTo(1);
    assertThat(Cli.run("lint", "--config", cfg.toString(), "--fail-on", "error", vs.toString()).exitCode())
        .as("the flag wins").isZero();
    Cli enabled = Cli.run("lint", "--format", "json", "--config", cfg.toString(), "--enable", "schema-violation",
        "--disable", "IL0007", vs.toString());
    assertThat(enabled.json().get("findings")).extracting(f -> f.get("code").asString("")).containsExactly("IL0004");
    Cli unknown = Cli.run("lint", "--disable", "IL0070", vs.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("--disable IL0070: no such rule");
  }

  @Test
  void meshFactsReachTheReport() throws IOException {
    Path cfg = config("mesh:\n  proxyVersions: [\"1.24.2\"]\n  istioVersion: \"1.24.2\"\n  domainSuffix: corp.example\n");
    JsonNode mesh = Cli.run("lint", "--format", "json", "--config", cfg.toString(), manifest("").toString()).json().get("mesh");
    assertThat(mesh.get("proxyVersions")).extracting(JsonNode::asString).containsExactly("1.24.2");
    assertThat(mesh.get("proxyVersionsSource").asString("")).isEqualTo("config");
    assertThat(mesh.get("domainSuffix").asString("")).isEqualTo("corp.example");
  }

  @Test
  void annotationsSuppressAndTheSummaryCountsThem() throws IOException {
    Path vs = manifest("istiolint.io/ignore: \"IL0004: being migrated, see OPS-12\", galley.istio.io/analyze-suppress: \"*\"");
    Cli cli = Cli.run("lint", "--format", "json", vs.toString());
    assertThat(cli.json().get("findings")).as("IL0004 by code, IL0007 by istioctl's *").isEmpty();
    assertThat(cli.json().get("summary").get("suppressed").asInt(0)).isEqualTo(2);
    assertThat(Cli.run("lint", vs.toString()).out()).startsWith("no problems in 1 resource in 1 file (2 suppressed; 1 reference not verified");
    Path galley = manifest("galley.istio.io/analyze-suppress: IST0106");
    assertThat(Cli.run("lint", "--format", "json", galley.toString()).json().get("findings"))
        .as("IST0106 is IL0004's equivalent").extracting(f -> f.get("code").asString("")).containsExactly("IL0007");
  }

  @Test
  void anAdminCanForbidInlineSuppressions() throws IOException {
    Path vs = manifest("istiolint.io/ignore: \"IL0004,IL0007\"");
    Path cfg = config("allowInlineSuppressions: false\n");
    Cli cli = Cli.run("lint", "--format", "json", "--config", cfg.toString(), vs.toString());
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.json().get("findings")).hasSize(2);
    assertThat(cli.json().get("summary").get("suppressed").asInt(0)).isZero();
    assertThat(cli.err().lines().toList()).singleElement().asString()
        .startsWith("istiolint: note: inline suppressions are turned off (allowInlineSuppressions: false), so 2 findings are reported");
  }

  @Test
  void ignoredPathsAndResourcesAreCountedAsSuppressed() throws IOException {
    Path vendored = Files.createDirectories(dir.resolve("vendor/chart"));
    Files.copy(manifest(""), vendored.resolve("vs.yaml"));
    Path cfg = config("ignore:\n  paths: [\"vendor/**\"]\n  resources: [\"VirtualService/shop/rev*\"]\n");
    Cli cli = Cli.run("lint", "--format", "json", "--config", cfg.toString(), dir.toString());
    assertThat(cli.json().get("summary").get("files").asInt(0)).as("the config file, hidden, is no input").isEqualTo(2);
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.json().get("findings")).isEmpty();
    assertThat(cli.json().get("summary").get("suppressed").asInt(0)).as("IL0004 and IL0007 twice, IL0005 (the copy)").isEqualTo(5);
  }

  @Test
  void initWritesAStarterConfigAndNeverOverwrites() throws IOException {
    Path file = dir.resolve("sub/.istiolint.yaml");
    Files.createDirectories(file.getParent());
    Cli init = Cli.run("init", file.toString());
    assertThat(init.exitCode()).isZero();
    assertThat(Files.readString(file)).startsWith("# yaml-language-server: $schema=").contains("# istiolint configuration", "failOn: error", "allowInlineSuppressions: true");
    Cli lint = Cli.run("lint", "--config", file.toString(), manifest("").toString());
    assertThat(lint.err()).as("the starter config is valid").isEmpty();
    assertThat(lint.exitCode()).isEqualTo(1);
    Files.writeString(file, "failOn: never\n");
    Cli again = Cli.run("init", file.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("exists; not overwriting it");
    assertThat(Files.readString(file)).isEqualTo("failOn: never\n");
  }
}
