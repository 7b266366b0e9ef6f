package io.istiolint.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.YamlPath;
import io.istiolint.config.LintConfig;
import io.istiolint.engine.Linter;
import io.istiolint.load.InputSource;
import io.istiolint.load.LoadLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An object without text (read from a cluster) written as YAML for the page: istiolint's own loader reads it back the same. */
class RenderedYamlTest {

  @TempDir
  Path dir;

  private JsonNode readBack(List<String> lines) throws Exception {
    Path file = Files.write(dir.resolve("rendered.yaml"), lines);
    Linter.Options options = new Linter.Options("default", LoadLimits.DEFAULT, true, LintConfig.NONE.meshInfo(), List.of());
    return Linter.load(List.of(InputSource.file(file)), options).resources().get(0).object();
  }

  @Test
  void everyValueReadsBackAsItWasAndEachPathHasItsLine() throws Exception {
    JsonNode object = JsonMapper.shared().readTree("""
        {"apiVersion": "networking.istio.io/v1", "kind": "VirtualService",
         "metadata": {"name": "reviews", "namespace": "bookinfo",
                      "annotations": {"networking.istio.io/exportTo": ".", "note": "a: b # not a comment", "yes": "on",
                                      "version": "1.20", "date": "2026-12-07", "exp": "1e3", "hex": "0x1F", "port": "9080", "empty": "", "multi": "line one\\nline two", "quote": "say \\"hi\\""}},
         "spec": {"hosts": ["reviews", "*.example.com"], "gateways": [],
                  "http": [{"match": [{"uri": {"prefix": "/v1"}}, {"headers": {"end-user": {"exact": "jason"}}}],
                            "route": [{"destination": {"host": "reviews", "subset": "v1", "port": {"number": 9080}}, "weight": 100}],
                            "timeout": "10s", "retries": {"attempts": 3, "perTryTimeout": "2s"}, "fault": null,
                            "mirrorPercentage": {"value": 0.5}, "corsPolicy": {}}],
                  "exportTo": ["."], "nested": [[1, 2], ["a"]], "flag": true}}""");

    RenderedYaml yaml = RenderedYaml.of(object);

    assertThat(readBack(yaml.lines()).toString()).as("the same values (the loader picks its own number classes)").isEqualTo(object.toString());
    List<String> lines = yaml.lines();
    assertThat(lines.get(yaml.lineOf(YamlPath.of("spec", "http", 0, "route", 0, "destination", "subset")) - 1)).isEqualTo("        subset: v1");
    assertThat(lines.get(yaml.lineOf(YamlPath.of("spec", "http", 0, "route", 0)) - 1)).isEqualTo("    - destination:");
    assertThat(lines.get(yaml.lineOf(YamlPath.of("spec", "hosts", 1)) - 1)).isEqualTo("  - \"*.example.com\"");
    assertThat(lines.get(yaml.lineOf(YamlPath.of("spec", "http", 0, "timeout").key()) - 1)).isEqualTo("    timeout: 10s");
    assertThat(lines.get(yaml.lineOf(YamlPath.of("spec", "http", 0, "route", 0, "destination", "port", "name")) - 1))
        .as("a missing field is shown at its parent").isEqualTo("        port:");
    assertThat(yaml.lineOf(null)).isEqualTo(1);
  }
}
