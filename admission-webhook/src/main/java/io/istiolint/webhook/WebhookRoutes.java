package io.istiolint.webhook;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The HTTP surface: {@code POST /validate} (AdmissionReview in, AdmissionReview out), {@code /healthz} and
 * {@code /readyz}. A body that is not a v1 AdmissionReview gets 400, one over {@link #MAX_BODY} 413; whatever
 * goes wrong inside, the request is answered and the server keeps serving.
 */
final class WebhookRoutes {

  /** The API server never sends more than its own request limit (3 MiB) plus the review around it. */
  static final int MAX_BODY = 3 * 1024 * 1024;

  private final Judge judge;
  private final WebhookMetrics metrics;
  private final BooleanSupplier ready;

  WebhookRoutes(Judge judge, WebhookMetrics metrics, BooleanSupplier ready) {
    this.judge = judge;
    this.metrics = metrics;
    this.ready = ready;
  }

  RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .POST("/validate", this::validate)
        .GET("/healthz", request -> text(HttpStatus.OK, "ok"))
        .GET("/readyz", request -> ready.getAsBoolean() ? text(HttpStatus.OK, "ready")
            : text(HttpStatus.SERVICE_UNAVAILABLE, "the view is not loaded yet"))
        .build();
  }

  private Mono<ServerResponse> validate(ServerRequest request) {
    long start = System.nanoTime();
    if (request.headers().contentLength().orElse(0) > MAX_BODY) {
      return tooLarge(start);
    }
    return DataBufferUtils.join(request.bodyToFlux(org.springframework.core.io.buffer.DataBuffer.class), MAX_BODY)
        .map(buffer -> {
          byte[] bytes = new byte[buffer.readableByteCount()];
          buffer.read(bytes);
          DataBufferUtils.release(buffer);
          return bytes;
        })
        .defaultIfEmpty(new byte[0])
        // The rules are CPU work: off the event loop, so that health checks answer while a request is judged.
        .publishOn(Schedulers.boundedElastic())
        .flatMap(body -> answer(body, start))
        .onErrorResume(DataBufferLimitException.class, e -> tooLarge(start));
  }

  private Mono<ServerResponse> answer(byte[] body, long start) {
    AdmissionRequest admission;
    try {
      admission = AdmissionRequest.parse(body);
    } catch (AdmissionRequest.BadReview e) {
      metrics.request("unknown", "unknown", false, "bad-request", Duration.ofNanos(System.nanoTime() - start));
      return text(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    AdmissionResponse response;
    try {
      response = judge.judge(admission);
    } catch (RuntimeException | StackOverflowError e) {
      // Fail open for this request only: the webhook must never be why a valid change cannot be applied.
      metrics.ruleError();
      response = AdmissionResponse.allow(admission.uid(), List.of("istiolint: the object could not be checked ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); allowed"));
    }
    String result = !response.allowed() ? "denied" : response.warnings().isEmpty() ? "allowed" : "warned";
    metrics.request(admission.operation(), admission.kind(), admission.dryRun(), result, Duration.ofNanos(System.nanoTime() - start));
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(response.toJson());
  }

  private Mono<ServerResponse> tooLarge(long start) {
    metrics.request("unknown", "unknown", false, "too-large", Duration.ofNanos(System.nanoTime() - start));
    return text(HttpStatus.CONTENT_TOO_LARGE, "the body is over " + MAX_BODY + " bytes: not an AdmissionReview the API server sends");
  }

  private static Mono<ServerResponse> text(HttpStatus status, String message) {
    return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(message + "\n");
  }
}
