package io.istiolint.engine;

import io.istiolint.api.Finding;
import io.istiolint.api.ResourceRef;
import io.istiolint.index.Reads;
import io.istiolint.index.ResourceIndex;
import io.istiolint.model.Document;
import io.istiolint.model.Resource;
import io.istiolint.schemas.SchemaCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The rules' results kept per object: what the CLI's reporters, the webhook's metrics and the Istio Config view
 * all write from. A store that follows a changing view ({@link #of}) also keeps the questions the rules asked of
 * the view while checking each object ({@link Reads}); after a change ({@link #update}) only the changed objects
 * and those that asked a question whose answer the change can alter are checked again ({@link StaleReads}), or
 * everything when the mesh facts changed.
 */
public final class ResultStore {

  /**
   * One object's results.
   *
   * @param suppressed                how many of its findings the policy kept back
   * @param reportedDespiteAnnotation how many of {@code findings} an annotation asked to suppress in vain (the
   *                                  policy forbids inline suppressions)
   */
  public record ObjectResult(List<Finding> findings, List<Unverified> unverified, int suppressed, int reportedDespiteAnnotation) {

    /** Nothing found, nothing unverified. */
    public static final ObjectResult NONE = new ObjectResult(List.of(), List.of(), 0, 0);

    public ObjectResult {
      findings = List.copyOf(findings);
      unverified = List.copyOf(unverified);
    }
  }

  /**
   * The results as of one snapshot: per object, in the order objects were first checked, and those of
   * documents that hold no object (syntax errors, a document that is not a resource).
   */
  private record State(Snapshot snapshot, Map<ResourceRef, ObjectResult> objects, ObjectResult loose,
      Map<ResourceRef, Set<Reads.Read>> asked) {}

  private final Engine engine;
  private final Policy policy;
  private volatile State state;

  /**
   * Checks {@code documents} once (their objects must be in {@code snapshot}'s index; it may hold more,
   * unchecked), as a lint run does: the store cannot follow changes.
   */
  public ResultStore(Engine engine, Policy policy, Snapshot snapshot, List<Document> documents) {
    this(engine, policy, snapshot.schemas(), CompletableFuture.completedFuture(snapshot), documents, false);
  }

  /**
   * As {@link #ResultStore(Engine, Policy, Snapshot, List)} over a snapshot still being built, whose schemas are
   * {@code schemas}: the rules that need no view start meanwhile ({@link Engine#run(List, SchemaCatalog,
   * CompletableFuture, Policy, java.util.function.BiConsumer)}). Questions are not recorded: nothing follows.
   */
  public ResultStore(Engine engine, Policy policy, SchemaCatalog schemas, CompletableFuture<Snapshot> snapshot,
      List<Document> documents) {
    this(engine, policy, schemas, snapshot, documents, false);
  }

  private ResultStore(Engine engine, Policy policy, SchemaCatalog schemas, CompletableFuture<Snapshot> snapshot,
      List<Document> documents, boolean follows) {
    this.engine = engine;
    this.policy = policy;
    Map<ResourceRef, ObjectResult> objects = new LinkedHashMap<>();
    Map<ResourceRef, Set<Reads.Read>> asked = follows ? new ConcurrentHashMap<>() : null;
    ObjectResult loose = check(schemas, snapshot, documents, objects, asked);
    this.state = new State(snapshot.join(), objects, loose, asked);
  }

  /** Checks every object of {@code snapshot} that istiolint understands, ready to follow changes ({@link #update}). */
  public static ResultStore of(Engine engine, Policy policy, Snapshot snapshot) {
    return new ResultStore(engine, policy, snapshot.schemas(), CompletableFuture.completedFuture(snapshot),
        documentsOf(snapshot.index().all()), true);
  }

  /**
   * Moves to {@code next}, the view after {@code changed} objects were created, updated or deleted (an update
   * given as both its old and its new version), checking again only the changed objects and what asked about
   * them (everything, when a mesh-wide fact changed); returns how many objects were checked. Objects the view
   * gained are checked when istiolint understands them; objects it lost are dropped.
   *
   * @throws IllegalStateException for a store made for one run
   */
  public synchronized int update(Snapshot next, Collection<Resource> changed) {
    State before = state;
    if (before.asked() == null) {
      throw new IllegalStateException("a store made for one run cannot follow changes; make it with ResultStore.of");
    }
    // Mesh-wide facts every answer may rest on: the mesh facts, and whether the mesh spans other clusters.
    boolean everything = !next.mesh().equals(before.snapshot().mesh())
        || next.index().completeness().otherClusters() != before.snapshot().index().completeness().otherClusters();
    StaleReads stale = new StaleReads(before.snapshot(), next, changed);
    List<Resource> again = new ArrayList<>();
    Map<ResourceRef, ObjectResult> objects = new LinkedHashMap<>();
    Map<ResourceRef, Set<Reads.Read>> asked = new ConcurrentHashMap<>();
    for (Resource r : next.index().all()) {
      ObjectResult known = before.objects().get(r.ref());
      if (known == null && !ResourceIndex.understands(r.kind())) {
        continue;
      }
      objects.put(r.ref(), known); // keeps the first-checked order; replaced below when checked again
      Set<Reads.Read> questions = before.asked().get(r.ref());
      if (known == null || questions == null || everything || stale.changed(r) || questions.stream().anyMatch(stale::affects)) {
        again.add(r);
      } else {
        asked.put(r.ref(), questions);
      }
    }
    check(next.schemas(), CompletableFuture.completedFuture(next), documentsOf(again), objects, asked);
    state = new State(next, objects, before.loose(), asked);
    return again.size();
  }

  /**
   * The results of every object checked and the view they are of, taken together: what a reader that looks at
   * many objects holds, so that a change landing meanwhile cannot pair one view's objects with another's results.
   */
  public record Results(Snapshot snapshot, Map<ResourceRef, ObjectResult> objects) {}

  /** The results as they are now, with their view. */
  public Results current() {
    State now = state;
    return new Results(now.snapshot(), Collections.unmodifiableMap(now.objects()));
  }

  /** The results of the object {@code ref} names, or null when it is not one of the objects checked. */
  public ObjectResult resultOf(ResourceRef ref) {
    return state.objects().get(ref);
  }

  /** The objects checked, in the order they were first checked. */
  public Set<ResourceRef> objects() {
    return state.objects().keySet();
  }

  /** The view the results are of. */
  public Snapshot snapshot() {
    return state.snapshot();
  }

  /** Every finding, ordered as a run orders them (by file, line, column, resource, code). */
  public List<Finding> findings() {
    return collect(ObjectResult::findings, Engine.ORDER);
  }

  /** Every reference that could not be checked, ordered by resource, path and reason. */
  public List<Unverified> unverifiedReferences() {
    return collect(ObjectResult::unverified, Engine.UNVERIFIED_ORDER);
  }

  /** The unverified references counted by why. */
  public Map<String, Integer> unverifiedByReason() {
    Map<String, Integer> counts = new TreeMap<>();
    unverifiedReferences().forEach(u -> counts.merge(u.reason(), 1, Integer::sum));
    return counts;
  }

  /** How many findings the policy kept back. */
  public int suppressed() {
    return total(ObjectResult::suppressed);
  }

  /** How many findings were reported although an annotation asked to suppress them. */
  public int reportedDespiteAnnotation() {
    return total(ObjectResult::reportedDespiteAnnotation);
  }

  private <T> List<T> collect(Function<ObjectResult, List<T>> part, Comparator<T> order) {
    State now = state;
    List<T> all = new ArrayList<>(part.apply(now.loose()));
    now.objects().values().forEach(r -> all.addAll(part.apply(r)));
    all.sort(order);
    return all;
  }

  private int total(ToIntFunction<ObjectResult> part) {
    State now = state;
    return part.applyAsInt(now.loose()) + now.objects().values().stream().mapToInt(part).sum();
  }

  private static List<Document> documentsOf(List<Resource> resources) {
    return resources.stream().filter(r -> ResourceIndex.understands(r.kind())).map(Document::of).toList();
  }

  /**
   * Runs the rules over {@code documents} on {@code on} and puts each of their objects' results into
   * {@code into}, and the questions asked while checking it into {@code asked} (when not null); returns the
   * results that belong to no object.
   */
  private ObjectResult check(SchemaCatalog schemas, CompletableFuture<Snapshot> on, List<Document> documents,
      Map<ResourceRef, ObjectResult> into, Map<ResourceRef, Set<Reads.Read>> asked) {
    Engine.Result result = engine.run(documents, schemas, on, policy, asked == null ? null
        : (resource, questions) -> asked.merge(resource.ref(), Set.copyOf(questions), ResultStore::union));
    Map<ResourceRef, Builder> built = new LinkedHashMap<>();
    documents.forEach(d -> d.resources().forEach(r -> built.put(r.ref(), new Builder())));
    Builder loose = new Builder();
    Function<ResourceRef, Builder> of = ref -> ref == null ? loose : built.computeIfAbsent(ref, k -> new Builder());
    result.findings().forEach(f -> of.apply(f.resource()).findings.add(f));
    result.unverifiedReferences().forEach(u -> of.apply(u.resource()).unverified.add(u));
    result.suppressed().forEach(f -> of.apply(f.resource()).suppressed++);
    result.reportedDespiteAnnotation().forEach(f -> of.apply(f.resource()).despiteAnnotation++);
    built.forEach((ref, b) -> into.put(ref, b.build()));
    return loose.build();
  }

  private static Set<Reads.Read> union(Set<Reads.Read> a, Set<Reads.Read> b) {
    Set<Reads.Read> both = new HashSet<>(a);
    both.addAll(b);
    return Set.copyOf(both);
  }

  private static final class Builder {
    final List<Finding> findings = new ArrayList<>();
    final List<Unverified> unverified = new ArrayList<>();
    int suppressed;
    int despiteAnnotation;

    ObjectResult build() {
      return findings.isEmpty() && unverified.isEmpty() && suppressed == 0 && despiteAnnotation == 0 ? ObjectResult.NONE
          : new ObjectResult(findings, unverified, suppressed, despiteAnnotation);
    }
  }
}
