package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.testdata.cluster.MockApiServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code lint --cluster} and {@code graph --cluster} against Bookinfo in fabric8's CRUD mock API server. */
class ClusterCliTest {

  private static final Path BOOKINFO = Path.of("samples", "istio", "bookinfo");
  private static final Path DESTINATION_RULES = BOOKINFO.resolve("networking/destination-rule-all.yaml");

  private static MockApiServer bookinfo;
  private static Path kubeconfig;

  @TempDir
  static Path shared;

  @TempDir
  Path dir;

  @BeforeAll
  static void startBookinfo() throws IOException {
    bookinfo = MockApiServer.start(0);
    bookinfo.installIstioCrds();
    for (String manifest : List.of("platform/kube/bookinfo.yaml", "networking/destination-rule-all.yaml",
        "networking/bookinfo-gateway.yaml", "networking/virtual-service-all-v1.yaml")) {
      bookinfo.create(Files.readString(BOOKINFO.resolve(manifest)), "bookinfo");
    }
    kubeconfig = bookinfo.writeKubeconfig(shared.resolve("kubeconfig"), "mock", "default");
  }

  @AfterAll
  static void stopBookinfo() {
    bookinfo.close();
  }

  private static Cli lint(String... args) {
    String[] all = new String[args.length + 6];
    System.arraycopy(new String[] {"lint", "--cluster", "--kubeconfig", kubeconfig.toString(), "-n", "bookinfo"}, 0, all, 0, 6);
    System.arraycopy(args, 0, all, 6, args.length);
    return Cli.run(all);
  }

  private static List<String> codes(JsonNode report) {
    return report.path("findings").values().stream().map(f -> f.path("code").asString("")).toList();
  }

  @Test
  void bookinfoInTheClusterHasNoErrors() throws IOException {
    Cli run = lint("-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = run.json();
    assertThat(report.path("findings").values()).filteredOn(f -> f.path("severity").asString("").equals("error")).isEmpty();
    assertThat(report.path("summary").path("cluster").asString("")).isEqualTo("mock");
    assertThat(report.path("summary").path("files").asInt(-1)).isZero();
    assertThat(report.path("summary").path("resources").asInt(0)).isGreaterThanOrEqualTo(21);
    assertThat(run.err()).contains("schemas: the Istio CRDs served by cluster mock");

    Cli text = lint();
    assertThat(text.out()).contains("resources from cluster mock")
        .contains("not verified: 2 references (not every namespace read from cluster mock (use -A))");
  }

  @Test
  void aFileReplacesTheClusterObjectOfTheSameName() throws IOException {
    Path reviews = dir.resolve("virtual-service-reviews-v3.yaml");
    Files.writeString(reviews, Files.readString(BOOKINFO.resolve("networking/virtual-service-reviews-v3.yaml"))
        .replace("subset: v3", "subset: v4"));

    Cli run = lint("-o", "json", reviews.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode report = run.json();
    assertThat(codes(report)).containsExactly("IL0102");
    JsonNode finding = report.path("findings").get(0);
    assertThat(finding.path("location").path("file").asString("")).isEqualTo(reviews.toString());
    assertThat(finding.path("location").path("line").asInt(0)).isEqualTo(12);
    assertThat(finding.path("message").asString("")).contains("subset `v4`");
    assertThat(report.path("summary").path("files").asInt(0)).isEqualTo(1);
  }

  @Test
  void deletingTheDestinationRulesBreaksTheClusterRoutes() throws IOException {
    Cli run = lint("-o", "json", "--delete", DESTINATION_RULES.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode report = run.json();
    assertThat(report.path("findings").values()).extracting(f -> f.path("code").asString("") + " "
            + f.path("location").path("file").asString("") + " " + f.path("path").asString("")
            + " " + f.path("location").has("line"))
        .containsExactlyInAnyOrder(
            "IL0102 cluster://mock/bookinfo/VirtualService/details spec.http[0].route[0].destination.subset false",
            "IL0102 cluster://mock/bookinfo/VirtualService/productpage spec.http[0].route[0].destination.subset false",
            "IL0102 cluster://mock/bookinfo/VirtualService/ratings spec.http[0].route[0].destination.subset false",
            "IL0102 cluster://mock/bookinfo/VirtualService/reviews spec.http[0].route[0].destination.subset false");

    Cli text = lint("--delete", DESTINATION_RULES.toString());
    assertThat(text.out()).contains("cluster://mock/bookinfo/VirtualService/reviews#spec.http[0].route[0].destination.subset:"
        + " error IL0102 VirtualService bookinfo/reviews: subset `v1` of `reviews` is not defined");
  }

  @Test
  void givingTheClusterItsOwnObjectsIsNotADuplicate() throws IOException {
    Cli run = lint("-o", "json", DESTINATION_RULES.toString(), BOOKINFO.resolve("networking/virtual-service-all-v1.yaml").toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(codes(run.json())).doesNotContain("IL0005");
  }

  @Test
  void graphReadsTheClusterToo() throws IOException {
    Cli run = Cli.run("graph", "--cluster", "--kubeconfig", kubeconfig.toString(), "-n", "bookinfo", "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().path("nodes").values()).extracting(n -> n.path("kind").asString("") + " " + n.path("name").asString(""))
        .contains("VirtualService reviews", "DestinationRule reviews", "Gateway bookinfo-gateway", "Service reviews");
  }

  @Test
  void aClosedPortExitsThreeWithinTheDeadlineInOneLine() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path closed = MockApiServer.writeKubeconfig(dir.resolve("closed"), "https://127.0.0.1:" + port, "gone", "default");

    long start = System.nanoTime();
    Cli run = Cli.run("lint", "--cluster", "--kubeconfig", closed.toString(), "--timeout", "5s");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList()).singleElement().asString()
        .startsWith("istiolint: cannot reach the Kubernetes API server at https://127.0.0.1:" + port + ": ");
  }

  @Test
  void kubeconfigAndContextMistakesExitThree() throws IOException {
    Cli missing = Cli.run("lint", "--cluster", "--kubeconfig", dir.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.err()).isEqualTo("istiolint: kubeconfig " + dir.resolve("nope") + " not found\n");

    Cli context = lint("--context", "prod");
    assertThat(context.exitCode()).isEqualTo(3);
    assertThat(context.err()).startsWith("istiolint: context \"prod\" not found in kubeconfig " + kubeconfig);
  }

  @Test
  void clusterFlagsWithoutClusterAreAUsageError() {
    Cli run = Cli.run("lint", "-A", BOOKINFO.resolve("networking/virtual-service-all-v1.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("istiolint: -A reads a cluster: add --cluster\n");
  }

  @Test
  void aForbiddenKindIsAWarningAndItsReferencesUnverified() throws IOException {
    try (MockApiServer cluster = MockApiServer.start(0)) {
      cluster.installIstioCrds();
      cluster.create(Files.readString(BOOKINFO.resolve("platform/kube/bookinfo.yaml")), "bookinfo");
      cluster.create(Files.readString(BOOKINFO.resolve("networking/virtual-service-all-v1.yaml")), "bookinfo");
      cluster.refuse("/apis/networking.istio.io/v1/namespaces/bookinfo/destinationrules", 403);
      Path config = cluster.writeKubeconfig(dir.resolve("forbidden"), "mock", "bookinfo");

      Cli run = Cli.run("lint", "--cluster", "--kubeconfig", config.toString(), "-o", "json");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).contains("istiolint: warning: cannot list destinationrules.networking.istio.io in namespace"
          + " bookinfo: forbidden");
      assertThat(codes(run.json())).doesNotContain("IL0102");
      assertThat(run.json().path("summary").path("unverifiedReferences").asInt(0)).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void aClusterObjectThatFailsItsSchemaIsReported() throws IOException {
    try (MockApiServer cluster = MockApiServer.start(0)) {
      cluster.installIstioCrds();
      cluster.create("""
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: broken}
          spec:
            hosts: reviews
          """, "shop");
      Path config = cluster.writeKubeconfig(dir.resolve("schema"), "mock", "shop");

      Cli run = Cli.run("lint", "--cluster", "--kubeconfig", config.toString(), "-o", "json");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.json().path("findings").values()).anySatisfy(f -> {
        assertThat(f.path("severity").asString("")).isEqualTo("error");
        assertThat(f.path("location").path("file").asString("")).isEqualTo("cluster://mock/shop/VirtualService/broken");
        assertThat(f.path("path").asString("")).isEqualTo("spec.hosts");
      });
    }
  }

  @Test
  void theMeshFactsComeFromTheCluster() throws IOException {
    try (MockApiServer cluster = MockApiServer.start(0)) {
      cluster.installIstioCrds();
      cluster.create("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: istio}
          data:
            mesh: |-
              extensionProviders:
              - name: otel
                opentelemetry: {service: otel.observability.svc.cluster.local, port: 4317}
          ---
          """ + MockApiServer.deployment("istiod", "docker.io/istio/pilot:1.28.1"), "istio-system");
      cluster.create("""
          apiVersion: telemetry.istio.io/v1
          kind: Telemetry
          metadata: {name: tracing}
          spec:
            tracing: [{providers: [{name: otel}]}]
          ---
          apiVersion: telemetry.istio.io/v1
          kind: Telemetry
          metadata: {name: missing}
          spec:
            selector: {matchLabels: {app: reviews}}
            tracing: [{providers: [{name: zipkin-nowhere}]}]
          """, "shop");
      Path config = cluster.writeKubeconfig(dir.resolve("mesh"), "mock", "shop");

      Cli run = Cli.run("lint", "--cluster", "--kubeconfig", config.toString());

      assertThat(run.out()).contains("proxy versions: 1.28.1 (read from the cluster)");
      assertThat(run.out()).contains("Telemetry shop/missing").doesNotContain("Telemetry shop/tracing");
      assertThat(run.out()).doesNotContain("istio-system"); // read as context, never reported on
    }
  }

  @Test
  void versionSaysWhichSchemasALintOfTheClusterUses() throws IOException {
    Cli withIstio = Cli.run("version", "--cluster", "--kubeconfig", kubeconfig.toString());
    assertThat(withIstio.exitCode()).isZero();
    assertThat(withIstio.out()).contains("cluster mock schemas: its own Istio CRDs (")
        .contains("networking.istio.io v1, v1alpha3, v1beta1").contains("cluster mock Istio: no istiod");

    try (MockApiServer bare = MockApiServer.start(0)) {
      Path config = bare.writeKubeconfig(dir.resolve("bare"), "bare", "default");
      Cli withoutIstio = Cli.run("version", "--cluster", "--kubeconfig", config.toString());
      assertThat(withoutIstio.exitCode()).isZero();
      assertThat(withoutIstio.out()).containsPattern("cluster bare schemas: Istio .* CRDs \\(bundled\\) \\(the cluster serves no Istio CRDs\\)");
      assertThat(withoutIstio.err()).contains("warning: the cluster serves no Istio APIs (networking.istio.io): is Istio installed?");
    }
  }

  @Test
  void aSecretNamedOnlyInAFileIsUnverifiedNotMissing() throws IOException {
    try (MockApiServer cluster = MockApiServer.start(0)) {
      cluster.installIstioCrds();
      cluster.create("""
          apiVersion: networking.istio.io/v1
          kind: Gateway
          metadata: {name: old}
          spec:
            selector: {app: edge}
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: [old.example.com]
              tls: {mode: SIMPLE, credentialName: gone-cert}
          ---
          apiVersion: v1
          kind: Pod
          metadata: {name: edge, labels: {app: edge}}
          spec: {containers: [{name: istio-proxy, image: docker.io/istio/proxyv2:1.28.1}]}
          """, "edge");
      Path config = cluster.writeKubeconfig(dir.resolve("secrets"), "mock", "edge");
      Path gateway = Files.writeString(dir.resolve("new-gateway.yaml"), """
          apiVersion: networking.istio.io/v1
          kind: Gateway
          metadata: {name: new, namespace: edge}
          spec:
            selector: {app: edge}
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: [new.example.com]
              tls: {mode: SIMPLE, credentialName: new-cert}
          """);

      Cli run = Cli.run("lint", "--cluster", "--kubeconfig", config.toString(), "-A", gateway.toString());

      // gone-cert was looked up and is missing; new-cert, named only in the file, was never looked up.
      assertThat(run.out()).contains("Secret `gone-cert` not found in namespace edge").doesNotContain("`new-cert` not found")
          .contains("not verified: 1 reference (only the Secrets the cluster's own objects name are read from cluster mock");
    }
  }
}
