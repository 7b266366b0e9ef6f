package io.istiolint.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.istiolint.api.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * A live copy of what istiolint reads from a cluster, kept by informers (list once, then watch): the same
 * kinds and scopes as {@link ClusterReader}, at the versions the cluster serves. After a change, and at most
 * once per quiet period, the listener gets the whole copy as a {@link ClusterSnapshot}; a burst of events (a
 * {@code kubectl apply} of many files) makes one snapshot.
 */
public final class ClusterWatch implements AutoCloseable {

  /**
   * What to watch.
   *
   * @param namespaces     the namespaces to watch; empty (and not {@code allNamespaces}): the context's
   * @param watchSecrets   also keep the Secrets of those namespaces (whole, in memory), for the credential checks
   * @param timeout        how long the first list of every kind may take
   */
  public record Request(Path kubeconfig, String context, List<String> namespaces, boolean allNamespaces,
      boolean watchSecrets, Duration timeout) {

    public Request {
      namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
      timeout = timeout == null ? ClusterReader.Request.DEFAULT_TIMEOUT : timeout;
    }
  }

  /**
   * One informer: a kind in a scope (null for a partial read that completes nothing), and its first list.
   */
  private record Informed(ServedKind kind, String scope, SharedIndexInformer<GenericKubernetesResource> informer,
      CompletableFuture<Void> listed) {}

  private final KubernetesClient client;
  private final String server;
  private final String context;
  private final List<String> namespaces;
  private final List<Informed> informers = new ArrayList<>();
  private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
  private final List<KindRead> kinds = new ArrayList<>();
  private final List<ObjectNode> istioCrds;
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  private final ScheduledExecutorService publisher;
  private final AtomicBoolean publishPending = new AtomicBoolean();
  private final AtomicLong events = new AtomicLong();
  private final Duration quietPeriod;
  private final Consumer<ClusterSnapshot> listener;
  private volatile boolean synced;

  private ClusterWatch(KubernetesClient client, String server, String context, List<String> namespaces,
      List<ObjectNode> istioCrds, Duration quietPeriod, Consumer<ClusterSnapshot> listener) {
    this.client = client;
    this.server = server;
    this.context = context;
    this.namespaces = namespaces;
    this.istioCrds = istioCrds;
    this.quietPeriod = quietPeriod;
    this.listener = listener;
    this.publisher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "istiolint-cluster-watch");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Discovers the cluster, starts the informers and waits for their first lists; the listener then gets the
   * first snapshot before this returns, and one after each quiet period that saw changes.
   *
   * @throws ClusterException when the cluster cannot be reached or the first lists do not finish in time
   */
  public static ClusterWatch start(Request request, Duration quietPeriod, Consumer<ClusterSnapshot> listener)
      throws ClusterException {
    long start = System.nanoTime();
    Kubeconfig discoveryConfig = Kubeconfig.load(request.kubeconfig(), request.context());
    ExecutorService pool = Executors.newFixedThreadPool(4, task -> {
      Thread thread = new Thread(task, "istiolint-cluster-discovery");
      thread.setDaemon(true);
      return thread;
    });
    Map<Kind, ServedKind> served;
    List<ObjectNode> crds;
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    String server;
    try (ApiServer api = ApiServer.open(discoveryConfig, request.timeout(), start)) {
      server = api.url();
      served = Discovery.read(api, pool, warnings);
      crds = ClusterReader.awaitCrds(api, ClusterReader.startCrds(api, pool, served), warnings);
    } finally {
      pool.shutdownNow();
    }
    // Informers keep their watches open for hours: their client keeps the kubeconfig's own timeouts and retries.
    Kubeconfig kubeconfig = Kubeconfig.load(request.kubeconfig(), request.context());
    List<String> namespaces = request.allNamespaces() ? List.of()
        : request.namespaces().isEmpty() ? List.of(kubeconfig.namespace()) : List.copyOf(new LinkedHashSet<>(request.namespaces()));
    ClusterWatch watch = new ClusterWatch(new KubernetesClientBuilder().withConfig(kubeconfig.config()).build(), server,
        kubeconfig.context(), namespaces, crds, quietPeriod, listener);
    watch.warnings.addAll(warnings);
    if (served.keySet().stream().noneMatch(k -> k.group().equals("networking.istio.io"))) {
      watch.warnings.add(ClusterReader.NO_ISTIO);
    }
    try {
      watch.inform(served, request);
      watch.awaitSynced(request.timeout().minusNanos(System.nanoTime() - start));
    } catch (ClusterException | RuntimeException e) {
      watch.close();
      throw e;
    }
    watch.publish();
    return watch;
  }

  /** True once every informer has listed its kind. */
  public boolean synced() {
    return synced;
  }

  /** How many add, update and delete events the informers have delivered. */
  public long events() {
    return events.get();
  }

  /** Starts one informer per kind and scope, as {@link ClusterReader} reads them. */
  private void inform(Map<Kind, ServedKind> served, Request request) {
    boolean all = namespaces.isEmpty();
    List<String> withRoot = Stream.concat(namespaces.stream(), Stream.of(ClusterReader.ISTIO_SYSTEM)).distinct().toList();
    List<Kind> watched = new ArrayList<>();
    served.keySet().stream().filter(k -> Discovery.ISTIO_GROUPS.contains(k.group())).forEach(watched::add);
    watched.addAll(ClusterReader.LISTED);
    if (request.watchSecrets()) {
      watched.add(Kind.SECRET);
    } else {
      kinds.add(new KindRead(Kind.SECRET, null, false, Set.of(), "not watched (start with --watch-secrets)", null));
    }
    for (Kind kind : Stream.concat(ClusterReader.ISTIO_KNOWN.stream(), watched.stream()).distinct().toList()) {
      ServedKind servedKind = served.get(kind);
      if (servedKind == null) {
        kinds.add(new KindRead(kind, null, false, Set.of(), ClusterReader.NOT_SERVED, null));
        continue;
      }
      List<String> scopes = all || !servedKind.namespaced() ? List.of(Listing.ALL)
          : Discovery.ISTIO_GROUPS.contains(kind.group()) ? withRoot : namespaces;
      scopes.forEach(scope -> start(servedKind, scope, null, o -> true));
    }
    ServedKind namespace = served.get(Kind.NAMESPACE);
    if (namespace != null) {
      start(namespace, Listing.ALL, null, o -> true);
    }
    ServedKind configMap = served.get(Kind.CONFIG_MAP);
    if (configMap != null) {
      // Only the MeshConfig: istio and istio-<revision>; never complete for istio-system.
      start(configMap, ClusterReader.ISTIO_SYSTEM, "partial", o -> {
        String name = o.path("metadata").path("name").asString("");
        String rev = o.path("metadata").path("labels").path("istio.io/rev").asString("");
        return name.equals("istio") || !rev.isEmpty() && name.equals("istio-" + rev);
      });
    }
    if (!all && !namespaces.contains(ClusterReader.ISTIO_SYSTEM)) {
      for (Kind kind : List.of(Kind.DEPLOYMENT, Kind.POD)) {
        ServedKind servedKind = served.get(kind);
        if (servedKind != null) {
          start(servedKind, ClusterReader.ISTIO_SYSTEM, "istiod", o -> "istiod".equals(o.path("metadata").path("labels").path("app").asString("")));
        }
      }
    }
  }

  /**
   * Starts an informer of {@code kind} in {@code scope} (a namespace or {@link Listing#ALL}); {@code partial}
   * names a read that completes nothing (null: it does), and {@code keep} which objects to hold.
   */
  private void start(ServedKind kind, String scope, String partial, Predicate<ObjectNode> keep) {
    ResourceDefinitionContext definition = new ResourceDefinitionContext.Builder().withGroup(kind.kind().group())
        .withVersion(Kind.versionOf(kind.apiVersion())).withPlural(kind.plural()).withKind(kind.kind().kind())
        .withNamespaced(kind.namespaced()).build();
    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
        client.genericKubernetesResources(definition);
    FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> scoped =
        scope.equals(Listing.ALL) ? op.inAnyNamespace() : op.inNamespace(scope);
    if ("istiod".equals(partial)) {
      scoped = scoped.withLabel("app", "istiod");
    }
    SharedIndexInformer<GenericKubernetesResource> informer = scoped.withLimit((long) ApiServer.PAGE_SIZE).runnableInformer(0);
    informer.addEventHandler(new Handler(kind, keep));
    informers.add(new Informed(kind, partial == null ? scope : null, informer, informer.start().toCompletableFuture()));
  }

  /** Waits for every informer's first list; a refused kind (RBAC) becomes a warning and stays unread. */
  private void awaitSynced(Duration left) throws ClusterException {
    long deadline = System.nanoTime() + Math.max(0, left.toNanos());
    Map<Kind, Set<String>> covered = new LinkedHashMap<>();
    Map<Kind, String> refused = new LinkedHashMap<>();
    for (Informed informed : informers) {
      try {
        informed.listed().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (informed.scope() != null) {
          covered.computeIfAbsent(informed.kind().kind(), k -> new LinkedHashSet<>()).add(informed.scope());
        }
      } catch (TimeoutException e) {
        throw new ClusterException("the API server at " + server + " did not list " + informed.kind().resource()
            + " within the timeout");
      } catch (ExecutionException e) {
        String why = String.valueOf(e.getCause().getMessage()).lines().findFirst().orElse("");
        warnings.add("cannot watch " + informed.kind().resource() + (informed.scope() == null || informed.scope().equals(Listing.ALL)
            ? "" : " in namespace " + informed.scope()) + ": " + why);
        refused.putIfAbsent(informed.kind().kind(), why);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterException("interrupted while listing from the API server at " + server);
      }
    }
    for (Informed informed : informers) {
      Kind kind = informed.kind().kind();
      if (kinds.stream().anyMatch(k -> k.kind().equals(kind))) {
        continue;
      }
      Set<String> scopes = covered.getOrDefault(kind, Set.of());
      boolean everywhere = scopes.contains(Listing.ALL);
      String unavailable = scopes.isEmpty() && refused.containsKey(kind) ? refused.get(kind) : null;
      kinds.add(new KindRead(kind, informed.kind().apiVersion(), everywhere, everywhere ? Set.of() : scopes, unavailable, null));
    }
    synced = true;
  }

  /** Publishes a snapshot after the quiet period, unless one is already due. */
  private void changed() {
    events.incrementAndGet();
    if (synced && publishPending.compareAndSet(false, true)) {
      publisher.schedule(() -> {
        publishPending.set(false);
        publish();
      }, quietPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void publish() {
    listener.accept(new ClusterSnapshot(server, context, namespaces, List.copyOf(objects.values()), kinds, istioCrds,
        List.copyOf(warnings)));
  }

  @Override
  public void close() {
    informers.forEach(i -> i.informer().stop());
    publisher.shutdownNow();
    client.close();
  }

  /** Keeps {@link #objects} as the informers see the cluster. */
  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    private final ServedKind kind;
    private final Predicate<ObjectNode> keep;

    Handler(ServedKind kind, Predicate<ObjectNode> keep) {
      this.kind = kind;
      this.keep = keep;
    }

    private String key(GenericKubernetesResource r) {
      return kind.resource() + "/" + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
    }

    @Override
    public void onAdd(GenericKubernetesResource r) {
      ObjectNode object = client.getKubernetesSerialization().convertValue(r, ObjectNode.class);
      if (keep.test(object)) {
        objects.put(key(r), kind.whole(object));
      } else {
        objects.remove(key(r));
      }
      changed();
    }

    @Override
    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource r) {
      onAdd(r);
    }

    @Override
    public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
      objects.remove(key(r));
      changed();
    }
  }
}
