package io.istiolint.load;

import io.istiolint.api.Location;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Parses the text of one chunk (normally one document) into trees, turning parser errors into ours. */
final class ChunkParser {

  private ChunkParser() {}

  /** Parses every document of {@code text}; stops at the first syntax error. */
  static List<YamlTreeBuilder.Tree> parse(String text, String file, int lineOffset, LoadLimits limits,
      boolean recordPositions) throws YamlSyntaxException {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(file)
        .setCodePointLimit(Math.max(limits.maxDocumentChars() + 1024, 1024))
        .build();
    List<YamlTreeBuilder.Tree> trees = new ArrayList<>(1);
    try {
      Iterator<Event> events = new Parse(settings).parseString(text).iterator();
      while (events.hasNext()) {
        if (events.next().getEventId() == Event.ID.DocumentStart) {
          trees.add(YamlTreeBuilder.build(events, file, lineOffset, limits, recordPositions));
        }
      }
      return trees;
    } catch (MarkedYamlEngineException e) {
      throw translate(e, file, lineOffset);
    } catch (YamlEngineException e) {
      throw new YamlSyntaxException(new Location(file, lineOffset + 1, 1), "YAML error: " + e.getMessage(), null);
    }
  }

  private static YamlSyntaxException translate(MarkedYamlEngineException e, String file, int lineOffset) {
    Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
    Location at = mark == null ? new Location(file, lineOffset + 1, 1)
        : new Location(file, lineOffset + mark.getLine() + 1, mark.getColumn() + 1);
    String problem = e.getProblem() == null ? "unreadable YAML" : e.getProblem();
    if (problem.contains("\\t") || problem.contains("TAB")) {
      return new YamlSyntaxException(at, "tab character used for indentation",
          "YAML allows only spaces for indentation; replace the tab with spaces");
    }
    String hint = null;
    if (e.getContext() != null) {
      hint = e.getContext() + e.getContextMark()
          .map(m -> " (line " + (lineOffset + m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")").orElse("");
    }
    return new YamlSyntaxException(at, "YAML syntax error: " + problem, hint);
  }
}
