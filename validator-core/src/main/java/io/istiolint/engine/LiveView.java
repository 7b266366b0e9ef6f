package io.istiolint.engine;

import io.istiolint.api.Finding;
import io.istiolint.api.ResourceRef;
import io.istiolint.graph.RefGraph;
import io.istiolint.index.Completeness;
import io.istiolint.index.ResourceIndex;
import io.istiolint.model.Document;
import io.istiolint.model.Resource;
import io.istiolint.schemas.SchemaCatalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The view an admission webhook judges requests against: every object it knows (of the cluster, or of a
 * snapshot), and the snapshot rules see over them. A request is judged on a copy of the view with one object
 * replaced or removed; the view itself never changes by a request.
 */
public final class LiveView {

  /**
   * What deleting an object would break.
   *
   * @param referrers the objects that refer to it, directly or through a host or subset it defines
   * @param findings  what those objects would newly be reported for once it is gone
   */
  public record Impact(List<Resource> referrers, List<Finding> findings) {}

  /**
   * A change set larger than this is built anew rather than laid over the view: a change laid over another
   * merges the first into a whole index and graph (as {@link Snapshot#settled} does), which costs about half a
   * build from scratch on 50,000 objects, so two of them already cost more.
   */
  private static final int LAYERED_CHANGES_AT_MOST = 1;

  private final Engine engine;
  private final SchemaCatalog schemas;
  private final Linter.Options options;
  private final Policy policy;
  private final Completeness.Coverage coverage;
  private final Snapshot snapshot;
  private final List<Resource> changes;

  public LiveView(Engine engine, SchemaCatalog schemas, Linter.Options options, Policy policy, Completeness.Coverage coverage,
      List<Resource> resources) {
    this(engine, schemas, options, policy, coverage, snapshotOf(resources, coverage, schemas, options), List.of());
  }

  private LiveView(Engine engine, SchemaCatalog schemas, Linter.Options options, Policy policy, Completeness.Coverage coverage,
      Snapshot snapshot, List<Resource> changes) {
    this.engine = engine;
    this.schemas = schemas;
    this.options = options;
    this.policy = policy;
    this.coverage = coverage;
    this.snapshot = snapshot;
    this.changes = List.copyOf(changes);
  }

  /** Every object of the view checked, the results kept per object ({@link ResultStore#update} follows changes). */
  public ResultStore checkAll() {
    return ResultStore.of(engine, policy, snapshot);
  }

  /**
   * The view after {@code upserted} objects were created or replaced their namesakes and the objects of
   * {@code removed}'s identities were deleted, as a cluster's informers report them. One change is laid over
   * this view's snapshot ({@link Snapshot#with}, {@link Snapshot#without}) and settled; a set of several builds
   * the snapshot once anew.
   */
  public LiveView changed(List<Resource> upserted, List<Resource> removed) {
    List<Resource> all = new ArrayList<>(removed);
    all.addAll(upserted);
    List<Resource> changes = new ArrayList<>(all);
    upserted.forEach(r -> changes.addAll(snapshot.index().namesakes(r))); // the versions they replace
    Snapshot next;
    if (all.size() > LAYERED_CHANGES_AT_MOST) {
      Set<Resource> gone = Collections.newSetFromMap(new IdentityHashMap<>());
      all.forEach(r -> gone.addAll(snapshot.index().namesakes(r)));
      List<Resource> resources = new ArrayList<>(snapshot.index().all().size() + upserted.size());
      snapshot.index().all().stream().filter(r -> !gone.contains(r)).forEach(resources::add);
      resources.addAll(upserted);
      next = snapshotOf(resources, coverage, schemas, options);
    } else {
      next = snapshot;
      for (Resource r : removed) {
        next = next.without(r, index -> Linter.mesh(index, options));
      }
      for (Resource r : upserted) {
        next = next.with(r, index -> Linter.mesh(index, options));
      }
      next = next.settled();
    }
    return new LiveView(engine, schemas, options, policy, coverage, next, changes);
  }

  /**
   * The objects created, updated or deleted between the view this one was made from and this one: an update as
   * both its new and its old version.
   */
  public List<Resource> changes() {
    return changes;
  }

  /** How many objects the view holds. */
  public int size() {
    return snapshot.index().all().size();
  }

  /** The snapshot rules see over the view as it is. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /**
   * The findings of {@code object} were it applied: checked against the view with it in place of its namesake,
   * on a snapshot laid over the view's ({@link Snapshot#with}) rather than built anew.
   */
  public Engine.Result admit(Resource object) {
    Snapshot with = snapshot.with(object, index -> Linter.mesh(index, options));
    return engine.run(List.of(Document.of(object)), with, policy);
  }

  /** The object of the view with {@code ref}'s kind, namespace and name. */
  public Optional<Resource> find(ResourceRef ref) {
    return snapshot.index().find(ref.kindRef(), ref.namespace(), ref.name());
  }

  /**
   * What deleting {@code object} breaks: the objects that refer to it, and the findings they get without it
   * that they do not have now (on a snapshot laid over the view's, as {@link #admit}).
   */
  public Impact delete(Resource object) {
    List<Resource> referrers = referrers(object);
    if (referrers.isEmpty()) {
      return new Impact(List.of(), List.of());
    }
    List<Document> documents = referrers.stream().map(Document::of).toList();
    Set<String> before = new HashSet<>();
    engine.run(documents, snapshot, policy).findings().forEach(f -> before.add(key(f)));
    Snapshot without = snapshot.without(object, index -> Linter.mesh(index, options));
    List<Finding> added = engine.run(documents, without, policy).findings().stream()
        .filter(f -> !before.contains(key(f))).toList();
    return new Impact(referrers, added);
  }

  /**
   * The objects whose references reach {@code object}: through edges straight to it, or through the hosts,
   * subsets and other named things it defines.
   */
  private List<Resource> referrers(Resource object) {
    RefGraph graph = snapshot.graph();
    Set<ResourceRef> found = new LinkedHashSet<>();
    Set<RefGraph.Node> seen = new HashSet<>();
    Deque<RefGraph.Node> todo = new ArrayDeque<>(List.of(RefGraph.node(object)));
    while (!todo.isEmpty()) {
      RefGraph.Node node = todo.pop();
      if (!seen.add(node)) {
        continue;
      }
      for (RefGraph.Edge edge : graph.incoming(node)) {
        if (edge.source() instanceof RefGraph.ResourceNode referrer) {
          if (!referrer.ref().equals(object.ref())) {
            found.add(referrer.ref());
          }
        } else {
          todo.push(edge.source());
        }
      }
    }
    ResourceIndex index = snapshot.index();
    List<Resource> referrers = new ArrayList<>();
    for (ResourceRef ref : found) {
      index.find(ref.kindRef(), ref.namespace(), ref.name()).ifPresent(referrers::add);
    }
    return referrers;
  }

  private static Snapshot snapshotOf(List<Resource> view, Completeness.Coverage coverage, SchemaCatalog schemas,
      Linter.Options options) {
    ResourceIndex index = new ResourceIndex(view, coverage);
    return Snapshot.of(index, schemas, Linter.mesh(index, options));
  }

  private static String key(Finding f) {
    return f.code() + " " + (f.resource() == null ? "" : f.resource().displayName()) + " " + f.path() + " " + f.message();
  }
}
