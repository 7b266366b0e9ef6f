package io.istiolint.testdata.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesVersionPriority;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.istiolint.api.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * fabric8's CRUD mock API server (HTTPS on 127.0.0.1) made to answer what a real one answers and the mock
 * does not: discovery ({@code /api}, {@code /apis}, {@code /apis/<group>/<version>}) for the built-in groups
 * and for the CRDs created in it, with the preferred version chosen by Kubernetes' version priority; paging
 * ({@code limit}, {@code continue}); and objects of a CRD group stored at its preferred version whatever
 * version they are written at (what a CRD with conversion None does). It also records the requests it gets and
 * answers chosen paths with an error status. Shared with the testdata module's {@code MockCluster}.
 */
public final class MockApiServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.shared();
  /** The mock logs each request at INFO (java.util.logging); this reference keeps the logger, and its level. */
  private static final Logger REQUEST_LOG = Logger.getLogger(MockWebServer.class.getName());
  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  private static final String ISTIO_CRDS = "/io/istiolint/schemas/istio/";
  private static final Set<String> CLUSTER_SCOPED = Set.of("CustomResourceDefinition", "Namespace", "Node",
      "ClusterRole", "ClusterRoleBinding");
  private static final Pattern DISCOVERY = Pattern.compile("/api(/v1)?|/apis(/[^/?]+/[^/?]+)?");
  private static final Pattern CRD_GROUP_PATH = Pattern.compile("/apis/([^/]+)/([^/?]+)(/.*)?");
  private static final List<String> VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");

  /** The built-in resources served: group/version to {plural, kind, namespaced}; subresources list only "get". */
  private static final Map<String, List<String[]>> BUILT_IN = new LinkedHashMap<>();

  static {
    REQUEST_LOG.setLevel(Level.WARNING);
    BUILT_IN.put("v1", List.of(new String[] {"namespaces", "Namespace", "false"}, new String[] {"nodes", "Node", "false"},
        new String[] {"services", "Service", "true"}, new String[] {"pods", "Pod", "true"},
        new String[] {"pods/log", "Pod", "true"}, new String[] {"configmaps", "ConfigMap", "true"},
        new String[] {"secrets", "Secret", "true"}, new String[] {"serviceaccounts", "ServiceAccount", "true"},
        new String[] {"endpoints", "Endpoints", "true"}));
    BUILT_IN.put("apps/v1", List.of(new String[] {"deployments", "Deployment", "true"},
        new String[] {"deployments/scale", "Scale", "true"}, new String[] {"statefulsets", "StatefulSet", "true"},
        new String[] {"daemonsets", "DaemonSet", "true"}, new String[] {"replicasets", "ReplicaSet", "true"}));
    BUILT_IN.put("batch/v1", List.of(new String[] {"jobs", "Job", "true"}, new String[] {"cronjobs", "CronJob", "true"}));
    BUILT_IN.put("apiextensions.k8s.io/v1",
        List.<String[]>of(new String[] {"customresourcedefinitions", "CustomResourceDefinition", "false"}));
  }

  private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
  private final KubernetesMockServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> crds = new ConcurrentHashMap<>();
  private KubernetesClient client;

  private MockApiServer() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new Answers(), true);
  }

  /** Starts a server on 127.0.0.1:{@code port} (0: any free port). */
  public static MockApiServer start(int port) {
    MockApiServer mock = new MockApiServer();
    mock.server.init(InetAddress.getLoopbackAddress(), port);
    return mock;
  }

  public int port() {
    return server.getPort();
  }

  public String url() {
    return "https://127.0.0.1:" + port();
  }

  /** A client of this server whose namespace is "default", to fill it. */
  public synchronized KubernetesClient client() {
    if (client == null) {
      Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withTrustCerts(true)
          .withDisableHostnameVerification(true).withNamespace("default").withOauthToken("mock-token")
          .withRequestRetryBackoffLimit(0).build();
      client = new KubernetesClientBuilder().withConfig(config).build();
    }
    return client;
  }

  /** A Deployment {@code name} labelled {@code app: <name>} whose one container runs {@code image}, as YAML. */
  public static String deployment(String name, String image) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %1$s, labels: {app: %1$s}}
        spec:
          selector: {matchLabels: {app: %1$s}}
          template:
            metadata: {labels: {app: %1$s}}
            spec: {containers: [{name: main, image: %2$s}]}
        """.formatted(name, image);
  }

  /** Creates every object of a multi-document YAML in "default" (CRDs first, when the documents hold some). */
  public void create(String yaml) {
    create(yaml, "default");
  }

  /**
   * Creates every object of a multi-document YAML, those that name no namespace in {@code namespace}, as
   * {@code kubectl apply -n} does (CRDs first, when the documents hold some). The namespace is created too.
   */
  public void create(String yaml, String namespace) {
    List<HasMetadata> items = new ArrayList<>(client().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items());
    items.sort(Comparator.comparing(item -> !"CustomResourceDefinition".equals(item.getKind())));
    if (!namespace.equals("default") && client().namespaces().withName(namespace).get() == null) {
      client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }
    for (HasMetadata item : items) {
      if (item.getMetadata().getNamespace() == null && !CLUSTER_SCOPED.contains(item.getKind())) {
        item.getMetadata().setNamespace(namespace);
      }
      client().resource(item).create();
    }
  }

  /** Deletes one object, as {@code kubectl delete}. */
  public void delete(String apiVersion, String kind, String namespace, String name) {
    client().genericKubernetesResources(apiVersion, kind).inNamespace(namespace).withName(name).delete();
  }

  /** Creates the Istio CustomResourceDefinitions istiolint bundles (the schemas module's copy of crd-all.gen.yaml). */
  public void installIstioCrds() {
    for (JsonNode indexed : readResource(ISTIO_CRDS + "crd-index.gen.json").values()) {
      create(readResource(ISTIO_CRDS + "crd/" + indexed.path("metadata").path("name").asString("") + ".json").toString());
    }
  }

  private static JsonNode readResource(String resource) {
    try (InputStream in = MockApiServer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " not on the class path");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers every request whose path starts with {@code pathPrefix} with {@code status} and a Status body. */
  public void refuse(String pathPrefix, int status) {
    refusals.put(pathPrefix, status);
  }

  /** The requests received so far: "GET /api/v1/services?limit=500". */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Writes a kubeconfig whose only context, {@code context}, reaches this server with {@code namespace}. */
  public Path writeKubeconfig(Path file, String context, String namespace) throws IOException {
    return writeKubeconfig(file, url(), context, namespace);
  }

  /** Writes a kubeconfig whose only context, {@code context}, reaches {@code server} (TLS unchecked, a token). */
  public static Path writeKubeconfig(Path file, String server, String context, String namespace) throws IOException {
    Files.writeString(file, String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: mock",
        "  cluster:",
        "    server: " + server,
        "    insecure-skip-tls-verify: true",
        "users:",
        "- name: mock",
        "  user:",
        "    token: mock-token",
        "contexts:",
        "- name: " + context,
        "  context:",
        "    cluster: mock",
        "    user: mock",
        "    namespace: " + namespace,
        "current-context: " + context,
        ""));
    return file;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
    server.destroy();
  }

  /** The dispatcher: refusals, discovery and paging here, everything else to the CRUD store. */
  private final class Answers extends Dispatcher {

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      requests.add(request.getMethod() + " " + path);
      for (Map.Entry<String, Integer> refusal : refusals.entrySet()) {
        if (path.startsWith(refusal.getKey())) {
          return status(refusal.getValue(), "refused by the test: " + path);
        }
      }
      if (request.getMethod().equals("GET")) {
        if (DISCOVERY.matcher(path).matches()) {
          JsonNode discovery = discovery(path);
          return discovery == null ? status(404, "the server could not find the requested resource") : json(200, discovery);
        }
        if (path.contains("?") && !path.contains("watch=true")) {
          return page(path);
        }
        return crud.dispatch(request);
      }
      if (request.getMethod().equals("POST")) {
        request = atPreferredVersion(request);
      }
      MockResponse response = crud.dispatch(request);
      if (request.getPath().startsWith(CRDS) && response.code() < 300) {
        JsonNode crd = JSON.readTree(response.getBody().getBytes());
        crds.put(crd.path("metadata").path("name").asString(""), crd);
      }
      return response;
    }

    /** A list, one page of it when {@code limit} is given: the continue token is the offset of the next page. */
    private MockResponse page(String path) {
      int query = path.indexOf('?');
      List<String> kept = new ArrayList<>();
      int limit = 0;
      int offset = 0;
      for (String param : path.substring(query + 1).split("&")) {
        String value = URLDecoder.decode(param.substring(param.indexOf('=') + 1), StandardCharsets.UTF_8);
        if (param.startsWith("limit=")) {
          limit = Integer.parseInt(value);
        } else if (param.startsWith("continue=")) {
          offset = Integer.parseInt(value);
        } else {
          kept.add(param);
        }
      }
      MockResponse all = crud.handleGet(path.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept)));
      JsonNode list = JSON.readTree(all.getBody().getBytes());
      if (limit == 0 || !list.path("items").isArray()) {
        return json(all.code(), list);
      }
      // The store's order is a hash map's: sort, so that pages never overlap.
      List<JsonNode> items = new ArrayList<>(list.path("items").values());
      items.sort(Comparator.comparing((JsonNode i) -> i.path("metadata").path("namespace").asString(""))
          .thenComparing(i -> i.path("metadata").path("name").asString("")));
      int end = Math.min(items.size(), offset + limit);
      ObjectNode page = ((ObjectNode) list).deepCopy();
      ArrayNode pageItems = page.putArray("items");
      items.subList(Math.min(offset, end), end).forEach(pageItems::add);
      if (end < items.size()) {
        page.withObject("metadata").put("continue", String.valueOf(end));
      }
      return json(200, page);
    }

    /** A POST of a CRD group's object, moved to the group's preferred version. */
    private RecordedRequest atPreferredVersion(RecordedRequest request) {
      Matcher m = CRD_GROUP_PATH.matcher(request.getPath());
      if (!m.matches() || m.group(3) == null) {
        return request;
      }
      List<String> versions = crdVersions(m.group(1));
      if (versions.isEmpty() || versions.get(0).equals(m.group(2))) {
        return request;
      }
      String preferred = versions.get(0);
      ObjectNode body = (ObjectNode) JSON.readTree(request.getUtf8Body());
      body.put("apiVersion", m.group(1) + "/" + preferred);
      return new RecordedRequest(request.getHttpVersion(), request.method(),
          "/apis/" + m.group(1) + "/" + preferred + m.group(3), request.getHeaders(),
          new Buffer(JSON.writeValueAsBytes(body)));
    }

    /** What a discovery path answers; null: 404. */
    private JsonNode discovery(String path) {
      if (path.equals("/api")) {
        ObjectNode versions = object("APIVersions");
        versions.putArray("versions").add("v1");
        return versions;
      }
      if (path.equals("/api/v1")) {
        return resources("v1");
      }
      if (path.equals("/apis")) {
        ObjectNode groups = object("APIGroupList");
        ArrayNode list = groups.putArray("groups");
        BUILT_IN.keySet().stream().filter(gv -> gv.contains("/"))
            .forEach(gv -> list.add(group(gv.substring(0, gv.indexOf('/')), List.of(gv.substring(gv.indexOf('/') + 1)))));
        crds.values().stream().map(crd -> crd.path("spec").path("group").asString("")).distinct().sorted()
            .forEach(g -> list.add(group(g, crdVersions(g))));
        return groups;
      }
      return resources(path.substring("/apis/".length()));
    }

    private ObjectNode group(String name, List<String> versions) {
      ObjectNode group = JsonNodeFactory.instance.objectNode().put("name", name);
      ArrayNode list = group.putArray("versions");
      versions.forEach(v -> list.addObject().put("groupVersion", name + "/" + v).put("version", v));
      group.set("preferredVersion", list.get(0));
      return group;
    }

    /** The served versions of a CRD group, by Kubernetes' priority (v1 before v1beta1 before v1alpha3). */
    private List<String> crdVersions(String group) {
      List<String> versions = new ArrayList<>();
      crds.values().stream().filter(crd -> crd.path("spec").path("group").asString("").equals(group))
          .flatMap(crd -> crd.path("spec").path("versions").values().stream())
          .filter(v -> v.path("served").asBoolean(true)).map(v -> v.path("name").asString(""))
          .distinct().forEach(versions::add);
      return KubernetesVersionPriority.sortByPriority(versions, v -> v);
    }

    private JsonNode resources(String groupVersion) {
      ObjectNode list = object("APIResourceList").put("groupVersion", groupVersion);
      ArrayNode resources = list.putArray("resources");
      for (String[] r : BUILT_IN.getOrDefault(groupVersion, List.of())) {
        resource(resources, r[0], r[1], Boolean.parseBoolean(r[2]), r[0].contains("/") ? List.of("get") : VERBS);
      }
      String group = Kind.groupOf(groupVersion);
      String version = Kind.versionOf(groupVersion);
      for (JsonNode crd : crds.values()) {
        JsonNode spec = crd.path("spec");
        boolean served = spec.path("versions").values().stream()
            .anyMatch(v -> v.path("name").asString("").equals(version) && v.path("served").asBoolean(true));
        if (spec.path("group").asString("").equals(group) && served) {
          resource(resources, spec.path("names").path("plural").asString(""), spec.path("names").path("kind").asString(""),
              spec.path("scope").asString("").equals("Namespaced"), VERBS);
        }
      }
      return resources.isEmpty() && !BUILT_IN.containsKey(groupVersion) ? null : list;
    }

    private void resource(ArrayNode resources, String plural, String kind, boolean namespaced, List<String> verbs) {
      ObjectNode resource = resources.addObject().put("name", plural).put("namespaced", namespaced).put("kind", kind);
      verbs.forEach(resource.putArray("verbs")::add);
    }

    private ObjectNode object(String kind) {
      return JsonNodeFactory.instance.objectNode().put("kind", kind).put("apiVersion", "v1");
    }

    private MockResponse status(int code, String message) {
      ObjectNode status = object("Status").put("status", "Failure").put("message", message).put("code", code);
      return json(code, status);
    }

    private MockResponse json(int code, JsonNode body) {
      return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
          .setBody(body.toString());
    }
  }
}
