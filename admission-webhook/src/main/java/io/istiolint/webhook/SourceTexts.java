package io.istiolint.webhook;

import io.istiolint.load.InputSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of the snapshot's files as they were loaded, by the name findings give them, so that the Istio Config
 * page shows an object's own lines (comments and all) and the findings at the lines they point to, even when a
 * file has changed since.
 */
final class SourceTexts {

  /** The view of a cluster: its objects have no text. */
  static final SourceTexts NONE = new SourceTexts(Map.of());

  /** Line breaks as YAML counts them for positions. */
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

  private final Map<String, List<String>> lines;

  private SourceTexts(Map<String, List<String>> lines) {
    this.lines = lines;
  }

  /** Reads {@code sources} (standard input has no text to keep); a file that cannot be read now has none. */
  static SourceTexts read(List<InputSource> sources) {
    Map<String, List<String>> texts = new HashMap<>();
    for (InputSource source : sources) {
      if (source.isStdin()) {
        continue;
      }
      try {
        String text = new String(Files.readAllBytes(source.path()), StandardCharsets.UTF_8);
        texts.put(source.name(), List.of(LINE_BREAK.split(text, -1)));
      } catch (IOException e) {
        // It was loaded a moment ago: the page then shows the object as loaded instead of its lines.
      }
    }
    return new SourceTexts(Map.copyOf(texts));
  }

  /** The lines of the file findings call {@code name}, if it was read. */
  Optional<List<String>> linesOf(String name) {
    return Optional.ofNullable(lines.get(name));
  }
}
