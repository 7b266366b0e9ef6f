package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import io.istiolint.api.Finding;
import io.istiolint.api.Location;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.engine.LintReport;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.report.JsonReporter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema of {@code lint --format json} against the reports the command line writes: every fixture and
 * every Istio sample, a report from a cluster, and each field renamed or removed in turn, which the schema must
 * refuse, so that a change to the reporter cannot pass unnoticed.
 */
class OutputSchemaTest {

  @Test
  void theReportOfEveryFixtureAndSampleIsValid() throws IOException {
    List<Path> inputs = new ArrayList<>();
    for (Path parent : List.of(Path.of("fixtures"), Path.of("samples", "istio"))) {
      try (Stream<Path> dirs = Files.list(parent)) {
        dirs.filter(Files::isDirectory).sorted().forEach(inputs::add);
      }
    }
    int findings = 0;
    boolean outsideAnyObject = false;
    for (Path input : inputs) {
      Cli cli = Cli.run("lint", "--format", "json", input.toString());
      assertThat(cli.exitCode()).as("%s: %s", input, cli.err()).isIn(0, 1);
      JsonNode report = cli.json();
      assertThat(JsonSchemas.OUTPUT.errors(report)).as("report on %s", input).isEmpty();
      findings += report.get("findings").size();
      for (JsonNode f : report.get("findings")) {
        outsideAnyObject |= f.get("resource").isNull();
      }
    }
    assertThat(inputs).hasSizeGreaterThan(60);
    assertThat(findings).isGreaterThan(200);
    assertThat(outsideAnyObject).as("some finding is on no object").isTrue();
    JsonNode hiding = Cli.run("lint", "--format", "json", "--min-severity", "error", "samples/istio").json();
    assertThat(hiding.path("summary").path("hidden").asInt(0)).isPositive();
    assertThat(JsonSchemas.OUTPUT.errors(hiding)).isEmpty();
  }

  /** A cluster's objects have no lines, and the summary names the context. */
  @Test
  void aReportFromAClusterIsValid() throws IOException {
    ResourceRef vs = new ResourceRef("networking.istio.io/v1", "VirtualService", "shop", "reviews");
    Finding finding = new Finding("IL0101", "vs-destination-host-not-found", Severity.ERROR, "no host `reviewz`",
        "did you mean `reviews`?", vs, YamlPath.ROOT.field("spec").field("hosts").index(0),
        Location.unpositioned(Location.CLUSTER_SCHEME + "kind-mesh/shop/VirtualService/reviews"), List.of("IST0101"));
    LintReport.Summary summary = new LintReport.Summary(3, 0, 1, 0, 0, 0, 0, 0, "kind-mesh");
    LintReport report = new LintReport(List.of(finding), summary, MeshInfo.DEFAULTS, Map.of(), List.of(), List.of(),
        List.of(), List.of(), null);
    StringWriter out = new StringWriter();
    new JsonReporter().write(report, out);
    JsonNode json = JsonMapper.shared().readTree(out.toString());
    assertThat(json.path("summary").path("cluster").asString("")).isEqualTo("kind-mesh");
    assertThat(json.path("findings").path(0).path("location").has("line")).isFalse();
    assertThat(JsonSchemas.OUTPUT.errors(json)).isEmpty();
  }

  @Test
  void everyFieldRenamedOrRemovedIsRefused() throws IOException {
    JsonNode report = Cli.run("lint", "--format", "json", "golden/ci/k8s").json();
    assertThat(JsonSchemas.OUTPUT.errors(report)).isEmpty();
    List<List<String>> fields = new ArrayList<>();
    for (String top : List.of("tool", "schemaVersion", "summary", "mesh", "findings")) {
      fields.add(List.of(top));
    }
    for (String object : List.of("tool", "summary", "mesh")) {
      report.get(object).propertyNames().forEach(name -> fields.add(List.of(object, name)));
    }
    JsonNode finding = report.get("findings").get(0);
    for (String name : finding.propertyNames()) {
      fields.add(List.of("findings", "0", name));
      if (finding.get(name).isObject()) {
        finding.get(name).propertyNames().forEach(inner -> fields.add(List.of("findings", "0", name, inner)));
      }
    }
    assertThat(fields).hasSizeGreaterThan(30);
    for (List<String> field : fields) {
      assertThat(JsonSchemas.OUTPUT.errors(edited(report, field, true))).as("renamed %s", field).isNotEmpty();
      assertThat(JsonSchemas.OUTPUT.errors(edited(report, field, false))).as("removed %s", field).isNotEmpty();
    }
    ObjectNode newer = (ObjectNode) report.deepCopy();
    newer.put("schemaVersion", "2");
    assertThat(JsonSchemas.OUTPUT.errors(newer)).as("another schemaVersion").isNotEmpty();
  }

  /** A copy of {@code report} with the field at {@code path} renamed (a trailing underscore) or removed. */
  private static JsonNode edited(JsonNode report, List<String> path, boolean rename) {
    JsonNode copy = report.deepCopy();
    JsonNode parent = copy;
    for (String step : path.subList(0, path.size() - 1)) {
      parent = parent.isArray() ? parent.get(Integer.parseInt(step)) : parent.get(step);
    }
    String name = path.get(path.size() - 1);
    JsonNode value = ((ObjectNode) parent).remove(name);
    if (rename) {
      ((ObjectNode) parent).set(name + "_", value);
    }
    return copy;
  }
}
