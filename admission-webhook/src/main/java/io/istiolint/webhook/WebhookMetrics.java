package io.istiolint.webhook;

import io.istiolint.api.Severity;
import io.istiolint.cluster.ClusterWatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/** What the webhook counts, exported at {@code /metrics} in Prometheus' format. */
final class WebhookMetrics {

  private final MeterRegistry registry;
  private final Counter ruleErrors;

  WebhookMetrics(MeterRegistry registry, Supplier<Number> snapshotSize, WebhookState state) {
    this.registry = registry;
    this.ruleErrors = Counter.builder("istiolint.rule.errors")
        .description("rules that threw on an admitted object (the request was allowed)").register(registry);
    // Held strongly: a gauge keeps only a weak reference to its object by default, and a lambda has no other.
    Gauge.builder("istiolint.snapshot.resources", snapshotSize, s -> s.get().doubleValue())
        .description("objects in the view requests are judged against").strongReference(true).register(registry);
    for (Severity severity : Severity.values()) {
      Gauge.builder("istiolint.view.findings", state, s -> s.findings(severity))
          .description("findings of the objects in the view: what is wrong in the cluster now")
          .tag("severity", severity.name().toLowerCase(Locale.ROOT)).register(registry);
    }
    FunctionCounter.builder("istiolint.view.changes", state, WebhookState::viewChanges)
        .description("times the view was loaded or changed by informer events").register(registry);
    FunctionCounter.builder("istiolint.view.checked.objects", state, WebhookState::checkedObjects)
        .description("objects the rules checked to keep the view's results: all at load, then what each change can affect")
        .register(registry);
  }

  /** One answered request: {@code result} is allowed, denied, warned, bad-request or too-large. */
  void request(String operation, String kind, boolean dryRun, String result, Duration took) {
    Timer.builder("istiolint.admission.duration").description("time to answer an AdmissionReview")
        .tags("operation", operation, "kind", kind, "dry_run", String.valueOf(dryRun), "result", result)
        .publishPercentileHistogram().register(registry).record(took);
  }

  /** Exports the informers' event count. */
  void countEvents(ClusterWatch watch) {
    FunctionCounter.builder("istiolint.informer.events", watch, ClusterWatch::events)
        .description("adds, updates and deletes the informers delivered").register(registry);
  }

  void ruleError() {
    ruleErrors.increment();
  }

  /** An object with errors, and what the mode did with it. */
  void violation(Judge.Mode mode) {
    Counter.builder("istiolint.admission.violations").description("objects with errors, by what the mode did with them")
        .tag("mode", mode.name().toLowerCase(Locale.ROOT)).register(registry).increment();
  }
}
