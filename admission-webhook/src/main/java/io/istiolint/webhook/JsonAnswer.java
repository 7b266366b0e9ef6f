package io.istiolint.webhook;

import io.istiolint.report.JsonDocument;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/** JSON answers of the view's APIs: written off the event loop (a catalog may be made first), errors as Kiali's {@code {"error": …}}. */
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

  /** Works out the answer and writes it, on a worker thread. */
  static Mono<ServerResponse> respond(Supplier<Answer> answer) {
    return Mono.fromCallable(() -> {
      Answer a = answer.get();
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
