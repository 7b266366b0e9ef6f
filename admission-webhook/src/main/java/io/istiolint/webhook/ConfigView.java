package io.istiolint.webhook;

import io.istiolint.engine.ResultStore;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The Istio Config view of the webhook's live view: a generation number that moves on every change (told to the
 * page as server-sent events), and the {@link ConfigCatalog} of the current generation, made on the first request
 * after a change from the results the webhook keeps anyway.
 */
final class ConfigView {

  private final WebhookState state;
  private final SourceTexts sources;
  private final AtomicLong generation = new AtomicLong(1);
  private final Sinks.Many<Long> changes = Sinks.many().multicast().directBestEffort();
  private volatile ConfigCatalog catalog;

  ConfigView(WebhookState state, SourceTexts sources) {
    this.state = state;
    this.sources = sources;
    // WebhookState runs its listeners one at a time, so the sink is only ever given one value at a time.
    state.onViewChange(() -> changes.tryEmitNext(generation.incrementAndGet()));
  }

  /** The catalog of the view as it is now; null until the view is loaded. */
  ConfigCatalog catalog() {
    ConfigCatalog known = catalog;
    long now = generation.get();
    if (known != null && known.generation() == now) {
      return known;
    }
    synchronized (this) {
      if (catalog == null || catalog.generation() != now) {
        ResultStore results = state.results();
        catalog = results == null ? null : ConfigCatalog.of(now, results);
      }
      return catalog;
    }
  }

  SourceTexts sources() {
    return sources;
  }

  long generation() {
    return generation.get();
  }

  /** The generation now, then each new one as the view changes. */
  Flux<Long> generations() {
    // Listening first, then the current generation: a change in between is not missed.
    return Flux.merge(changes.asFlux(), Mono.fromCallable(generation::get));
  }

  /** Ends every stream of generations, so that the server's graceful shutdown does not wait for open pages. */
  void close() {
    changes.tryEmitComplete();
  }
}
