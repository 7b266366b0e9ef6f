package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: output contracts, exit codes, the samples and the documented commands. */
class CliTest {

  private static final Path BOOKINFO = Path.of("samples", "istio", "bookinfo");

  @TempDir
  Path dir;

  @Test
  void bookinfoNetworkingAndPlatformHaveNoSchemaViolations() throws IOException {
    Cli cli = Cli.run("lint", "--format", "json", BOOKINFO.resolve("networking").toString(), BOOKINFO.resolve("platform").toString());
    JsonNode report = cli.json();
    assertThat(report.get("summary").get("resources").asInt(0)).isGreaterThan(60);
    assertThat(report.get("findings")).extracting(f -> f.get("code").asString("")).doesNotContain("IL0004", "IL0000");
  }

  /** Each sample file on its own (the samples hold alternatives, e.g. two versions of the same rules). */
  @Test
  void everyIstioSampleFileIsFreeOfErrorsAndWarnings() throws IOException {
    List<Path> samples;
    try (var files = Files.walk(Path.of("samples"))) {
      samples = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path sample : samples) {
      Cli cli = Cli.run("lint", "--format", "json", sample.toString());
      JsonNode report = cli.json();
      assertThat(report.get("findings")).as(cli.out())
          .filteredOn(f -> !SamplesTest.KNOWN_TRUE_FINDINGS.contains(Path.of("samples", "istio")
              .relativize(Path.of(f.path("location").path("file").asString(""))) + ":" + f.path("location").path("line").asInt(0)
              + " " + f.path("code").asString("")))
          .allSatisfy(f -> assertThat(f.get("severity").asString("")).isEqualTo("info"));
    }
  }

  /** Bookinfo as deployed: the app, its gateway, the destination rules and one routing file. */
  @Test
  void bookinfoAsDeployedIsClean() {
    Cli cli = Cli.run("lint", BOOKINFO.resolve("platform/kube/bookinfo.yaml").toString(),
        BOOKINFO.resolve("networking/bookinfo-gateway.yaml").toString(),
        BOOKINFO.resolve("networking/destination-rule-all.yaml").toString(),
        BOOKINFO.resolve("networking/virtual-service-all-v1.yaml").toString());
    assertThat(cli.exitCode()).isZero();
    // The ingress gateway pods are installed with Istio, not with Bookinfo: its Gateway's selector and port stay unverified.
    assertThat(cli.out()).isEqualTo("no problems in 24 resources in 4 files (2 references not verified (their targets were not "
        + "loaded); 4 of kinds istiolint does not check)\n"
        + "    not verified: 2 references (no gateway workloads loaded (a Gateway selects its pods in every namespace); add those "
        + "manifests, or --complete if there are none)\n");
  }

  /** With --complete, what stays unverified is not for want of manifests: the summary asks for neither. */
  @Test
  void completeSummaryDoesNotAskForComplete() throws IOException {
    Path file = Files.writeString(dir.resolve("gateway.yaml"), """
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: installed, namespace: istio-system}
        spec:
          components:
            ingressGateways:
            - name: istio-ingressgateway
              k8s:
                overlays:
                - kind: Deployment
                  name: istio-ingressgateway
                  patches: [{path: spec.template.metadata.labels.istio, value: edge}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: shop}
        spec:
          selector: {istio: edge}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: [a.example.com]
        """);
    Cli cli = Cli.run("lint", "--complete", "--disable", "IL0307", file.toString());
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).isEqualTo("no problems in 2 resources in 1 file (2 references not verified (their targets "
        + "cannot be told))\n"
        + "    not verified: 2 references (IstioOperator istio-system/installed patches gateway istio-ingressgateway with "
        + "k8s.overlays, so the labels of the gateways it installs are unknown)\n");

    Path report = dir.resolve("report.json");
    Cli toFile = Cli.run("lint", "--complete", "--disable", "IL0307", "-o", "json=" + report, file.toString());
    assertThat(toFile.err()).as("the summary on stderr when every report went to a file")
        .isEqualTo("istiolint: no problems in 2 resources in 1 file (2 references not verified (their targets cannot be told))\n");
  }

  @Test
  void misspeltRetriesIsReportedAtTheExactKey() throws IOException {
    Path vs = Files.writeString(dir.resolve("vs.yaml"), """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
          namespace: bookinfo
        spec:
          hosts:
          - reviews
          http:
          - route:
            - destination:
                host: reviews
            retires:
              attempts: 3
        """);
    Cli cli = Cli.run("lint", vs.toString());
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.out()).startsWith(vs + ":13:5: error IL0004 VirtualService bookinfo/reviews: ");
    assertThat(cli.out()).contains("retires", "[schema-violation]", "retries");
  }

  @Test
  void jsonOutputFollowsTheContract() throws IOException {
    Path vs = Files.writeString(dir.resolve("vs.yaml"), """
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata:
          name: reviews
          namespace: bookinfo
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination:
                host: reviews
                subzet: v1
        """);
    Cli cli = Cli.run("lint", "--format", "json", vs.toString());
    JsonNode report = cli.json();
    assertThat(fieldNames(report)).containsExactly("tool", "schemaVersion", "summary", "mesh", "findings");
    assertThat(report.get("tool").get("name").asString("")).isEqualTo("istiolint");
    assertThat(report.get("schemaVersion").asString("")).isEqualTo("1");
    assertThat(fieldNames(report.get("summary"))).containsExactly("resources", "files", "errors", "warnings", "infos",
        "suppressed", "unverifiedReferences", "ignored");
    assertThat(fieldNames(report.get("mesh"))).containsExactly("proxyVersions", "proxyVersionsSource", "domainSuffix");
    JsonNode finding = report.get("findings").get(1);
    assertThat(fieldNames(finding)).containsExactly("code", "rule", "severity", "message", "hint", "resource", "location",
        "path", "equivalents");
    assertThat(finding.get("code").asString("")).isEqualTo("IL0004");
    assertThat(finding.get("rule").asString("")).isEqualTo("schema-violation");
    assertThat(finding.get("severity").asString("")).isEqualTo("error");
    assertThat(finding.get("path").asString("")).isEqualTo("spec.http[0].route[0].destination.subzet");
    assertThat(fieldNames(finding.get("resource"))).containsExactly("apiVersion", "kind", "namespace", "name");
    assertThat(finding.get("location").get("line").asInt(0)).isEqualTo(12);
    assertThat(finding.get("location").get("column").asInt(0)).isEqualTo(9);
    assertThat(finding.get("equivalents")).extracting(JsonNode::asString).containsExactly("IST0106");
    assertThat(report.get("findings").get(0).get("code").asString("")).isEqualTo("IL0007");
    assertThat(report.get("summary").get("errors").asInt(0)).isEqualTo(1);
    assertThat(report.get("summary").get("infos").asInt(0)).isEqualTo(1);
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void exitCodesFollowFailOn() throws IOException {
    Path info = Files.writeString(dir.resolve("info.yaml"), """
        apiVersion: networking.istio.io/v1alpha3
        kind: DestinationRule
        metadata:
          name: reviews
        spec:
          host: reviews
        """);
    assertThat(Cli.run("lint", info.toString()).exitCode()).as("info below the default threshold").isZero();
    assertThat(Cli.run("lint", "--fail-on", "info", info.toString()).exitCode()).isEqualTo(1);
    assertThat(Cli.run("lint", "--fail-on", "WARNING", info.toString()).exitCode()).isZero();
    assertThat(Cli.run("lint", "--fail-on", "info", "--format", "json", info.toString()).exitCode()).isEqualTo(1);
    Path error = Files.writeString(dir.resolve("error.yaml"), "apiVersion: v1\nkind: [\n");
    assertThat(Cli.run("lint", "--fail-on", "never", error.toString()).exitCode()).isZero();
    assertThat(Cli.run("lint", "--format", "json", error.toString()).exitCode()).isEqualTo(1);
    assertThat(Cli.run("lint", "--fail-on", "sometimes", error.toString()).exitCode()).isEqualTo(2);
    assertThat(Cli.run("lint").exitCode()).as("no path").isEqualTo(2);
  }

  @Test
  void namespaceFlagDefaultsObjectsWithoutOne() throws IOException {
    Path dr = Files.writeString(dir.resolve("dr.yaml"), "apiVersion: networking.istio.io/v1\nkind: DestinationRule\n"
        + "metadata: {name: reviews}\nspec: {host: reviews, hots: x}\n");
    assertThat(Cli.run("lint", "-n", "shop", dr.toString()).out()).contains("DestinationRule shop/reviews");
    assertThat(Cli.run("lint", dr.toString()).out()).contains("DestinationRule default/reviews");
  }

  @Test
  void standardInputIsLinted() throws IOException {
    var original = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n".getBytes()));
      Cli cli = Cli.run("lint", "-");
      assertThat(cli.exitCode()).isEqualTo(1);
      assertThat(cli.out()).startsWith("<stdin>:5:3: error IL0006 ConfigMap default/b: ");
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void textOutputHasNoColorsUnlessAsked() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: [\n");
    assertThat(Cli.run("lint", bad.toString()).out()).doesNotContain("\u001b[");
    assertThat(Cli.run("lint", "--color", "always", bad.toString()).out()).contains("\u001b[31merror");
  }

  @Test
  void rulesMarkdownIsTheCommittedCatalogue() throws IOException {
    Cli cli = Cli.run("rules", "--format", "markdown");
    assertThat(cli.out()).as("docs/rules/README.md is generated by `istiolint rules --format markdown`")
        .isEqualTo(Files.readString(Path.of("..", "docs", "rules", "README.md")));
  }

  @Test
  void rulesAndExplainAndVersion() throws IOException {
    assertThat(Cli.run("rules").out()).contains("IL0004  schema-violation");
    JsonNode rules = Cli.run("rules", "--format", "json").json();
    assertThat(rules).extracting(r -> r.get("code").asString("")).contains("IL0000", "IL0001", "IL0007");
    assertThat(Cli.run("explain", "IL0004").out()).startsWith("# IL0004 schema-violation").contains("retries");
    assertThat(Cli.run("explain", "duplicate-key").out()).startsWith("# IL0006 duplicate-key");
    assertThat(Cli.run("explain", "IL0102").out()).endsWith("""
        Checks: VirtualService
        Reads: DestinationRule, Gateway, Gateway (gateway.networking.k8s.io), Service, ServiceEntry \
        (a change to an object of these kinds can change its findings)
        """);
    Cli unknown = Cli.run("explain", "IL0044");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("IL0004");
    assertThat(Cli.run("version").out()).startsWith("istiolint ").contains("schemas: Istio");
  }

  @Test
  void anEmptyDirectoryIsSaidOnce() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    Cli run = Cli.run("lint", empty.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("istiolint: nothing to lint: no .yaml, .yml or .json files in " + empty + "\n");
  }

  @Test
  void linksInADirectoryAreFollowedAndBrokenOnesReported() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Path real = Files.copy(BOOKINFO.resolve("networking/virtual-service-all-v1.yaml"), dir.resolve("routes.yaml"));
    Files.createSymbolicLink(tree.resolve("routes.yaml"), real);
    Files.createSymbolicLink(tree.resolve("gone.yaml"), dir.resolve("nowhere.yaml"));

    Cli run = Cli.run("lint", "-o", "json", tree.toString());

    assertThat(run.err()).contains("istiolint: warning: skipped " + tree.resolve("gone.yaml") + " -> "
        + dir.resolve("nowhere.yaml") + ": the link leads nowhere");
    assertThat(run.json().path("summary").path("files").asInt(0)).isEqualTo(1);
    assertThat(run.json().path("summary").path("resources").asInt(0)).isEqualTo(4);
  }

  @Test
  void rulesCanBeListedWithCommas() throws IOException {
    Path vs = Files.writeString(dir.resolve("vs.yaml"), """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: a, namespace: shop}
        spec:
          hosts: [a]
          http:
          - route:
            - destination: {host: a, subset: v9}
        """);

    Cli all = Cli.run("lint", "--complete", "-o", "json", vs.toString());
    Cli fewer = Cli.run("lint", "--complete", "-o", "json", "--disable", "IL0101,vs-destination-subset-not-found", vs.toString());

    assertThat(all.json().path("findings").values()).extracting(f -> f.path("code").asString("")).contains("IL0101");
    assertThat(fewer.json().path("findings").values()).extracting(f -> f.path("code").asString(""))
        .doesNotContain("IL0101", "IL0102");
  }

  @Test
  void reportsAllWrittenToFilesLeaveTheSummaryOnTheTerminal() throws IOException {
    Path sarif = dir.resolve("out.sarif");
    String vs = BOOKINFO.resolve("networking/virtual-service-all-v1.yaml").toString();

    Cli run = Cli.run("lint", "--format", "sarif=" + sarif, vs);

    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("istiolint: no problems in 4 resources in 1 file");
    assertThat(Files.readString(sarif)).contains("\"version\" : \"2.1.0\"");

    Cli unwritable = Cli.run("lint", "--format", "sarif=" + dir.resolve("missing/out.sarif"), vs);
    assertThat(unwritable.exitCode()).isEqualTo(3);
    assertThat(unwritable.err()).contains("istiolint: cannot write " + dir.resolve("missing/out.sarif") + ": no such file or directory");
  }

  @Test
  void aMistypedOptionIsOneLineAndAPointerNotTheWholeUsage() {
    Cli run = Cli.run("lint", "--complte", "x.yaml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList()).containsExactly("istiolint: Unknown option: '--complte'",
        "Possible solutions: --context, --complete, --config, --color", "See 'istiolint lint --help' for the options.");
  }

  @Test
  void meshConfigDefinesTheProvidersTelemetryMayUse() throws IOException {
    Path telemetry = Files.writeString(dir.resolve("telemetry.yaml"), """
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: tracing, namespace: shop}
        spec:
          tracing:
          - providers:
            - name: otel-tracing
        """);
    Cli unknown = Cli.run("lint", telemetry.toString());
    assertThat(unknown.exitCode()).isZero();
    assertThat(unknown.out()).contains("1 reference not verified");
    Path mesh = Files.writeString(dir.resolve("mesh.yaml"), """
        extensionProviders:
        - name: otel_tracing
          opentelemetry: {service: otel.observability.svc.cluster.local, port: 4317}
        """);
    Cli typo = Cli.run("lint", "--mesh-config", mesh.toString(), telemetry.toString());
    assertThat(typo.exitCode()).isEqualTo(1);
    assertThat(typo.out()).contains("telemetry.yaml:7:13: error IL0701", "did you mean `otel_tracing`?");
    Cli graph = Cli.run("graph", "--mesh-config", mesh.toString(), telemetry.toString());
    assertThat(graph.exitCode()).isZero();
  }

  @Test
  void aBrokenMeshConfigIsAUsageErrorWithItsPosition() throws IOException {
    Path telemetry = Files.writeString(dir.resolve("telemetry.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    Path mesh = Files.writeString(dir.resolve("mesh.yaml"), """
        extensionProviders:
        - name: otel
          opentelemetery: {service: otel, port: 4317}
        """);
    Cli broken = Cli.run("lint", "--mesh-config", mesh.toString(), telemetry.toString());
    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.out()).isEmpty();
    assertThat(broken.err()).isEqualTo("istiolint: --mesh-config " + mesh + ":3:3: unknown provider kind `opentelemetery`"
        + " in extension provider `otel`: did you mean `opentelemetry`?\n");
    Cli missing = Cli.run("lint", "--mesh-config", dir.resolve("nope.yaml").toString(), telemetry.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.yaml: no such file");
  }

  private static List<String> fieldNames(JsonNode node) {
    return node.properties().stream().map(java.util.Map.Entry::getKey).toList();
  }
}
