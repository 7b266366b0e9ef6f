package io.istiolint.webhook;

import io.istiolint.engine.LiveView;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the running webhook judges with: the live view (replaced whole when it changes, never written to by a
 * request), the mode and whether deletes that break references are denied.
 */
final class WebhookState {

  private final AtomicReference<LiveView> view = new AtomicReference<>();
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

  void setView(LiveView loaded) {
    view.set(loaded);
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
