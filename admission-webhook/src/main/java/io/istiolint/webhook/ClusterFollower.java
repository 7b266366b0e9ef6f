package io.istiolint.webhook;

import io.istiolint.cluster.ClusterInput;
import io.istiolint.cluster.ClusterSnapshot;
import io.istiolint.cluster.ClusterWatch;
import io.istiolint.engine.LiveView;
import io.istiolint.engine.Linter;
import io.istiolint.engine.Policy;
import io.istiolint.model.Resource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the webhook's view as the cluster's informers see it: the view is built once from the first lists,
 * then each change set is laid over it ({@link LiveView#changed}) and only what it can affect is checked again.
 */
final class ClusterFollower implements ClusterWatch.Listener {

  private final WebhookState state;
  private final Linter.Options options;
  private final Policy policy;
  private final PrintWriter err;
  private volatile String context;

  ClusterFollower(WebhookState state, Linter.Options options, Policy policy, PrintWriter err) {
    this.state = state;
    this.options = options;
    this.policy = policy;
    this.err = err;
  }

  @Override
  public void listed(ClusterSnapshot snapshot) {
    snapshot.warnings().forEach(w -> err.println("istiolint-webhook: warning: " + w));
    context = snapshot.context();
    state.load(WebhookMain.viewOf(snapshot, options, policy));
  }

  @Override
  public void changed(List<ObjectNode> upserted, List<ObjectNode> deleted, Supplier<ClusterSnapshot> everything) {
    try {
      state.advance(state.view().changed(read(upserted), read(deleted)));
    } catch (RuntimeException e) {
      // The view must not drift from the cluster: start over from the informers' whole copy.
      err.println("istiolint-webhook: warning: could not apply " + (upserted.size() + deleted.size())
          + " cluster changes (" + e + "); checking the whole view again");
      state.load(WebhookMain.viewOf(everything.get(), options, policy));
    }
  }

  private List<Resource> read(List<ObjectNode> objects) {
    List<Resource> resources = new ArrayList<>(objects.size());
    objects.forEach(o -> resources.addAll(ClusterInput.read(context, o)));
    return resources;
  }
}
