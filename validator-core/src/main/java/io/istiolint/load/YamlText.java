package io.istiolint.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses YAML that is not a manifest (a MeshConfig file, the MeshConfig text inside a ConfigMap) into trees
 * that know where each node was written, with the same scalar typing as manifests.
 */
public final class YamlText {

  private YamlText() {}

  /** One document: its tree and the position of every node and key. */
  public record Parsed(JsonNode root, Location start, Map<YamlPath, Location> positions) {

    /** Where {@code path} was written, or its nearest written ancestor; the document start as a last resort. */
    public Location locate(YamlPath path) {
      YamlPath p = path;
      while (!p.isRoot()) {
        Location loc = positions.get(p);
        if (loc != null) {
          return loc;
        }
        p = p.parent();
      }
      return start;
    }
  }

  /** Text that is not YAML, with where and why. */
  public static final class SyntaxError extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Location location;

    SyntaxError(Location location, String message) {
      super(message, null, false, false);
      this.location = location;
    }

    public Location location() {
      return location;
    }
  }

  /**
   * Parses every document of {@code text}. Lines are counted from {@code lineOffset} (0 for a whole file) and
   * {@code columnOffset} is added to every column: the text may be an indented block inside another file.
   */
  public static List<Parsed> parse(String text, String file, int lineOffset, int columnOffset) throws SyntaxError {
    List<YamlTreeBuilder.Tree> trees;
    try {
      trees = ChunkParser.parse(text, file, lineOffset, LoadLimits.DEFAULT, true);
    } catch (YamlSyntaxException e) {
      throw new SyntaxError(shift(e.location(), columnOffset), e.getMessage());
    }
    return trees.stream().map(t -> {
      Map<YamlPath, Location> positions = new HashMap<>();
      t.positions().forEach((k, v) -> positions.put(k, shift(v, columnOffset)));
      Location start = t.rootLocation() == null ? new Location(file, lineOffset + 1, 1) : t.rootLocation();
      return new Parsed(t.root(), shift(start, columnOffset), Map.copyOf(positions));
    }).toList();
  }

  private static Location shift(Location location, int columns) {
    return columns == 0 ? location : new Location(location.file(), location.line(), location.column() + columns);
  }
}
