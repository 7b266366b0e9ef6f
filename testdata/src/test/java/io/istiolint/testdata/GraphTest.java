package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code istiolint graph} on Bookinfo as deployed: every VS → host/subset → DR → workload edge is drawn. */
class GraphTest {

  private static final Path BOOKINFO = Path.of("samples", "istio", "bookinfo");
  private static final String[] INPUTS = {
      BOOKINFO.resolve("platform/kube/bookinfo.yaml").toString(),
      BOOKINFO.resolve("networking/bookinfo-gateway.yaml").toString(),
      BOOKINFO.resolve("networking/destination-rule-all.yaml").toString(),
      BOOKINFO.resolve("networking/virtual-service-reviews-80-20.yaml").toString()};

  @TempDir
  Path dir;

  private static Set<String> edges(String... extraArgs) throws IOException {
    String[] args = new String[extraArgs.length + INPUTS.length];
    System.arraycopy(extraArgs, 0, args, 0, extraArgs.length);
    System.arraycopy(INPUTS, 0, args, extraArgs.length, INPUTS.length);
    return graphEdges(args);
  }

  private static Set<String> graphEdges(String... inputs) throws IOException {
    String[] args = new String[3 + inputs.length];
    args[0] = "graph";
    args[1] = "--format";
    args[2] = "json";
    System.arraycopy(inputs, 0, args, 3, inputs.length);
    Cli cli = Cli.run(args);
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    JsonNode graph = new ObjectMapper().readTree(cli.out());
    Map<String, String> labels = new HashMap<>();
    for (JsonNode n : graph.get("nodes")) {
      labels.put(n.get("id").asString(""), n.has("key") ? n.get("type").asString("") + " " + n.get("key").asString("")
          : n.get("kind").asString("") + " " + n.get("namespace").asString("") + "/" + n.get("name").asString(""));
    }
    Set<String> edges = new HashSet<>();
    for (JsonNode e : graph.get("edges")) {
      edges.add(labels.get(e.get("from").asString("")) + " -" + e.get("relation").asString("") + (e.get("resolved").asBoolean(false) ? "" : "?")
          + "-> " + labels.get(e.get("to").asString("")));
    }
    return edges;
  }

  @Test
  void bookinfoChainsAreComplete() throws IOException {
    Set<String> edges = edges();
    String reviews = "host reviews.default.svc.cluster.local";
    assertThat(edges).contains(
        "VirtualService default/reviews -route-> " + reviews,
        "VirtualService default/reviews -host-> " + reviews,
        "VirtualService default/reviews -subset-> subset reviews.default.svc.cluster.local/v1",
        "VirtualService default/reviews -subset-> subset reviews.default.svc.cluster.local/v2",
        "subset reviews.default.svc.cluster.local/v1 -defined-by-> DestinationRule default/reviews",
        "subset reviews.default.svc.cluster.local/v2 -selects-> Deployment default/reviews-v2",
        "DestinationRule default/reviews -host-> " + reviews,
        reviews + " -served-by-> Service default/reviews",
        "Service default/reviews -selects-> Deployment default/reviews-v3",
        "VirtualService default/bookinfo -gateway-> Gateway default/bookinfo-gateway",
        "VirtualService default/bookinfo -route-> host productpage.default.svc.cluster.local");
    assertThat(edges).as("everything resolves in Bookinfo as deployed").noneMatch(e -> e.contains("?->"));
  }

  /** Each gateway proxy reads a credential from its own namespace: one edge per namespace the Gateway's pods run in. */
  @Test
  void gatewayCredentialsAreLookedUpWhereTheProxiesRun() throws IOException {
    Set<String> edges = graphEdges(Path.of("fixtures", "IL0302", "bad-secret-missing-in-one-namespace.yaml").toString());
    assertThat(edges).contains(
        "Gateway shop/shop-gateway -selects-> Deployment istio-system/istio-ingressgateway",
        "Gateway shop/shop-gateway -selects-> Pod istio-canary/ingress-canary",
        "Gateway shop/shop-gateway -credential-> Secret istio-system/shop-cert",
        "Gateway shop/shop-gateway -credential?-> secret istio-canary/shop-cert");
  }

  /** istiod names the Istio Gateways it makes for a Gateway API Gateway per listener; its own name binds nothing. */
  @Test
  void aGatewayApiGatewaysNameIsAnUnresolvedBinding() throws IOException {
    Path vs = Files.writeString(dir.resolve("gateway-api.yaml"), """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: shop}
        spec:
          gatewayClassName: istio
          listeners: [{name: http, port: 80, protocol: HTTP}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: internal, namespace: shop}
        spec:
          selector: {istio: internal-gateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [edge.example.com]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: edge, namespace: shop}
        spec:
          hosts: [edge.example.com]
          gateways: [edge, internal]
          http: [{route: [{destination: {host: edge.example.com}}]}]
        """);
    assertThat(graphEdges(vs.toString())).contains(
        "VirtualService shop/edge -gateway?-> gateway shop/edge",
        "VirtualService shop/edge -gateway-> Gateway shop/internal");
  }

  @Test
  void focusKeepsOnlyWhatIsConnected() throws IOException {
    Set<String> edges = edges("--focus", "VirtualService/default/reviews");
    assertThat(edges).anyMatch(e -> e.startsWith("VirtualService default/reviews"))
        .noneMatch(e -> e.contains("ratings") || e.contains("bookinfo-gateway"));
    assertThat(Cli.run("graph", "--focus", "VirtualService/default/nope", INPUTS[0]).exitCode()).isEqualTo(2);
  }

  @Test
  void unresolvedReferencesAreDashed() throws IOException {
    Path vs = Files.writeString(dir.resolve("vs.yaml"), """
        apiVersion: v1
        kind: Service
        metadata: {name: reviews}
        spec: {ports: [{port: 9080, name: http}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reveiws}
        """);
    Cli cli = Cli.run("graph", vs.toString());
    assertThat(cli.out()).containsPattern("-> n\\d+ \\[label=\"route\", style=dashed, color=red");
    assertThat(Cli.run("graph", "--format", "mermaid", vs.toString()).out()).contains("-.->|route (unresolved)|");
  }

  @Test
  void subsetAndGatewayEdgesFollowTheRules() throws IOException {
    Path vs = Files.writeString(dir.resolve("subset.yaml"), """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec: {host: reviews, subsets: [{name: v1, labels: {version: v1}}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          gateways: [mesh, public]
          http:
          - match: [{gateways: [pubilc]}]
            route:
            - destination: {host: reviews, subset: v9}
          - route:
            - destination: {host: reviews, subset: v1}
        """);
    JsonNode graph = new ObjectMapper().readTree(Cli.run("graph", "--format", "json", vs.toString()).out());
    Map<String, String> keys = new HashMap<>();
    graph.get("nodes").forEach(n -> keys.put(n.get("id").asString(""), n.has("key") ? n.get("key").asString("") : n.get("name").asString("")));
    Set<String> edges = new HashSet<>();
    graph.get("edges").forEach(e -> edges.add(e.get("relation").asString("") + " " + keys.get(e.get("to").asString("")) + " "
        + e.get("resolved").asBoolean(false)));
    assertThat(edges).contains("subset reviews.default.svc.cluster.local/v9 false", "subset reviews.default.svc.cluster.local/v1 true",
        "gateway public true", "gateway default/pubilc false");
  }

  /** Graphviz (Debian package graphviz) must accept the DOT; skipped where it is not installed. */
  @Test
  void graphvizRendersTheDot() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dot")), "graphviz is not installed");
    Path dot = dir.resolve("bookinfo.dot");
    String[] args = new String[1 + INPUTS.length];
    args[0] = "graph";
    System.arraycopy(INPUTS, 0, args, 1, INPUTS.length);
    Files.writeString(dot, Cli.run(args).out());
    Path svg = dir.resolve("bookinfo.svg");
    Process p = new ProcessBuilder(List.of("/usr/bin/dot", "-Tsvg", dot.toString(), "-o", svg.toString())).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(Files.readString(svg)).contains("<svg", "DestinationRule default/reviews");
  }
}
