package io.istiolint.webhook;

import io.istiolint.api.Severity;
import io.istiolint.engine.LiveView;
import io.istiolint.engine.ResultStore;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Makes {@code loaded} the view requests are judged against, once the view's own results are brought up to
   * date (checked in full the first time, after that only what the changed objects can affect), so that the
   * metrics never lag the answers.
   */
  synchronized void setView(LiveView loaded) {
    LiveView previous = view.get();
    if (results == null || previous == null) {
      results = loaded.checkAll();
    } else {
      results.update(loaded.snapshot(), loaded.changedSince(previous));
    }
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    results.findings().forEach(f -> counts.merge(f.severity(), 1L, Long::sum));
    findingsBySeverity = counts;
    view.set(loaded);
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
