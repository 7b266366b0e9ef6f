package io.istiolint.webhook;

import io.istiolint.report.JsonDocument;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/** JSON answers of the view's APIs, errors as Kiali's {@code {"error": …}}. */
final class JsonAnswer {

  /** An answer: its status and its JSON. */
  record Answer(HttpStatus status, JsonDocument.Content content) {}

  private record Written(HttpStatus status, String body) {}

  private JsonAnswer() {}

  static Answer ok(JsonDocument.Content content) {
    return new Answer(HttpStatus.OK, content);
  }

  static Answer error(HttpStatus status, String message) {
    return new Answer(status, g -> {
      g.writeStartObject();
      g.writeStringProperty("error", message);
      g.writeEndObject();
    });
  }

  /**
   * Writes the answer {@code answer} gives from the view's catalog, on a worker thread (the catalog of a new
   * generation is made by the first request after a change); 503 until the view is loaded.
   */
  static Mono<ServerResponse> respond(ConfigView view, Function<ConfigCatalog, Answer> answer) {
    return Mono.fromCallable(() -> {
      ConfigCatalog catalog = view.catalog();
      Answer a = catalog == null ? error(HttpStatus.SERVICE_UNAVAILABLE, "the view is not loaded yet") : answer.apply(catalog);
      return new Written(a.status(), text(a.content()));
    }).subscribeOn(Schedulers.boundedElastic())
        .flatMap(w -> ServerResponse.status(w.status()).contentType(MediaType.APPLICATION_JSON).bodyValue(w.body()));
  }

  private static String text(JsonDocument.Content content) {
    StringWriter out = new StringWriter();
    try (var g = JsonMapper.shared().writer().createGenerator(out)) {
      content.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
