package io.istiolint.cluster;

import io.istiolint.api.Kind;
import io.istiolint.index.CredentialName;
import io.istiolint.model.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads what istiolint needs from a live cluster: the Istio configuration, the Services, Pods and workloads
 * it refers to, the namespaces, the mesh's ConfigMaps and istiod, the Secrets Gateways and DestinationRules
 * name, and the Istio CRDs. Kinds are read at the versions the server serves, in parallel, page by page, all
 * under one deadline. A refusal of one kind or namespace (RBAC) is a warning and leaves that scope unread;
 * anything that stops the whole read is a {@link ClusterException}.
 */
public final class ClusterReader {

  /**
   * What to read.
   *
   * @param kubeconfig null: {@code KUBECONFIG}, else {@code ~/.kube/config}, as kubectl does
   * @param context null: the current context
   * @param namespaces the namespaces to read; empty (and not {@code allNamespaces}): the context's namespace,
   *     else "default"
   * @param allNamespaces read every namespace (-A)
   * @param timeout one deadline for the whole read; null: 30s
   * @param readSecrets false (--no-secrets): read no Secret at all
   * @param progress told how far the read is; null: {@link Progress#NONE}
   */
  public record Request(Path kubeconfig, String context, List<String> namespaces, boolean allNamespaces,
      Duration timeout, boolean readSecrets, Progress progress) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public Request {
      namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
      progress = progress == null ? Progress.NONE : progress;
    }
  }

  /** How far a read is. Called from the reading threads, one call at a time. */
  @FunctionalInterface
  public interface Progress {

    Progress NONE = (kindsDone, kindsTotal, objects) -> { };

    void update(int kindsDone, int kindsTotal, int objects);
  }

  /** Requests at a time: enough to hide latency, few enough not to load the API server. */
  private static final int THREADS = 6;

  /** Where istiod, its Deployments and the mesh ConfigMaps live (Istio's default root namespace). */
  static final String ISTIO_SYSTEM = "istio-system";

  static final String NO_ISTIO = "the cluster serves no Istio APIs (networking.istio.io): is Istio installed?";

  /** Read in full in the namespaces read, when served, besides every kind of the Istio groups. */
  static final List<Kind> LISTED = List.of(Kind.SERVICE, Kind.POD, Kind.DEPLOYMENT, Kind.STATEFUL_SET,
      Kind.DAEMON_SET, Kind.REPLICA_SET, Kind.JOB, Kind.CRON_JOB, Kind.ROLLOUT, Kind.KUBERNETES_GATEWAY);

  /** The Istio kinds istiolint knows of; said to be not served when the cluster lacks them. */
  static final List<Kind> ISTIO_KNOWN = List.of(Kind.VIRTUAL_SERVICE, Kind.DESTINATION_RULE, Kind.GATEWAY,
      Kind.SERVICE_ENTRY, Kind.SIDECAR, Kind.ENVOY_FILTER, Kind.WORKLOAD_ENTRY, Kind.WORKLOAD_GROUP, Kind.TELEMETRY);

  static final String NOT_SERVED = "not served by this cluster";
  private static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/";

  /** Reads the cluster {@code request} names. */
  public ClusterSnapshot read(Request request) throws ClusterException {
    long start = System.nanoTime();
    Kubeconfig kubeconfig = Kubeconfig.load(request.kubeconfig(), request.context());
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, task -> {
      Thread thread = new Thread(task, "istiolint-cluster-read");
      thread.setDaemon(true);
      return thread;
    });
    try (ApiServer api = ApiServer.open(kubeconfig, request.timeout(), start)) {
      List<String> warnings = Collections.synchronizedList(new ArrayList<>());
      Map<Kind, ServedKind> served = Discovery.read(api, pool, warnings);
      if (served.keySet().stream().noneMatch(k -> k.group().equals("networking.istio.io"))) {
        warnings.add(NO_ISTIO);
      }
      List<String> namespaces = request.allNamespaces() ? null
          : List.copyOf(new LinkedHashSet<>(request.namespaces().isEmpty() ? List.of(kubeconfig.namespace()) : request.namespaces()));
      Set<String> scopes = namespaces == null ? Set.of(Listing.ALL) : Set.copyOf(namespaces);

      Reading reading = new Reading(api, pool, request.progress());
      List<Future<Crd>> crds = startCrds(api, pool, served);
      planKinds(reading, served, namespaces, scopes);
      ServedKind secret = served.get(Kind.SECRET);
      if (secret != null && request.readSecrets()) {
        reading.planDeferred(secret, scopes);
      } else {
        reading.unavailable(Kind.SECRET, secret, secret == null ? NOT_SERVED : "not read (--no-secrets)");
      }
      reading.started();
      if (secret != null && request.readSecrets()) {
        Set<String> names = credentialNames(reading);
        startSecrets(reading, secret, namespaces, names);
        reading.close(Kind.SECRET, names);
      }

      List<ObjectNode> objects = reading.objects();
      List<KindRead> kinds = reading.kinds(warnings);
      List<ObjectNode> istioCrds = awaitCrds(api, crds, warnings);
      return new ClusterSnapshot(api.url(), kubeconfig.context(), namespaces == null ? List.of() : namespaces, objects, kinds,
          istioCrds, warnings);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Plans every kind but Secrets and starts its listings. The Istio kinds are read in {@link #ISTIO_SYSTEM} too,
   * the root namespace, whose DestinationRules, Sidecars, EnvoyFilters and Telemetries apply to every namespace.
   */
  private static void planKinds(Reading reading, Map<Kind, ServedKind> served, List<String> namespaces,
      Set<String> scopes) {
    List<Kind> kinds = new ArrayList<>();
    served.keySet().stream().filter(k -> Discovery.ISTIO_GROUPS.contains(k.group())).forEach(kinds::add);
    ISTIO_KNOWN.stream().filter(k -> !kinds.contains(k)).forEach(kinds::add);
    kinds.addAll(LISTED);
    List<String> withRoot = namespaces == null ? null
        : Stream.concat(namespaces.stream(), Stream.of(ISTIO_SYSTEM)).distinct().toList();
    for (Kind kind : kinds) {
      ServedKind servedKind = served.get(kind);
      if (servedKind == null) {
        reading.unavailable(kind, null, NOT_SERVED);
        continue;
      }
      List<String> read = Discovery.ISTIO_GROUPS.contains(kind.group()) ? withRoot : namespaces;
      if (read == null || !servedKind.namespaced()) {
        reading.plan(servedKind, servedKind.namespaced() ? scopes : Set.of(Listing.ALL));
        reading.start(Listing.all(servedKind, null));
      } else {
        reading.plan(servedKind, Set.copyOf(read));
        read.forEach(ns -> reading.start(Listing.all(servedKind, ns)));
      }
    }
    planNamespaces(reading, served.get(Kind.NAMESPACE), namespaces, scopes);
    planMeshConfig(reading, served.get(Kind.CONFIG_MAP));
    // istiod's Deployments and Pods tell the control plane's version even when istio-system is not read.
    if (namespaces != null && !namespaces.contains(ISTIO_SYSTEM)) {
      String istiod = ApiServer.param("labelSelector", "app=istiod");
      for (Kind kind : List.of(Kind.DEPLOYMENT, Kind.POD)) {
        ServedKind servedKind = served.get(kind);
        if (servedKind != null) {
          reading.start(new Listing(servedKind, ISTIO_SYSTEM, null, istiod, null, o -> true));
        }
      }
    }
  }

  /** Namespaces are cluster-scoped: with -A all are listed, else only those read, by name. */
  private static void planNamespaces(Reading reading, ServedKind namespace, List<String> namespaces, Set<String> scopes) {
    if (namespace == null) {
      reading.unavailable(Kind.NAMESPACE, null, NOT_SERVED);
      return;
    }
    reading.plan(namespace, scopes);
    if (namespaces == null) {
      reading.start(Listing.all(namespace, null));
    } else {
      namespaces.forEach(ns -> reading.start(new Listing(namespace, null, ns, "", ns, o -> true)));
    }
  }

  /**
   * Only the MeshConfig ConfigMaps: {@code istio} and {@code istio-<revision>} in istio-system (the revision
   * from the label istio.io/rev, which other ConfigMaps there carry too). Never complete for any namespace.
   */
  private static void planMeshConfig(Reading reading, ServedKind configMap) {
    if (configMap == null) {
      reading.unavailable(Kind.CONFIG_MAP, null, NOT_SERVED);
      return;
    }
    reading.plan(configMap, Set.of());
    reading.start(new Listing(configMap, ISTIO_SYSTEM, "istio", "", null, o -> true));
    reading.start(new Listing(configMap, ISTIO_SYSTEM, null, ApiServer.param("labelSelector", "istio.io/rev"), null,
        o -> {
          String rev = o.path("metadata").path("labels").path("istio.io/rev").asString("");
          return o.path("metadata").path("name").asString("").equals("istio-" + rev);
        }));
  }

  /**
   * The Secret names the Gateways' and DestinationRules' {@code credentialName}s refer to, each also with
   * {@code -cacert}: istiod reads a CA certificate from that companion Secret when the named one has none.
   */
  private static Set<String> credentialNames(Reading reading) throws ClusterException {
    Set<String> raw = new TreeSet<>();
    for (ObjectNode gateway : reading.objects(Kind.GATEWAY)) {
      for (JsonNode server : Json.items(gateway.path("spec").path("servers"))) {
        addCredentials(server.path("tls"), raw);
      }
    }
    for (ObjectNode rule : reading.objects(Kind.DESTINATION_RULE)) {
      JsonNode spec = rule.path("spec");
      addPolicy(spec.path("trafficPolicy"), raw);
      Json.items(spec.path("subsets")).forEach(subset -> addPolicy(subset.path("trafficPolicy"), raw));
    }
    Set<String> names = new TreeSet<>();
    for (String credential : raw) {
      CredentialName.parse(credential).ifPresent(c -> {
        String qualified = c.namespace() == null ? "" : c.namespace() + "/";
        names.add(qualified + c.name());
        names.add(qualified + c.name() + "-cacert");
      });
    }
    return names;
  }

  private static void addPolicy(JsonNode trafficPolicy, Set<String> raw) {
    addCredentials(trafficPolicy.path("tls"), raw);
    Json.items(trafficPolicy.path("portLevelSettings")).forEach(port -> addCredentials(port.path("tls"), raw));
  }

  /** {@code credentialName}, and {@code credentialNames} (a Gateway server's several certificates). */
  private static void addCredentials(JsonNode tls, Set<String> raw) {
    String one = Json.text(tls.path("credentialName"), "");
    if (!one.isEmpty()) {
      raw.add(one);
    }
    Json.items(tls.path("credentialNames")).forEach(n -> raw.add(Json.text(n, "")));
    raw.remove("");
  }

  /**
   * Looks up each Secret name: by name in each namespace read, or with -A across all of them with a field
   * selector. A name given as {@code namespace/name} is looked up in that namespace only.
   */
  private static void startSecrets(Reading reading, ServedKind secret, List<String> namespaces, Set<String> names) {
    for (String name : names) {
      int slash = name.indexOf('/');
      String only = slash < 0 ? null : name.substring(0, slash);
      String bare = name.substring(slash + 1);
      if (namespaces == null && only == null) {
        reading.start(new Listing(secret, null, null, ApiServer.param("fieldSelector", "metadata.name=" + bare),
            Listing.ALL, o -> true));
      } else if (namespaces == null) {
        reading.start(new Listing(secret, only, bare, "", Listing.ALL, o -> true));
      } else {
        namespaces.stream().filter(ns -> only == null || only.equals(ns))
            .forEach(ns -> reading.start(new Listing(secret, ns, bare, "", ns, o -> true)));
      }
    }
  }

  /** A CRD got, or the refusal. */
  record Crd(ObjectNode object, Refused refused) {}

  /** Gets the CRD of every Istio resource served, by name ({@code <plural>.<group>}), rather than list every CRD. */
  static List<Future<Crd>> startCrds(ApiServer api, ExecutorService pool, Map<Kind, ServedKind> served) {
    List<Future<Crd>> crds = new ArrayList<>();
    for (ServedKind kind : served.values()) {
      if (kind.kind().isIstio()) {
        crds.add(pool.submit(() -> {
          try {
            return new Crd(api.get(CRD_PATH + kind.resource()) instanceof ObjectNode crd ? crd : null, null);
          } catch (Refused e) {
            return new Crd(null, e);
          }
        }));
      }
    }
    return crds;
  }

  /** The CRDs got; none, and a warning, when one was refused. */
  static List<ObjectNode> awaitCrds(ApiServer api, List<Future<Crd>> crds, List<String> warnings)
      throws ClusterException {
    List<ObjectNode> found = new ArrayList<>();
    for (Future<Crd> future : crds) {
      Crd crd = api.await(future);
      if (crd.refused() != null) {
        warnings.add(crd.refused().warning("get the Istio CustomResourceDefinitions"));
        return List.of();
      }
      if (crd.object() != null) {
        found.add(crd.object());
      }
    }
    return found;
  }
}
