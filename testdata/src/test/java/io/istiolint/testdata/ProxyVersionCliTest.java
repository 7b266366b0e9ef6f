package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proxy versions on the command line: --proxy-version, --istio-version, the inputs, and the EnvoyFilter checks. */
class ProxyVersionCliTest {

  @TempDir
  Path dir;

  private Path envoyFilter(String proxyVersion) throws IOException {
    return Files.writeString(dir.resolve("f.yaml"), """
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata:
          name: lua
          namespace: istio-system
        spec:
          configPatches:
          - applyTo: HTTP_FILTER
            match:
              context: SIDECAR_INBOUND
              proxy:
                proxyVersion: '%s'
              listener:
                filterChain:
                  filter:
                    name: envoy.filters.network.http_connection_manager
                    subFilter:
                      name: envoy.filters.http.router
            patch:
              operation: INSERT_BEFORE
              value:
                name: envoy.filters.http.lua
        """.formatted(proxyVersion));
  }

  @Test
  void aPinToAnOldReleaseMatchesNoProxyOfTheMesh() throws IOException {
    Path f = envoyFilter("^1\\.17.*");
    Cli cli = Cli.run("lint", "--proxy-version", "1.30.3", f.toString());
    assertThat(cli.out()).startsWith(f + ":12:23: warning IL0601 EnvoyFilter istio-system/lua: proxyVersion '^1\\.17.*'");
    assertThat(cli.out()).contains("(1.30.3)", "hint: to patch the proxies the mesh runs, write '^1\\.30\\.'",
        "    proxy versions: 1.30.3 (from --proxy-version/--istio-version)\n");
    assertThat(cli.exitCode()).isZero();
    assertThat(Cli.run("lint", "--proxy-version", "1.30.3", "--fail-on", "warning", f.toString()).exitCode()).isEqualTo(1);
  }

  @Test
  void aPinToTheRunningReleaseIsClean() throws IOException {
    Path f = envoyFilter("^1\\.30.*");
    Cli cli = Cli.run("lint", "--proxy-version", "1.30.3", f.toString());
    assertThat(cli.out()).isEqualTo("no problems in 1 resource in 1 file\n"
        + "    proxy versions: 1.30.3 (from --proxy-version/--istio-version)\n");
    assertThat(cli.exitCode()).isZero();
  }

  @Test
  void aLoosePatternNamesWhatElseItMatchesAndTheFix() throws IOException {
    Path f = envoyFilter("^1.2");
    Cli cli = Cli.run("lint", "--proxy-version", "1.30.3", f.toString());
    assertThat(cli.out()).contains(f + ":12:23: warning IL0602 EnvoyFilter istio-system/lua: proxyVersion '^1.2' also matches 1.20 to 1.29",
        "write '^1\\.2\\.'", "[ef-proxy-version-loose]");
  }

  @Test
  void withoutVersionsTheFindingSaysWhichVersionWasAssumed() throws IOException {
    Cli cli = Cli.run("lint", "--format", "json", envoyFilter("^1\\.17.*").toString());
    JsonNode report = cli.json();
    assertThat(report.get("mesh").get("proxyVersionsSource").asString("")).isEqualTo("default");
    assertThat(report.get("findings").get(0).get("message").asString("")).contains("assumed 1.31.x");
  }

  @Test
  void versionsComeFromTheInputsAndFlagsWin() throws IOException {
    Path f = envoyFilter("^1\\.29\\.");
    Path pod = Files.writeString(dir.resolve("pod.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata: {name: reviews, namespace: shop}
        spec:
          containers:
          - {name: istio-proxy, image: "docker.io/istio/proxyv2:1.29.6"}
        """);
    JsonNode fromInputs = Cli.run("lint", "--format", "json", f.toString(), pod.toString()).json();
    assertThat(fromInputs.get("mesh").get("proxyVersions")).extracting(JsonNode::asString).containsExactly("1.29.6");
    assertThat(fromInputs.get("mesh").get("proxyVersionsSource").asString("")).isEqualTo("inputs");
    assertThat(fromInputs.get("findings")).isEmpty();
    assertThat(Cli.run("lint", f.toString(), pod.toString()).out()).endsWith("    proxy versions: 1.29.6 (found in the inputs)\n");

    JsonNode fromFlags = Cli.run("lint", "--format", "json", "--istio-version", "1.31.0", "--proxy-version", "1.30.3",
        f.toString(), pod.toString()).json();
    assertThat(fromFlags.get("mesh").get("proxyVersions")).extracting(JsonNode::asString).containsExactly("1.30.3", "1.31.0");
    assertThat(fromFlags.get("mesh").get("proxyVersionsSource").asString("")).isEqualTo("flags");
    assertThat(fromFlags.get("findings")).extracting(n -> n.get("code").asString("")).containsExactly("IL0601");
  }

  @Test
  void midUpgradeAPatchForOneReleaseSaysWhichProxiesItMisses() throws IOException {
    Path f = envoyFilter("^1\\.29\\.");
    Cli cli = Cli.run("lint", "--proxy-version", "1.29.6", "--proxy-version", "1.30.3", f.toString());
    assertThat(cli.out()).contains("info IL0607", "to the 1.29.6 proxies only: the 1.30.3 proxies", "proxy versions: 1.29.6, 1.30.3");
  }

  @Test
  void aVersionThatIsNoVersionIsAUsageError() throws IOException {
    Cli cli = Cli.run("lint", "--proxy-version", "latest", envoyFilter("^1\\.30.*").toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("--proxy-version", "'latest' is not an Istio version");
  }

  @Test
  void graphTakesTheSameFlags() throws IOException {
    Cli cli = Cli.run("graph", "--proxy-version", "1.30.3", "--istio-version", "1.30.3", envoyFilter("^1\\.30.*").toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();
  }
}
