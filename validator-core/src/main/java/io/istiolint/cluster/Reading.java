package io.istiolint.cluster;

import io.istiolint.api.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import tools.jackson.databind.node.ObjectNode;

/**
 * The listings of one read, run on a small pool, and what they add up to per kind. Every kind is planned
 * before the progress starts, so its total never changes; a kind counts as done once {@link #started} (or, for
 * one whose listings depend on others, like Secrets, {@link #close}) says no more listings will come for it and
 * those it has are over.
 */
final class Reading {

  private final ApiServer api;
  private final ExecutorService pool;
  private final ClusterReader.Progress progress;
  private final Map<Kind, Plan> plans = new LinkedHashMap<>();
  private int kindsDone;
  private int objects;

  /** One kind: what it should cover, and its listings. {@code open} and {@code running} are guarded by the Reading. */
  private static final class Plan {
    final Kind kind;
    final ServedKind served;
    final Set<String> scopes;
    final String unavailable;
    final List<Task> tasks = new ArrayList<>();
    boolean deferred;
    Set<String> names;
    boolean open = true;
    int running;

    Plan(Kind kind, ServedKind served, Set<String> scopes, String unavailable) {
      this.kind = kind;
      this.served = served;
      this.scopes = scopes;
      this.unavailable = unavailable;
    }

    boolean done() {
      return !open && running == 0;
    }
  }

  private record Task(Listing listing, Future<Fetched> fetched) {}

  private record Fetched(List<ObjectNode> objects, Refused refused) {}

  Reading(ApiServer api, ExecutorService pool, ClusterReader.Progress progress) {
    this.api = api;
    this.pool = pool;
    this.progress = progress;
  }

  /** Plans {@code served}, to be complete in {@code scopes} (namespaces, or {@link Listing#ALL}) once listed. */
  void plan(ServedKind served, Set<String> scopes) {
    plans.put(served.kind(), new Plan(served.kind(), served, Set.copyOf(scopes), null));
  }

  /** Plans {@code served} like {@link #plan}, but its listings come after {@link #started}, ended by {@link #close}. */
  void planDeferred(ServedKind served, Set<String> scopes) {
    plan(served, scopes);
    plans.get(served.kind()).deferred = true;
  }

  /** Plans a kind that is not read, and why: "not served by this cluster". */
  void unavailable(Kind kind, ServedKind served, String why) {
    plans.put(kind, new Plan(kind, served, Set.of(), why));
  }

  /** Starts {@code listing}; its kind must be planned, and not closed. */
  void start(Listing listing) {
    Plan plan = plans.get(listing.kind().kind());
    synchronized (this) {
      plan.running++;
    }
    plan.tasks.add(new Task(listing, pool.submit(() -> fetch(plan, listing))));
  }

  /** Says that every kind but the deferred ones has all its listings. */
  synchronized void started() {
    plans.values().stream().filter(p -> !p.deferred).forEach(p -> p.open = false);
    kindsDone = (int) plans.values().stream().filter(Plan::done).count();
    progress.update(kindsDone, plans.size(), objects);
  }

  /** Says that a deferred kind has all its listings, which look up only {@code names} (null: every name). */
  void close(Kind kind, Set<String> names) {
    Plan plan = plans.get(kind);
    plan.names = names;
    synchronized (this) {
      plan.open = false;
      countIfDone(plan);
    }
  }

  private Fetched fetch(Plan plan, Listing listing) throws ClusterException {
    Fetched fetched;
    try {
      fetched = new Fetched(listing.fetch(api, this::pageRead), null);
    } catch (Refused e) {
      fetched = new Fetched(List.of(), e);
    }
    synchronized (this) {
      plan.running--;
      countIfDone(plan);
    }
    return fetched;
  }

  private synchronized void pageRead(int count) {
    objects += count;
    progress.update(kindsDone, plans.size(), objects);
  }

  /** Called with the lock held, when {@code plan} may just have become done: the callback sees one call at a time. */
  private void countIfDone(Plan plan) {
    if (plan.done()) {
      kindsDone++;
      progress.update(kindsDone, plans.size(), objects);
    }
  }

  /** The objects of {@code kind} read so far, once its listings so far are over. */
  List<ObjectNode> objects(Kind kind) throws ClusterException {
    Plan plan = plans.get(kind);
    List<ObjectNode> found = new ArrayList<>();
    if (plan != null) {
      for (Task task : plan.tasks) {
        found.addAll(api.await(task.fetched()).objects());
      }
    }
    return found;
  }

  /** Every object read, kind by kind in plan order. */
  List<ObjectNode> objects() throws ClusterException {
    List<ObjectNode> all = new ArrayList<>();
    for (Kind kind : plans.keySet()) {
      all.addAll(objects(kind));
    }
    return all;
  }

  /** What was read of each kind, once every listing is over; refusals become warnings, one per kind and namespace. */
  List<KindRead> kinds(List<String> warnings) throws ClusterException {
    List<KindRead> reads = new ArrayList<>();
    for (Plan plan : plans.values()) {
      String apiVersion = plan.served == null ? null : plan.served.apiVersion();
      if (plan.unavailable != null) {
        reads.add(new KindRead(plan.kind, apiVersion, false, Set.of(), plan.unavailable, plan.names));
        continue;
      }
      Set<String> covered = new HashSet<>(plan.scopes);
      Set<String> warned = new HashSet<>();
      Refused first = null;
      for (Task task : plan.tasks) {
        Refused refused = api.await(task.fetched()).refused();
        if (refused == null) {
          continue;
        }
        covered.remove(task.listing().scope());
        first = first == null ? refused : first;
        if (warned.add(String.valueOf(task.listing().namespace()))) {
          warnings.add(refused.warning(task.listing().describe()));
        }
      }
      boolean all = covered.remove(Listing.ALL);
      String unavailable = !all && covered.isEmpty() && first != null ? first.unavailable() : null;
      reads.add(new KindRead(plan.kind, apiVersion, all, all ? Set.of() : covered, unavailable, plan.names));
    }
    return reads;
  }
}
