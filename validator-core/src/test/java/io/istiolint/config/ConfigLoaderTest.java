package io.istiolint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istiolint.api.Location;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.config.LintConfig.RuleSetting;
import io.istiolint.engine.FailOn;
import io.istiolint.engine.Policy;
import io.istiolint.mesh.MeshInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final List<RuleMeta> CATALOGUE = List.of(
      new RuleMeta("IL0004", "schema-violation", Severity.ERROR, Set.of(), Set.of(), "s", "r", List.of("IST0106")),
      new RuleMeta("IL0007", "deprecated-api-version", Severity.INFO, Set.of(), Set.of(), "s", "r", List.of()),
      new RuleMeta("IL0101", "vs-destination-host-not-found", Severity.ERROR, Set.of(), Set.of(), "s", "r", List.of("IST0101")));

  @TempDir
  Path dir;

  private LintConfig parse(String text) throws ConfigException {
    return ConfigLoader.parse(text, dir.resolve(".istiolint.yaml"), dir, CATALOGUE);
  }

  private Location errorAt(String text) {
    try {
      parse(text);
    } catch (ConfigException e) {
      return e.location();
    }
    throw new AssertionError("no error for:\n" + text);
  }

  @Test
  void everySettingIsRead() throws Exception {
    Files.writeString(dir.resolve("mesh.yaml"), "rootNamespace: istio-system\n");
    LintConfig c = parse("""
        failOn: warning
        allowInlineSuppressions: false
        rules:
          IL0007: off
          schema-violation: warning
          il0101: {enabled: true, severity: info}
        ignore:
          paths: ["vendor/**"]
          resources: ["EnvoyFilter/istio-system/*"]
        mesh:
          proxyVersions: ["1.24.2", 1.25.0]
          istioVersion: "1.25.0"
          domainSuffix: corp.example
          meshConfig: mesh.yaml
        docsUrl: https://docs.example.com/rules
        """);
    assertThat(c.failOn()).isEqualTo(FailOn.WARNING);
    assertThat(c.allowInlineSuppressions()).isFalse();
    assertThat(c.rules()).containsEntry("IL0007", new RuleSetting(false, null))
        .containsEntry("IL0004", new RuleSetting(true, Severity.WARNING))
        .containsEntry("IL0101", new RuleSetting(true, Severity.INFO));
    assertThat(c.ignorePaths()).containsExactly("vendor/**");
    assertThat(c.ignoreResources()).containsExactly("EnvoyFilter/istio-system/*");
    assertThat(c.mesh().proxyVersions()).containsExactly("1.24.2", "1.25.0");
    assertThat(c.mesh().istioVersion()).isEqualTo("1.25.0");
    assertThat(c.mesh().meshConfig()).isEqualTo(dir.resolve("mesh.yaml"));
    assertThat(c.docsUrl()).isEqualTo("https://docs.example.com/rules/");
    MeshInfo mesh = c.meshInfo();
    assertThat(mesh.proxyVersions()).containsExactly("1.24.2", "1.25.0");
    assertThat(mesh.proxyVersionsSource()).isEqualTo("config");
    assertThat(mesh.domainSuffix()).isEqualTo("corp.example");
    Policy p = c.policy();
    assertThat(p.enabled("IL0007")).isFalse();
    assertThat(p.enabled("IL0004")).isTrue();
    assertThat(p.severity("IL0004", Severity.ERROR)).isEqualTo(Severity.WARNING);
    assertThat(p.failOn()).isEqualTo(FailOn.WARNING);
    assertThat(p.allowInlineSuppressions()).isFalse();
  }

  @Test
  void emptyFileAndStarterConfigAreDefaults() throws Exception {
    for (String text : List.of("", "# only comments\n", StarterConfig.TEXT)) {
      LintConfig c = parse(text);
      assertThat(c.rules()).isEmpty();
      assertThat(c.failOn()).isIn(null, FailOn.ERROR);
      assertThat(c.allowInlineSuppressions()).isTrue();
      assertThat(c.meshInfo()).isEqualTo(MeshInfo.DEFAULTS);
      assertThat(c.policy().failOn()).isEqualTo(FailOn.ERROR);
    }
  }

  @Test
  void unknownKeysAreErrorsAtTheKeyWithASuggestion() {
    assertThatThrownBy(() -> parse("failOn: error\nrulez:\n  IL0004: off\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(".istiolint.yaml:2:1: unknown key `rulez`")
        .hasMessageContaining("did you mean `rules`?");
    assertThat(errorAt("mesh:\n  proxyVersion: [\"1.24.2\"]\n")).isEqualTo(new Location(dir.resolve(".istiolint.yaml").toString(), 2, 3));
    assertThat(errorAt("ignore:\n  paths: []\n  resource: []\n").line()).isEqualTo(3);
    assertThat(errorAt("rules:\n  IL0004: {enabled: true, sevrity: info}\n")).extracting(Location::line, Location::column)
        .containsExactly(2, 27);
  }

  @Test
  void unknownRuleCodesAreErrorsAtTheCode() {
    assertThatThrownBy(() -> parse("rules:\n  IL0007: on\n  IL0102: off\n"))
        .hasMessageContaining(":3:3: no rule `IL0102`").hasMessageContaining("did you mean `IL0101`?");
    assertThatThrownBy(() -> parse("rules:\n  IL0007: off\n  deprecated-api-version: on\n"))
        .hasMessageContaining(":3:3: rule IL0007 (deprecated-api-version) is configured twice");
  }

  @Test
  void badValuesAreErrorsAtTheValue() {
    assertThat(errorAt("failOn: sometimes\n")).extracting(Location::line, Location::column).containsExactly(1, 9);
    assertThat(errorAt("rules:\n  IL0004: loud\n")).extracting(Location::line, Location::column).containsExactly(2, 11);
    assertThat(errorAt("allowInlineSuppressions: maybe\n").line()).isEqualTo(1);
    assertThat(errorAt("ignore:\n  resources: [\"VirtualService/reviews\"]\n")).extracting(Location::line, Location::column)
        .containsExactly(2, 15);
    assertThat(errorAt("ignore:\n  paths: [\"vendor/[a\"]\n").line()).isEqualTo(2);
    assertThat(errorAt("mesh:\n  domainSuffix: Not_A_Domain\n").line()).isEqualTo(2);
    assertThat(errorAt("mesh:\n  meshConfig: missing.yaml\n").line()).isEqualTo(2);
    assertThat(errorAt("docsUrl: docs/rules\n").line()).isEqualTo(1);
    assertThat(errorAt("- a list\n").line()).isEqualTo(1);
    assertThat(errorAt("failOn: error\nfailOn: never\n").line()).as("a repeated key").isEqualTo(2);
    assertThat(errorAt("failOn: [\n").line()).as("a YAML error").isEqualTo(2);
  }

  @Test
  void anUnquotedVersionIsCaughtBeforeYamlTurnsItIntoANumber() {
    assertThatThrownBy(() -> parse("mesh:\n  proxyVersions: [1.30]\n"))
        .hasMessageContaining(":2:19: quote the version").hasMessageContaining("1.3");
    assertThatThrownBy(() -> parse("mesh:\n  istioVersion: latest\n")).hasMessageContaining("not an Istio version");
  }

  @Test
  void theFileIsFoundInTheNearestDirectoryAbove() throws IOException, ConfigException {
    Path nested = Files.createDirectories(dir.resolve("a/b/c"));
    assertThat(ConfigLoader.find(nested)).isEmpty();
    Path top = Files.writeString(dir.resolve("a/.istiolint.yaml"), "failOn: info\n");
    assertThat(ConfigLoader.find(nested)).contains(top);
    Path closer = Files.writeString(dir.resolve("a/b/.istiolint.yaml"), "failOn: never\n");
    assertThat(ConfigLoader.find(nested)).contains(closer);
    assertThat(ConfigLoader.load(closer, CATALOGUE).failOn()).isEqualTo(FailOn.NEVER);
  }
}
