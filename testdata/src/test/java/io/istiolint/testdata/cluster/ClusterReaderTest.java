package io.istiolint.testdata.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.istiolint.api.Kind;
import io.istiolint.cluster.ClusterException;
import io.istiolint.cluster.ClusterReader;
import io.istiolint.cluster.ClusterSnapshot;
import io.istiolint.cluster.KindRead;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** {@link ClusterReader} against fabric8's CRUD mock API server, and against servers that fail. */
class ClusterReaderTest {

  @TempDir
  Path dir;

  private final MockApiServer mock = MockApiServer.start(0);

  @AfterEach
  void stop() {
    mock.close();
  }

  private ClusterSnapshot read(List<String> namespaces, boolean allNamespaces, boolean secrets) throws Exception {
    Path kubeconfig = mock.writeKubeconfig(dir.resolve("kubeconfig"), "mock", "default");
    return new ClusterReader().read(new ClusterReader.Request(kubeconfig, null, namespaces, allNamespaces,
        Duration.ofSeconds(20), secrets, null));
  }

  private static ClusterReader.Request request(Path kubeconfig, String context, Duration timeout) {
    return new ClusterReader.Request(kubeconfig, context, List.of("shop"), false, timeout, true, null);
  }

  private static List<String> names(ClusterSnapshot snapshot, String kind) {
    return snapshot.objects().stream().filter(o -> o.path("kind").asString("").equals(kind))
        .map(o -> o.path("metadata").path("namespace").asString("") + "/" + o.path("metadata").path("name").asString(""))
        .sorted().toList();
  }

  private static KindRead kindRead(ClusterSnapshot snapshot, Kind kind) {
    return snapshot.kinds().stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
  }

  @Test
  void readsIstioObjectsAtTheVersionServedWithoutBookkeeping() throws Exception {
    mock.installIstioCrds();
    mock.create("""
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: reviews
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: '{"big": "json"}'
          managedFields: [{manager: kubectl, operation: Apply}]
        spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews}}]}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: reviews}
        spec: {ports: [{port: 9080, name: http}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: elsewhere, namespace: other}
        spec: {ports: [{port: 80}]}
        """, "shop");

    ClusterSnapshot snapshot = read(List.of("shop"), false, true);

    assertThat(snapshot.server()).isEqualTo(mock.url());
    assertThat(snapshot.context()).isEqualTo("mock");
    assertThat(names(snapshot, "Service")).containsExactly("shop/reviews");
    ObjectNode vs = snapshot.objects().stream().filter(o -> o.path("kind").asString("").equals("VirtualService"))
        .findFirst().orElseThrow();
    assertThat(vs.path("apiVersion").asString("")).isEqualTo("networking.istio.io/v1");
    assertThat(vs.path("metadata").has("managedFields")).isFalse();
    assertThat(vs.path("metadata").has("annotations")).isFalse();
    assertThat(vs.path("metadata").path("creationTimestamp").asString("")).isNotEmpty();
    KindRead virtualServices = kindRead(snapshot, Kind.VIRTUAL_SERVICE);
    assertThat(virtualServices.apiVersion()).isEqualTo("networking.istio.io/v1");
    assertThat(virtualServices.namespaces()).containsExactly("istio-system", "shop"); // the root namespace's too
    assertThat(virtualServices.unavailable()).isNull();
    assertThat(snapshot.istioCrds()).extracting(c -> c.path("metadata").path("name").asString(""))
        .contains("virtualservices.networking.istio.io", "destinationrules.networking.istio.io", "telemetries.telemetry.istio.io");
    assertThat(snapshot.warnings()).isEmpty();
  }

  @Test
  void saysWhenIstioIsNotInstalledAndReadsTheRest() throws Exception {
    mock.create("apiVersion: v1\nkind: Service\nmetadata: {name: reviews}\nspec: {ports: [{port: 80}]}\n", "shop");

    ClusterSnapshot snapshot = read(List.of("shop"), false, true);

    assertThat(snapshot.warnings()).containsExactly(
        "the cluster serves no Istio APIs (networking.istio.io): is Istio installed?");
    assertThat(kindRead(snapshot, Kind.VIRTUAL_SERVICE).unavailable()).isEqualTo("not served by this cluster");
    assertThat(names(snapshot, "Service")).containsExactly("shop/reviews");
    assertThat(snapshot.istioCrds()).isEmpty();
  }

  @Test
  void pagesThroughLargeLists() throws Exception {
    StringBuilder services = new StringBuilder();
    for (int i = 0; i < 1_205; i++) {
      services.append("apiVersion: v1\nkind: Service\nmetadata: {name: svc-").append(i)
          .append("}\nspec: {ports: [{port: 80}]}\n---\n");
    }
    mock.create(services.toString(), "big");

    ClusterSnapshot snapshot = read(List.of("big"), false, true);

    assertThat(names(snapshot, "Service")).hasSize(1_205).doesNotHaveDuplicates();
    assertThat(mock.requests()).filteredOn(r -> r.startsWith("GET /api/v1/namespaces/big/services?"))
        .containsExactlyInAnyOrder("GET /api/v1/namespaces/big/services?limit=500",
            "GET /api/v1/namespaces/big/services?limit=500&continue=500",
            "GET /api/v1/namespaces/big/services?limit=500&continue=1000");
  }

  @Test
  void aForbiddenKindIsAWarningAndLeavesOnlyItUnread() throws Exception {
    mock.create("apiVersion: v1\nkind: Service\nmetadata: {name: reviews}\nspec: {ports: [{port: 80}]}\n", "shop");
    mock.refuse("/api/v1/namespaces/shop/pods", 403);

    ClusterSnapshot snapshot = read(List.of("shop"), false, true);

    assertThat(snapshot.warnings()).contains(
        "cannot list pods in namespace shop: forbidden (refused by the test: /api/v1/namespaces/shop/pods?limit=500)");
    assertThat(kindRead(snapshot, Kind.POD).unavailable()).startsWith("forbidden");
    assertThat(kindRead(snapshot, Kind.POD).namespaces()).isEmpty();
    assertThat(kindRead(snapshot, Kind.SERVICE).namespaces()).containsExactly("shop");
    assertThat(names(snapshot, "Service")).containsExactly("shop/reviews");
  }

  @Test
  void forbiddenInOneNamespaceKeepsTheOthers() throws Exception {
    mock.refuse("/api/v1/namespaces/b/services", 403);

    ClusterSnapshot snapshot = read(List.of("a", "b"), false, true);

    KindRead services = kindRead(snapshot, Kind.SERVICE);
    assertThat(services.namespaces()).containsExactly("a");
    assertThat(services.unavailable()).isNull();
    assertThat(snapshot.warnings()).anyMatch(w -> w.startsWith("cannot list services in namespace b: forbidden"));
  }

  @Test
  void expiredCredentialsEndTheReadNamingTheServer() {
    mock.refuse("/api", 401);

    assertThatThrownBy(() -> read(List.of("shop"), false, true))
        .isInstanceOf(ClusterException.class)
        .hasMessage("the API server at " + mock.url() + " refused the credentials of context mock (401 Unauthorized):"
            + " log in again and retry");
  }

  @Test
  void aServerThatNeverAnswersEndsAtTheDeadline() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept()); // accepted, never answered: not even the TLS handshake
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "https://127.0.0.1:" + silent.getLocalPort();
      Path kubeconfig = MockApiServer.writeKubeconfig(dir.resolve("silent"), url, "silent", "shop");

      long start = System.nanoTime();
      assertThatThrownBy(() -> new ClusterReader().read(request(kubeconfig, null, Duration.ofMillis(1500))))
          .isInstanceOf(ClusterException.class)
          .hasMessage("the API server at " + url + " did not answer within 1500ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "https://127.0.0.1:" + port;
    Path kubeconfig = MockApiServer.writeKubeconfig(dir.resolve("closed"), url, "closed", "shop");

    long start = System.nanoTime();
    assertThatThrownBy(() -> new ClusterReader().read(request(kubeconfig, null, Duration.ofSeconds(10))))
        .isInstanceOf(ClusterException.class)
        .hasMessageStartingWith("cannot reach the Kubernetes API server at " + url + ": ")
        .hasMessageNotContaining("\n");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void kubeconfigMistakesNameTheFile() throws Exception {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> new ClusterReader().read(request(missing, null, null)))
        .isInstanceOf(ClusterException.class).hasMessage("kubeconfig " + missing + " not found");

    Path garbled = Files.writeString(dir.resolve("garbled"), "clusters: [\n");
    assertThatThrownBy(() -> new ClusterReader().read(request(garbled, null, null)))
        .isInstanceOf(ClusterException.class).hasMessageStartingWith("cannot read kubeconfig " + garbled + ": ")
        .hasMessageNotContaining("\n");

    Path kubeconfig = mock.writeKubeconfig(dir.resolve("kubeconfig"), "mock", "default");
    assertThatThrownBy(() -> new ClusterReader().read(request(kubeconfig, "prod", null)))
        .isInstanceOf(ClusterException.class)
        .hasMessage("context \"prod\" not found in kubeconfig " + kubeconfig + " (contexts: mock)");
  }

  @Test
  void readsOnlyTheSecretsGatewaysReferTo() throws Exception {
    mock.installIstioCrds();
    mock.create("""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: web}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: ["*"]
            tls: {mode: SIMPLE, credentialName: web-cert}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: web-cert}
        type: kubernetes.io/tls
        data: {tls.crt: Y2VydA==, tls.key: a2V5}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: database-password}
        data: {password: c2VjcmV0}
        """, "shop");

    ClusterSnapshot snapshot = read(List.of("shop"), false, true);

    assertThat(names(snapshot, "Secret")).containsExactly("shop/web-cert");
    assertThat(kindRead(snapshot, Kind.SECRET).names()).containsExactly("web-cert", "web-cert-cacert");
    assertThat(mock.requests()).noneMatch(r -> r.contains("database-password") || r.contains("/secrets?"));

    ClusterSnapshot withoutSecrets = read(List.of("shop"), false, false);
    assertThat(names(withoutSecrets, "Secret")).isEmpty();
    assertThat(kindRead(withoutSecrets, Kind.SECRET).unavailable()).isEqualTo("not read (--no-secrets)");
  }

  @Test
  void allNamespacesListsClusterWide() throws Exception {
    mock.create("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n", "one");
    mock.create("apiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec: {ports: [{port: 80}]}\n", "two");

    ClusterSnapshot snapshot = read(List.of(), true, true);

    assertThat(names(snapshot, "Service")).containsExactly("one/a", "two/b");
    assertThat(names(snapshot, "Namespace")).containsExactly("/one", "/two");
    assertThat(kindRead(snapshot, Kind.SERVICE).allNamespaces()).isTrue();
    assertThat(mock.requests()).contains("GET /api/v1/services?limit=500");
  }

  @Test
  void readsTheMeshConfigAndIstiodButNothingElseOfIstioSystem() throws Exception {
    mock.create("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio}
        data: {mesh: "rootNamespace: istio-system"}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio-canary, labels: {istio.io/rev: canary}}
        data: {mesh: "rootNamespace: istio-system"}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio-sidecar-injector-canary, labels: {istio.io/rev: canary}}
        ---
        """ + MockApiServer.deployment("istiod", "docker.io/istio/pilot:1.28.1") + "---\n"
        + MockApiServer.deployment("unrelated", "nginx"), "istio-system");

    ClusterSnapshot snapshot = read(List.of("shop"), false, true);

    assertThat(names(snapshot, "ConfigMap")).containsExactly("istio-system/istio", "istio-system/istio-canary");
    assertThat(names(snapshot, "Deployment")).containsExactly("istio-system/istiod");
    assertThat(kindRead(snapshot, Kind.DEPLOYMENT).namespaces()).containsExactly("shop");
    assertThat(kindRead(snapshot, Kind.CONFIG_MAP).namespaces()).isEmpty();
  }

  @Test
  void reportsProgressUpToEveryKind() throws Exception {
    mock.create("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n", "shop");
    List<int[]> updates = new ArrayList<>();
    Path kubeconfig = mock.writeKubeconfig(dir.resolve("kubeconfig"), "mock", "default");

    ClusterSnapshot snapshot = new ClusterReader().read(new ClusterReader.Request(kubeconfig, null, List.of("shop"),
        false, null, true, (done, total, objects) -> updates.add(new int[] {done, total, objects})));

    int[] last = updates.get(updates.size() - 1);
    assertThat(last[0]).isEqualTo(last[1]).isEqualTo(snapshot.kinds().size());
    assertThat(last[2]).isEqualTo(snapshot.objects().size());
  }

  @Test
  void theClusterRoleInDeployAllowsEveryRequestARunMakes() throws Exception {
    mock.installIstioCrds();
    mock.create("""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: web}
        spec:
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: ["*"]
            tls: {mode: SIMPLE, credentialName: web-cert}
        """, "shop");
    read(List.of("shop"), false, true);
    read(List.of(), true, true);
    ClusterRole role;
    try (var in = Files.newInputStream(Path.of("..", "deploy", "istiolint-reader-clusterrole.yaml"))) {
      role = Serialization.unmarshal(in, ClusterRole.class);
    }
    assertThat(role.getRules()).allSatisfy(rule -> assertThat(rule.getVerbs()).isSubsetOf("get", "list", "watch"));

    List<String> gets = mock.requests().stream().filter(r -> r.startsWith("GET ")).map(r -> r.substring(4)).toList();
    assertThat(gets).anyMatch(r -> r.contains("/secrets/web-cert")).anyMatch(r -> r.contains("/secrets?"));
    assertThat(gets).allSatisfy(path -> assertThat(allows(role, path)).as(path).isTrue());
  }

  /** Whether {@code role} lets a GET of {@code path} through, as the API server's RBAC authorizer decides. */
  private static boolean allows(ClusterRole role, String path) {
    String bare = path.replaceAll("\\?.*", "");
    String[] segments = bare.substring(1).split("/");
    boolean core = segments[0].equals("api");
    int rest = core ? 2 : 3;
    if (segments.length <= rest) {
      return role.getRules().stream().anyMatch(r -> r.getNonResourceURLs().stream()
          .anyMatch(u -> u.equals(bare) || u.endsWith("/*") && bare.startsWith(u.substring(0, u.length() - 1))));
    }
    String group = core ? "" : segments[1];
    List<String> tail = List.of(segments).subList(rest, segments.length);
    boolean namespaced = tail.get(0).equals("namespaces") && tail.size() >= 3;
    String resource = namespaced ? tail.get(2) : tail.get(0);
    String verb = (namespaced ? tail.size() > 3 : tail.size() > 1) ? "get" : "list";
    return role.getRules().stream().anyMatch(r -> r.getApiGroups().contains(group) && r.getVerbs().contains(verb)
        && (r.getResources().contains(resource) || r.getResources().contains("*")));
  }
}
