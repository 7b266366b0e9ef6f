package io.istiolint.index;

import io.istiolint.api.Kind;
import io.istiolint.api.ResourceRef;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Every resource of the view, immutable, indexed by kind and by identity (kind, namespace, name), each list in
 * istiod's {@link #PRECEDENCE} order. The same identity can appear more than once in the inputs (two files);
 * lookups return all occurrences.
 *
 * <p>It also knows how much it knows ({@link #completeness()}): a reference into a scope that is not complete
 * cannot be judged, only counted as unverified.
 */
public final class ResourceIndex implements Index {

  /** Kubernetes kinds istiolint reads; with the Istio kinds they are the kinds it understands. */
  private static final Set<Kind> KUBERNETES_KINDS = Set.of(Kind.SERVICE, Kind.POD, Kind.NAMESPACE, Kind.NODE, Kind.SECRET,
      Kind.CONFIG_MAP, Kind.DEPLOYMENT, Kind.STATEFUL_SET, Kind.DAEMON_SET, Kind.REPLICA_SET, Kind.JOB, Kind.CRON_JOB,
      Kind.ROLLOUT);

  private record Identity(Kind kind, String namespace, String name) {
    @Override
    public int hashCode() { // see ResourceRef.hashCode: the record's own collides for numbered names
      return (kind.hashCode() * ResourceRef.HASH_MIX + Objects.hashCode(namespace)) * ResourceRef.HASH_MIX + Objects.hashCode(name);
    }
  }

  /**
   * istiod's order among objects that conflict: the oldest first, then by name and namespace. Objects without a
   * creation time (files) come after those with one, then by name: applied together, they would be created in
   * one moment.
   */
  public static final Comparator<Resource> PRECEDENCE = Comparator.comparing(Dated::of, Dated.ORDER);

  /** A resource with its creation time read once (files have none: last): sorting reads each key many times. */
  private record Dated(Instant created, Resource resource) {
    /** Creation time, then name, then namespace; written out, as it runs n·log n times on every index built. */
    static final Comparator<Dated> ORDER = (a, b) -> {
      int order = a.created.compareTo(b.created);
      if (order == 0) {
        order = a.resource.name().compareTo(b.resource.name());
      }
      return order != 0 ? order : a.resource.namespace().compareTo(b.resource.namespace());
    };

    static Dated of(Resource r) {
      return new Dated(r.creationTimestamp().orElse(Instant.MAX), r);
    }
  }

  private record Scope(Kind kind, String namespace) {}

  /** Every resource; in an index made by {@link #with}, computed on first use (no rule asks for it). */
  private volatile List<Resource> all;
  private final java.util.function.Supplier<List<Resource>> allSource;
  private final Completeness completeness;
  private final Map<Kind, List<Resource>> byKind;
  private final Map<Identity, List<Resource>> byIdentity;
  /** In an index made by {@link #with}: what it changed, consulted before the maps it shares; else null. */
  private final Change change;
  private final Map<Scope, List<Resource>> byScope;
  private final List<Workload> workloads;
  private final Map<String, List<Workload>> workloadsByNamespace;
  /** Workloads by one label (key and value), in precedence order, over every namespace and per namespace. */
  private final Map<Label, List<Workload>> workloadsByLabel;
  private final Map<String, Map<Label, List<Workload>>> workloadsByNamespaceAndLabel;

  private record Label(String key, String value) {}

  /**
   * @param coverage what the inputs vouch for besides the objects themselves ({@code --complete}, a cluster read)
   */
  public ResourceIndex(Collection<Resource> resources, Completeness.Coverage coverage) {
    this.all = inPrecedence(resources);
    this.allSource = null;
    this.change = null;
    // Each map is built by one thread, in order; the scopes and what the inputs vouch for are built beside the
    // rest (each part is a pass over every object, and indexing comes before everything else a view needs).
    CompletableFuture<Map<Scope, List<Resource>>> scopes = CompletableFuture.supplyAsync(() -> byScope(all));
    CompletableFuture<Completeness> knowledge = CompletableFuture.supplyAsync(() ->
        new Completeness(coverage, all, all.stream().anyMatch(ResourceIndex::showsOtherClusters)));
    // Reading every object's pod template is the largest part of indexing: in parallel, kept in order.
    this.workloads = all.parallelStream().map(Workload::of).flatMap(Optional::stream).toList();
    Map<Kind, List<Resource>> kinds = new LinkedHashMap<>();
    Map<Identity, List<Resource>> identities = new HashMap<>();
    for (Resource r : all) {
      kinds.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r);
      identities.computeIfAbsent(identity(r), k -> new ArrayList<>(1)).add(r);
    }
    kinds.replaceAll((k, v) -> List.copyOf(v));
    identities.replaceAll((k, v) -> List.copyOf(v));
    // Not Map.copyOf: its open addressing degrades with tens of thousands of record keys; HashMap does not.
    this.byKind = Collections.unmodifiableMap(kinds);
    this.byIdentity = Collections.unmodifiableMap(identities);
    this.workloadsByNamespace = byNamespace(workloads);
    // Selectors are matched once per selecting object: an inverted index keeps that from scanning every workload.
    this.workloadsByLabel = new HashMap<>();
    this.workloadsByNamespaceAndLabel = new HashMap<>();
    indexLabels(workloads, workloadsByLabel, workloadsByNamespaceAndLabel);
    this.byScope = scopes.join();
    this.completeness = knowledge.join();
  }

  private static Map<Scope, List<Resource>> byScope(List<Resource> all) {
    Map<Scope, List<Resource>> scopes = new HashMap<>();
    all.forEach(r -> scopes.computeIfAbsent(new Scope(r.kind(), r.namespace()), k -> new ArrayList<>()).add(r));
    scopes.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(scopes);
  }

  /**
   * What {@link #with} changed: the list of one kind (computed on first use: no rule lists the kind of the
   * object it checks, and it can be long), of one scope, and of one identity.
   */
  private static final class Change {
    final Kind kind;
    final java.util.function.Supplier<List<Resource>> kindSource;
    volatile List<Resource> kindList;
    final Scope scope;
    final List<Resource> scopeList;
    final Identity identity;
    final List<Resource> identityList;

    Change(Kind kind, java.util.function.Supplier<List<Resource>> kindSource, Scope scope, List<Resource> scopeList,
        Identity identity, List<Resource> identityList) {
      this.kind = kind;
      this.kindSource = kindSource;
      this.scope = scope;
      this.scopeList = scopeList;
      this.identity = identity;
      this.identityList = identityList;
    }

    List<Resource> kindList() {
      List<Resource> known = kindList;
      if (known == null) {
        known = kindSource.get();
        kindList = known;
      }
      return known;
    }
  }

  private ResourceIndex(java.util.function.Supplier<List<Resource>> all, Completeness completeness, ResourceIndex base,
      Change change, List<Workload> workloads, Map<String, List<Workload>> workloadsByNamespace,
      Map<Label, List<Workload>> workloadsByLabel, Map<String, Map<Label, List<Workload>>> workloadsByNamespaceAndLabel) {
    this.allSource = all;
    this.completeness = completeness;
    this.byKind = base.byKind;
    this.byIdentity = base.byIdentity;
    this.change = change;
    this.byScope = base.byScope;
    this.workloads = workloads;
    this.workloadsByNamespace = workloadsByNamespace;
    this.workloadsByLabel = workloadsByLabel;
    this.workloadsByNamespaceAndLabel = workloadsByNamespaceAndLabel;
  }

  /** {@code resources} in {@link #PRECEDENCE} order; stable: the same object given twice keeps input order. */
  private static List<Resource> inPrecedence(Collection<Resource> resources) {
    // Read in parallel from a list, so that the array keeps the input order the stable sort relies on.
    Dated[] dated = new ArrayList<>(resources).parallelStream().map(Dated::of).toArray(Dated[]::new);
    Arrays.parallelSort(dated, Dated.ORDER); // stable, as Arrays.sort
    Resource[] ordered = new Resource[dated.length];
    for (int i = 0; i < ordered.length; i++) {
      ordered[i] = dated[i].resource();
    }
    return List.of(ordered);
  }

  private static Map<String, List<Workload>> byNamespace(List<Workload> workloads) {
    return workloads.stream().collect(java.util.stream.Collectors.groupingBy(Workload::namespace,
        java.util.stream.Collectors.toUnmodifiableList()));
  }

  private static void indexLabels(List<Workload> workloads, Map<Label, List<Workload>> byLabel,
      Map<String, Map<Label, List<Workload>>> byNamespaceAndLabel) {
    for (Workload w : workloads) {
      Map<Label, List<Workload>> ofNamespace = byNamespaceAndLabel.computeIfAbsent(w.namespace(), k -> new HashMap<>());
      for (Map.Entry<String, String> e : w.labels().entrySet()) {
        Label label = new Label(e.getKey(), e.getValue());
        byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(w);
        ofNamespace.computeIfAbsent(label, k -> new ArrayList<>()).add(w);
      }
    }
  }

  /**
   * This index with {@code added} in place of the objects of its identity (all of them: {@code kubectl apply}
   * replaces the one stored object), exactly as if built anew with it, at the cost of the kind, scope and identity
   * it touches rather than of the whole index: what an admission request is judged on. This index is unchanged.
   */
  public ResourceIndex with(Resource added) {
    if (change != null) { // one change is laid over a whole index, never over another change
      return new ResourceIndex(all(), completeness.coverage()).with(added);
    }
    Identity identity = identity(added);
    List<Resource> replaced = byIdentity(identity);
    Set<Resource> gone = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    gone.addAll(replaced);
    List<Resource> base = all();
    java.util.function.Supplier<List<Resource>> newAll = () -> insert(without(base, gone), added);
    List<Resource> ofKind = ofKind(added.kind());
    Scope scope = new Scope(added.kind(), added.namespace());
    Change changed = new Change(added.kind(), () -> insert(without(ofKind, gone), added), scope,
        insert(without(ofKind(added.kind(), added.namespace()), gone), added), identity, List.of(added));
    boolean showedOthers = replaced.stream().anyMatch(ResourceIndex::showsOtherClusters);
    boolean otherClusters = showedOthers ? newAll.get().stream().anyMatch(ResourceIndex::showsOtherClusters)
        : completeness.otherClusters() || showsOtherClusters(added);
    Completeness knowledge = completeness.with(added, otherClusters);
    boolean workloadChanged = Workload.of(added).isPresent() || replaced.stream().anyMatch(r -> Workload.of(r).isPresent());
    return overlay(newAll, knowledge, changed, workloadChanged);
  }

  /**
   * This index as one built from its objects: itself when it is one, else (an index made by a change, whose next
   * change would build it anew) built now, once, so that the changes laid over it later stay cheap.
   */
  public ResourceIndex settled() {
    return change == null ? this : new ResourceIndex(all(), completeness.coverage());
  }

  /** The index made by a change: this one's maps shared, the workload tables redone only when a workload changed. */
  private ResourceIndex overlay(java.util.function.Supplier<List<Resource>> newAll, Completeness knowledge, Change changed,
      boolean workloadChanged) {
    if (!workloadChanged) {
      return new ResourceIndex(newAll, knowledge, this, changed, workloads, workloadsByNamespace, workloadsByLabel,
          workloadsByNamespaceAndLabel);
    }
    List<Workload> newWorkloads = newAll.get().stream().map(Workload::of).flatMap(Optional::stream).toList();
    Map<Label, List<Workload>> byLabel = new HashMap<>();
    Map<String, Map<Label, List<Workload>>> byNamespaceAndLabel = new HashMap<>();
    indexLabels(newWorkloads, byLabel, byNamespaceAndLabel);
    return new ResourceIndex(newAll, knowledge, this, changed, newWorkloads, byNamespace(newWorkloads), byLabel, byNamespaceAndLabel);
  }

  /**
   * This index without the objects of {@code removed}'s identity, as {@code kubectl delete} leaves it, exactly as
   * if built anew without them, at the cost of what they touch ({@link #with}). This index is unchanged.
   */
  public ResourceIndex without(Resource removed) {
    if (change != null) {
      return new ResourceIndex(all(), completeness.coverage()).without(removed);
    }
    Identity identity = identity(removed);
    List<Resource> goneList = byIdentity(identity);
    Set<Resource> gone = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    gone.addAll(goneList);
    List<Resource> base = all();
    java.util.function.Supplier<List<Resource>> newAll = () -> List.copyOf(without(base, gone));
    List<Resource> ofKind = ofKind(removed.kind());
    Scope scope = new Scope(removed.kind(), removed.namespace());
    List<Resource> scopeList = List.copyOf(without(ofKind(removed.kind(), removed.namespace()), gone));
    Change changed = new Change(removed.kind(), () -> List.copyOf(without(ofKind, gone)), scope, scopeList, identity, List.of());
    boolean showedOthers = goneList.stream().anyMatch(ResourceIndex::showsOtherClusters);
    boolean otherClusters = showedOthers ? newAll.get().stream().anyMatch(ResourceIndex::showsOtherClusters)
        : completeness.otherClusters();
    boolean stillGiven = scopeList.stream().anyMatch(r -> !r.origin().isCluster());
    Completeness knowledge = completeness.without(removed, stillGiven, otherClusters);
    return overlay(newAll, knowledge, changed, goneList.stream().anyMatch(r -> Workload.of(r).isPresent()));
  }

  /** {@code list} without the objects of {@code gone} (compared by identity). */
  private static List<Resource> without(List<Resource> list, Set<Resource> gone) {
    if (gone.isEmpty()) {
      return list;
    }
    List<Resource> kept = new ArrayList<>(list.size());
    for (Resource r : list) {
      if (!gone.contains(r)) {
        kept.add(r);
      }
    }
    return kept;
  }

  /** {@code list} (in {@link #PRECEDENCE} order) with {@code added} where a stable sort would put it: after its equals. */
  private static List<Resource> insert(List<Resource> list, Resource added) {
    int low = 0;
    int high = list.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (PRECEDENCE.compare(list.get(mid), added) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    List<Resource> inserted = new ArrayList<>(list.size() + 1);
    inserted.addAll(list.subList(0, low));
    inserted.add(added);
    inserted.addAll(list.subList(low, list.size()));
    return Collections.unmodifiableList(inserted);
  }

  private List<Resource> byIdentity(Identity identity) {
    if (change != null && change.identity.equals(identity)) {
      return change.identityList;
    }
    return byIdentity.getOrDefault(identity, List.of());
  }

  /** What the index knows all of, per kind and namespace, and why not where it does not. */
  public Completeness completeness() {
    return completeness;
  }

  /**
   * True for an object that shows the mesh spans several clusters: a remote secret (label
   * {@code istio/multiCluster: "true"}, istiod reads another cluster's endpoints with it) or a Gateway server
   * with TLS mode AUTO_PASSTHROUGH (an east-west gateway that lets other clusters reach this one's services).
   * The other clusters' workloads are then not in the inputs, though this cluster's are.
   */
  private static boolean showsOtherClusters(Resource r) {
    if (r.kind().equals(Kind.SECRET)) {
      return "true".equals(r.labels().get("istio/multiCluster"));
    }
    return r.kind().equals(Kind.GATEWAY) && r.spec().path("servers").isArray()
        && Json.items(r.spec().path("servers")).stream()
            .anyMatch(s -> "AUTO_PASSTHROUGH".equals(s.path("tls").path("mode").asString("")));
  }

  /** Every workload, in precedence order. */
  public List<Workload> workloads() {
    Reads.of(Completeness.WORKLOAD_KINDS);
    return workloads;
  }

  /** Every workload of {@code namespace}, in precedence order. */
  public List<Workload> workloadsIn(String namespace) {
    Reads.in(Completeness.WORKLOAD_KINDS, namespace);
    return workloadsByNamespace.getOrDefault(namespace, List.of());
  }

  /** The workloads of {@code namespace} whose labels include all of {@code selector}. */
  public List<Workload> workloadsSelectedBy(String namespace, Map<String, String> selector) {
    Reads.in(Completeness.WORKLOAD_KINDS, namespace);
    if (selector.isEmpty()) {
      return workloadsIn(namespace);
    }
    return select(workloadsByNamespaceAndLabel.getOrDefault(namespace, Map.of()), selector);
  }

  /** The workloads of every namespace whose labels include all of {@code selector}, in precedence order. */
  public List<Workload> workloadsSelectedBy(Map<String, String> selector) {
    Reads.of(Completeness.WORKLOAD_KINDS);
    return selector.isEmpty() ? workloads : select(workloadsByLabel, selector);
  }

  /** The shortest list of one selector label's workloads, filtered by the whole selector (order is kept). */
  private static List<Workload> select(Map<Label, List<Workload>> byLabel, Map<String, String> selector) {
    List<Workload> shortest = null;
    for (Map.Entry<String, String> e : selector.entrySet()) {
      List<Workload> candidates = byLabel.getOrDefault(new Label(e.getKey(), e.getValue()), List.of());
      if (shortest == null || candidates.size() < shortest.size()) {
        shortest = candidates;
      }
    }
    List<Workload> selected = new ArrayList<>();
    for (Workload w : shortest) {
      if (w.matches(selector)) {
        selected.add(w);
      }
    }
    return Collections.unmodifiableList(selected);
  }

  public List<Resource> all() {
    Reads.of(Reads.EVERYTHING);
    List<Resource> known = all;
    if (known == null) {
      known = allSource.get();
      all = known;
    }
    return known;
  }

  public List<Resource> ofKind(Kind kind) {
    Reads.of(kind);
    if (change != null && change.kind.equals(kind)) {
      return change.kindList();
    }
    return byKind.getOrDefault(kind, List.of());
  }

  /** The names of the loaded objects of this kind in {@code namespace}, in precedence order (for "did you mean"). */
  public List<String> names(Kind kind, String namespace) {
    return ofKind(kind, namespace).stream().map(Resource::name).toList();
  }

  /** The loaded objects of this kind in {@code namespace}, in precedence order. */
  public List<Resource> ofKind(Kind kind, String namespace) {
    Reads.in(kind, namespace);
    Scope scope = new Scope(kind, namespace);
    if (change != null && change.scope.equals(scope)) {
      return change.scopeList;
    }
    return byScope.getOrDefault(scope, List.of());
  }

  /** The first loaded object of this kind, namespace and name. */
  public Optional<Resource> find(Kind kind, String namespace, String name) {
    Reads.named(kind, namespace, name);
    return byIdentity(new Identity(kind, namespace, name)).stream().findFirst();
  }

  /** The loaded objects with the kind, namespace and name of {@code resource} (none when it is new). */
  public List<Resource> namesakes(Resource resource) {
    Reads.named(resource.kind(), resource.namespace(), resource.name());
    return byIdentity(identity(resource));
  }

  /** Every loaded resource with the same kind, namespace and name as {@code resource}, itself included. */
  public List<Resource> sameIdentity(Resource resource) {
    Reads.named(resource.kind(), resource.namespace(), resource.name());
    List<Resource> same = byIdentity(identity(resource));
    return same.isEmpty() ? List.of(resource) : same;
  }

  /** True for Istio kinds and the Kubernetes kinds Istio config refers to; other kinds are ignored. */
  public static boolean understands(Kind kind) {
    return kind.isIstio() || KUBERNETES_KINDS.contains(kind);
  }

  private static Identity identity(Resource r) {
    return new Identity(r.kind(), r.namespace(), r.name());
  }
}
