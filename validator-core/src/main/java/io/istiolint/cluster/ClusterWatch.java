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
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * A live copy of what istiolint reads from a cluster, kept by informers (list once, then watch): the same
 * kinds and scopes as {@link ClusterReader}, at the versions the cluster serves. The listener gets the whole
 * copy once, as a {@link ClusterSnapshot}, when every informer has listed; after that, at most once per quiet
 * period, the objects that changed since (a burst of events, such as a {@code kubectl apply} of many files,
 * makes one change set; an object changed twice in it is given once, as it is last).
 */
public final class ClusterWatch implements AutoCloseable {

  /** Told what the cluster holds, then how it changes. */
  public interface Listener {

    /** Everything the informers listed; called once, before {@link #start} returns. */
    void listed(ClusterSnapshot snapshot);

    /**
     * What changed since the last call: objects created or updated (as they are now), and objects deleted
     * (as they were last seen); called from one thread, in order. {@code everything} gives the whole copy as
     * it is now, for a listener that has to start over.
     */
    void changed(List<ObjectNode> upserted, List<ObjectNode> deleted, Supplier<ClusterSnapshot> everything);
  }

  /** An object as its last event left it: present, or deleted (then as it was last seen). */
  private record Pending(ObjectNode object, boolean deleted) {}

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
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final List<KindRead> kinds = new ArrayList<>();
  private final List<ObjectNode> istioCrds;
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  private final ScheduledExecutorService publisher;
  private final AtomicBoolean publishPending = new AtomicBoolean();
  private final AtomicLong events = new AtomicLong();
  private final Duration quietPeriod;
  private final Listener listener;
  private volatile boolean synced;

  private ClusterWatch(KubernetesClient client, String server, String context, List<String> namespaces,
      List<ObjectNode> istioCrds, Duration quietPeriod, Listener listener) {
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
   * whole copy before this returns, and the changes after each quiet period that saw some.
   *
   * @throws ClusterException when the cluster cannot be reached or the first lists do not finish in time
   */
  public static ClusterWatch start(Request request, Duration quietPeriod, Listener listener)
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
    watch.pending.clear(); // the first lists are in the snapshot
    try {
      // On the thread that hands out changes, so that none reaches the listener before the snapshot.
      watch.publisher.submit(() -> watch.listener.listed(watch.snapshot())).get();
    } catch (ExecutionException e) {
      watch.close();
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watch.close();
      throw new ClusterException("interrupted while reading the cluster at " + watch.server);
    }
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

  /** Notes how {@code key}'s object changed and tells the listener after the quiet period, unless that is already due. */
  private void changed(String key, Pending change) {
    pending.put(key, change);
    if (synced && publishPending.compareAndSet(false, true)) {
      publisher.schedule(() -> {
        publishPending.set(false);
        publish();
      }, quietPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private ClusterSnapshot snapshot() {
    return new ClusterSnapshot(server, context, namespaces, List.copyOf(objects.values()), kinds, istioCrds, List.copyOf(warnings));
  }

  /** Hands the listener the changes noted so far; a change noted while it runs waits for the next call. */
  private void publish() {
    List<ObjectNode> upserted = new ArrayList<>();
    List<ObjectNode> deleted = new ArrayList<>();
    for (String key : List.copyOf(pending.keySet())) {
      Pending change = pending.remove(key);
      if (change != null) {
        (change.deleted() ? deleted : upserted).add(change.object());
      }
    }
    if (!upserted.isEmpty() || !deleted.isEmpty()) {
      listener.changed(upserted, deleted, this::snapshot);
    }
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
      events.incrementAndGet();
      ObjectNode whole = kind.whole(r, client.getKubernetesSerialization());
      String key = key(r);
      if (keep.test(whole)) {
        objects.put(key, whole);
        changed(key, new Pending(whole, false));
      } else {
        ObjectNode was = objects.remove(key); // no longer one to keep (a ConfigMap renamed away, a label dropped)
        if (was != null) {
          changed(key, new Pending(was, true));
        }
      }
    }

    @Override
    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource r) {
      onAdd(r);
    }

    @Override
    public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
      events.incrementAndGet();
      String key = key(r);
      ObjectNode was = objects.remove(key);
      if (was != null) {
        changed(key, new Pending(was, true));
      }
    }
  }
}
