package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import tools.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets a precise finding or message and a distinct exit code; nothing crashes. */
class BadInputTest {

  private static final String GOOD_DR = """
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata:
        name: reviews
      spec:
        host: reviews
      """;

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static JsonNode lintJson(Path... files) throws IOException {
    String[] args = new String[files.length + 3];
    args[0] = "lint";
    args[1] = "--format";
    args[2] = "json";
    for (int i = 0; i < files.length; i++) {
      args[i + 3] = files[i].toString();
    }
    Cli cli = Cli.run(args);
    assertThat(cli.err()).as("stderr").isEmpty();
    return cli.json();
  }

  private static JsonNode onlyFinding(JsonNode report, String code) {
    assertThat(report.get("findings")).as("findings").hasSize(1);
    JsonNode f = report.get("findings").get(0);
    assertThat(f.get("code").asString("")).isEqualTo(code);
    return f;
  }

  @Test
  void malformedYamlIsReportedAtTheParserPosition() throws IOException {
    Path f = write("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {x: [1, 2}\n");
    JsonNode finding = onlyFinding(lintJson(f), "IL0001");
    assertThat(finding.get("location").get("line").asInt(0)).isEqualTo(5);
    assertThat(finding.get("message").asString("")).startsWith("YAML syntax error");
    assertThat(Cli.run("lint", f.toString()).exitCode()).isEqualTo(1);
  }

  @Test
  void tabIndentationIsNamed() throws IOException {
    Path f = write("tab.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n");
    JsonNode finding = onlyFinding(lintJson(f), "IL0001");
    assertThat(finding.get("message").asString("")).contains("tab");
    assertThat(finding.get("location").get("line").asInt(0)).isEqualTo(4);
  }

  @Test
  void duplicateKeysAreFound() throws IOException {
    Path f = write("dup.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
    JsonNode finding = onlyFinding(lintJson(f), "IL0006");
    assertThat(finding.get("location").get("line").asInt(0)).isEqualTo(5);
    assertThat(finding.get("resource").get("name").asString("")).isEqualTo("b");
  }

  @Test
  void binaryFileIsOneFinding() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    JsonNode finding = onlyFinding(lintJson(write("image.yaml", png)), "IL0001");
    assertThat(finding.get("message").asString("")).contains("binary file");
  }

  @Test
  void nonUtf8BytesSpoilOnlyTheirDocument() throws IOException {
    byte[] latin1 = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\u00e9\n---\n" + GOOD_DR.replace("host: reviews", "hots: reviews"))
        .getBytes(StandardCharsets.ISO_8859_1);
    JsonNode report = lintJson(write("latin1.yaml", latin1));
    assertThat(report.get("findings")).extracting(n -> n.get("code").asString("")).containsExactly("IL0001", "IL0004", "IL0004");
    JsonNode encoding = report.get("findings").get(0);
    assertThat(encoding.get("location").get("line").asInt(0)).isEqualTo(4);
    assertThat(encoding.get("location").get("column").asInt(0)).isEqualTo(12);
  }

  @Test
  void emptyFileAndLoneSeparatorAreFine() throws IOException {
    for (String text : new String[] {"", "---\n", "---", "\n\n# just a comment\n"}) {
      Path f = write("empty.yaml", text);
      Cli cli = Cli.run("lint", f.toString());
      assertThat(cli.exitCode()).as("exit for %s", text).isZero();
      assertThat(cli.out()).contains("no problems in 0 resources in 1 file");
    }
  }

  @Test
  @Timeout(60)
  void aliasBombIsRefusedWithoutExhaustingMemory() throws IOException {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      char p = (char) (c - 1);
      yaml.append("  ").append(c).append(": &").append(c).append(" [").append(("*" + p + ",").repeat(8)).append('*').append(p).append("]\n");
    }
    JsonNode finding = onlyFinding(lintJson(write("lol.yaml", yaml.toString())), "IL0001");
    assertThat(finding.get("message").asString("")).contains("aliases expand");
  }

  @Test
  void tenThousandDeepNestingIsRefused() throws IOException {
    Path f = write("deep.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
    JsonNode finding = onlyFinding(lintJson(f), "IL0001");
    assertThat(finding.get("message").asString("")).contains("nesting is deeper than");
  }

  @Test
  void fiftyMegabyteFileIsStreamed() throws IOException {
    Path f = dir.resolve("big.yaml");
    int docs = 0;
    try (BufferedWriter w = Files.newBufferedWriter(f)) {
      long bytes = 0;
      while (bytes < 50L * 1024 * 1024) {
        String doc = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: svc-%1$d
              namespace: ns-%2$d
            spec:
              hosts:
              - svc-%1$d
              http:
              - match:
                - uri:
                    prefix: /api/v1/items/%1$d
                  headers:
                    x-tenant:
                      exact: tenant-%1$d
                route:
                - destination:
                    host: svc-%1$d
                    subset: v1
                  weight: 90
                - destination:
                    host: svc-%1$d
                    subset: v2
                  weight: 10
                retries:
                  attempts: 3
                  perTryTimeout: 2s
                timeout: 10s
            ---
            """.formatted(docs, docs % 50);
        w.write(doc);
        bytes += doc.length();
        docs++;
      }
    }
    JsonNode report = lintJson(f);
    assertThat(report.get("summary").get("resources").asInt(0)).isEqualTo(docs);
    assertThat(report.get("findings")).isEmpty();
  }

  @Test
  void unknownKindsAreCountedNotReported() throws IOException {
    Path f = write("mixed.yaml", GOOD_DR + "---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\n"
        + "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n");
    JsonNode report = lintJson(f);
    assertThat(report.get("findings")).isEmpty();
    assertThat(report.get("summary").get("resources").asInt(0)).isEqualTo(3);
    assertThat(report.get("summary").get("ignored").asInt(0)).isEqualTo(2);
    assertThat(Cli.run("lint", f.toString()).out()).contains("2 of kinds istiolint does not check");
  }

  @Test
  void missingPathIsAUsageErrorNamingIt() {
    Cli cli = Cli.run("lint", dir.resolve("nope.yaml").toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("nope.yaml");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void directoryWithoutYamlIsAClearUsageError() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("docs"));
    Files.writeString(empty.resolve("notes.txt"), "hello");
    Cli cli = Cli.run("lint", empty.toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("no .yaml, .yml or .json files", empty.toString());
  }

  @Test
  void helmChartSourcesInADirectoryAreSkipped() throws IOException {
    Path chart = Files.createDirectories(dir.resolve("repo/charts/cart/templates"));
    Files.writeString(chart.getParent().resolve("Chart.yaml"), "apiVersion: v2\nname: cart\nversion: 0.1.0\n");
    Files.writeString(chart.getParent().resolve("values.yaml"), "host: cart.example.com\n");
    Files.writeString(chart.resolve("dr.yaml"), GOOD_DR.replace("name: reviews", "name: {{ .Release.Name }}"));
    Files.writeString(dir.resolve("repo/dr.yaml"), GOOD_DR);
    JsonNode report = lintJson(dir.resolve("repo"));
    assertThat(report.get("findings")).isEmpty();
    assertThat(report.get("summary").get("files").asInt(0)).as("only repo/dr.yaml").isEqualTo(1);
  }

  @Test
  void patchFilesAKustomizationNamesAreSkippedInADirectory() throws IOException {
    Path base = Files.createDirectories(dir.resolve("app/base"));
    Path overlay = Files.createDirectories(dir.resolve("app/overlays/prod"));
    Files.writeString(base.resolve("dr.yaml"), GOOD_DR);
    Files.writeString(base.resolve("kustomization.yaml"), "resources: [dr.yaml]\n");
    Files.writeString(overlay.resolve("kustomization.yaml"), """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [../../base]
        patches:
        - path: dr-patch.yaml
        - path: ops.yaml
          target: {kind: DestinationRule, name: reviews}
        - patch: |-
            - op: remove
              path: /spec/trafficPolicy
        patchesStrategicMerge: [merge.yaml]
        """);
    String partial = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\n"
        + "spec:\n  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}\n";
    Files.writeString(overlay.resolve("dr-patch.yaml"), partial);
    Files.writeString(overlay.resolve("merge.yaml"), partial);
    Files.writeString(overlay.resolve("ops.yaml"), "- op: replace\n  path: /spec/host\n  value: ratings\n");
    Path stray = Files.writeString(overlay.resolve("stray.yaml"), partial);
    JsonNode report = lintJson(dir.resolve("app"));
    assertThat(report.get("findings")).as("only the file no kustomization names is linted as an object")
        .extracting(f -> f.get("code").asString("") + " " + f.get("location").get("file").asString(""))
        .containsExactlyInAnyOrder("IL0004 " + stray, "IL0005 " + stray);
  }

  @Test
  void oneBadDocumentNeverHidesTheOthers() throws IOException {
    Path f = write("mixed.yaml", GOOD_DR.replace("host: reviews", "hots: reviews") + "---\nkind: [\n---\n"
        + GOOD_DR.replace("name: reviews", "name: ratings").replace("host: reviews", "host: ratings\n  subsets:\n  - lables: {}"));
    JsonNode report = lintJson(f);
    assertThat(report.get("findings")).extracting(n -> n.get("code").asString("") + "@" + n.get("location").get("line").asInt(0))
        .containsExactly("IL0004@5", "IL0004@6", "IL0001@9", "IL0004@17", "IL0004@17");
  }

  @Test
  void unreadableInputExitsThreeAfterLintingTheRest() throws IOException {
    Path unreadable = Path.of("/proc/self/mem"); // exists, but reading from offset 0 fails even for root
    assumeTrue(Files.exists(unreadable));
    Path good = write("good.yaml", GOOD_DR);
    Cli cli = Cli.run("lint", good.toString(), unreadable.toString());
    assertThat(cli.exitCode()).isEqualTo(3);
    assertThat(cli.err()).contains("cannot read /proc/self/mem");
    assertThat(cli.out()).contains("no problems in 1 resource in 2 files");
  }
}
