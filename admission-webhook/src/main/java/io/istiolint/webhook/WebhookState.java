package io.istiolint.webhook;

import io.istiolint.api.Severity;
import io.istiolint.engine.LiveView;
import io.istiolint.engine.ResultStore;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the running webhook judges with: the live view (replaced whole when it changes, never written to by a
 * request), the view's own results (what is wrong in the cluster now, for the metrics), the mode and whether
 * deletes that break references are denied.
 */
final class WebhookState {

  private final AtomicReference<LiveView> view = new AtomicReference<>();
  private volatile ResultStore results;
  private final List<Runnable> viewListeners = new CopyOnWriteArrayList<>();
  private volatile Map<Severity, Long> findingsBySeverity = Map.of();
  private final AtomicLong viewChanges = new AtomicLong();
  private final AtomicLong checkedObjects = new AtomicLong();
  private final Judge.Mode mode;
  private final boolean denyBreakingDeletes;

  WebhookState(Judge.Mode mode, boolean denyBreakingDeletes) {
    this.mode = mode;
    this.denyBreakingDeletes = denyBreakingDeletes;
  }

  /** The view requests are judged against; null until loaded. */
  LiveView view() {
    return view.get();
  }

  /** Makes {@code loaded} the view requests are judged against, once every object of it is checked. */
  synchronized void load(LiveView loaded) {
    results = loaded.checkAll();
    publish(loaded, results.objects().size());
  }

  /**
   * Makes {@code next}, the current view with its {@link LiveView#changes} applied, the view requests are judged
   * against, once its results are brought up to date by checking again only what those changes can affect (so
   * the metrics never lag the answers); returns how many objects were checked.
   */
  synchronized int advance(LiveView next) {
    int checked = results.update(next.snapshot(), next.changes());
    publish(next, checked);
    return checked;
  }

  private void publish(LiveView next, int checked) {
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    // Counted per object: findings() would gather and sort every finding of the view on each change.
    results.current().objects().values().forEach(r -> r.findings().forEach(f -> counts.merge(f.severity(), 1L, Long::sum)));
    findingsBySeverity = counts;
    viewChanges.incrementAndGet();
    checkedObjects.addAndGet(checked);
    view.set(next);
    viewListeners.forEach(Runnable::run);
  }

  /** Calls {@code listener} after each change of the view, once its results are up to date. */
  void onViewChange(Runnable listener) {
    viewListeners.add(listener);
  }

  /** The view's results, kept per object; null until the view is loaded. */
  ResultStore results() {
    return results;
  }

  /** How many findings of {@code severity} the objects of the view have. */
  long findings(Severity severity) {
    return findingsBySeverity.getOrDefault(severity, 0L);
  }

  /** How many times the view was loaded or changed. */
  long viewChanges() {
    return viewChanges.get();
  }

  /** How many objects the rules checked to keep the view's results, over all loads and changes. */
  long checkedObjects() {
    return checkedObjects.get();
  }

  boolean ready() {
    return view.get() != null;
  }

  Judge.Mode mode() {
    return mode;
  }

  boolean denyBreakingDeletes() {
    return denyBreakingDeletes;
  }
}
