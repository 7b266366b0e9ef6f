package io.istiolint.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;

/** One pretty-printed JSON document on a writer, as the JSON outputs (findings, SARIF, Kiali, graph) write it. */
public final class JsonDocument {

  private static final JsonFactory FACTORY = new JsonFactory();

  /** Writes the document's content. */
  @FunctionalInterface
  public interface Content {
    void write(JsonGenerator g) throws IOException;
  }

  private JsonDocument() {}

  /** Writes {@code content} pretty-printed, then a line break; {@code out} stays open. */
  public static void write(Writer out, Content content) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      g.useDefaultPrettyPrinter();
      content.write(g);
    }
    out.write('\n');
  }
}
