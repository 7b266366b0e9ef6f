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

/**
 * Parses the text of one chunk (normally one document) into trees, turning parser errors into ours. A chunk is
 * parsed first without marks (a {@code Mark} per token was a sixth of all allocation); only when that fails, or
 * finds something whose position is reported (a repeated key), is it parsed again with them.
 */
final class ChunkParser {

  private static final ParserSettings DEFAULT_SETTINGS = new ParserSettings(LoadLimits.DEFAULT);

  private ChunkParser() {}

  /**
   * Parses every document of {@code text}; stops at the first syntax error. With {@code recordPositions} each
   * tree has the position of every node and key; without, trees have no positions (a root location included)
   * unless they hold repeated keys.
   */
  static List<YamlTreeBuilder.Tree> parse(String text, String file, int lineOffset, LoadLimits limits,
      boolean recordPositions) throws YamlSyntaxException {
    if (!recordPositions) {
      List<YamlTreeBuilder.Tree> trees = parseWithoutMarks(text, file, limits);
      if (trees != null) {
        return trees;
      }
    }
    return parse(text, file, lineOffset, limits, settings(limits).withMarks, recordPositions);
  }

  /**
   * The trees of {@code text} parsed without marks, or null when that parse fails or finds something whose
   * position is reported: then only a parse with marks can say where.
   */
  static List<YamlTreeBuilder.Tree> parseWithoutMarks(String text, String file, LoadLimits limits) {
    try {
      List<YamlTreeBuilder.Tree> trees = parse(text, file, 0, limits, settings(limits).withoutMarks, false);
      return needsMarks(trees) ? null : trees;
    } catch (YamlSyntaxException | YamlEngineException e) {
      return null;
    }
  }

  private static ParserSettings settings(LoadLimits limits) {
    return limits.maxDocumentChars() == LoadLimits.DEFAULT.maxDocumentChars() ? DEFAULT_SETTINGS : new ParserSettings(limits);
  }

  private static boolean needsMarks(List<YamlTreeBuilder.Tree> trees) {
    for (int i = 0; i < trees.size(); i++) {
      if (trees.get(i).needsMarks()) {
        return true;
      }
    }
    return false;
  }

  private static List<YamlTreeBuilder.Tree> parse(String text, String file, int lineOffset, LoadLimits limits,
      LoadSettings settings, boolean recordPositions) throws YamlSyntaxException {
    List<YamlTreeBuilder.Tree> trees = new ArrayList<>(1);
    try {
      Iterator<Event> events = new Parse(settings).parseString(text).iterator();
      while (events.hasNext()) {
        if (events.next().getEventId() == Event.ID.DocumentStart) {
          trees.add(YamlTreeBuilder.build(events, file, lineOffset, limits, settings.getUseMarks(), recordPositions));
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

  /**
   * The parser's settings, built once: they are immutable, and building them (a scalar resolver with its
   * patterns) cost as much as parsing a small document. Errors are located by us, so they need no file label.
   */
  private static final class ParserSettings {
    final LoadSettings withoutMarks;
    final LoadSettings withMarks;

    ParserSettings(LoadLimits limits) {
      int codePoints = Math.max(limits.maxDocumentChars() + 1024, 1024);
      withoutMarks = LoadSettings.builder().setCodePointLimit(codePoints).setUseMarks(false).build();
      withMarks = LoadSettings.builder().setCodePointLimit(codePoints).setUseMarks(true).build();
    }
  }
}
