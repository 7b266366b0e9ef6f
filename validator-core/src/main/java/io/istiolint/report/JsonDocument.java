package io.istiolint.report;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;

/** One pretty-printed JSON document on a writer, as the JSON outputs (findings, SARIF, Kiali, graph) write it. */
public final class JsonDocument {

  private static final ObjectWriter WRITER = JsonMapper.shared().writerWithDefaultPrettyPrinter()
      .without(StreamWriteFeature.AUTO_CLOSE_TARGET);

  /** Writes the document's content. */
  @FunctionalInterface
  public interface Content {
    void write(JsonGenerator g) throws IOException;
  }

  private JsonDocument() {}

  /** Writes {@code content} pretty-printed, then a line break; {@code out} stays open. */
  public static void write(Writer out, Content content) throws IOException {
    try (JsonGenerator g = WRITER.createGenerator(out)) {
      content.write(g);
    }
    out.write('\n');
  }
}
