package io.istiolint.load;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses YAML that is not a manifest (istiolint's config file, a MeshConfig file, the MeshConfig text inside a
 * ConfigMap) into trees that know where each node was written, with the same scalar typing and limits as
 * manifests.
 */
public final class YamlText {

  private YamlText() {}

  /**
   * One document: its tree, the position of every node and key, and its repeated keys (the later value is in
   * {@code root}).
   */
  public record Parsed(JsonNode root, Location start, Map<YamlPath, Location> positions, List<Location> duplicates) {

    /** Where {@code path} was written, or its nearest written ancestor; the document start as a last resort. */
    public Location locate(YamlPath path) {
      return YamlText.locate(positions, path, start);
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
      throw new SyntaxError(shift(e.location(), columnOffset), e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
    }
    return trees.stream().map(t -> {
      Map<YamlPath, Location> positions = new HashMap<>();
      t.positions().forEach((k, v) -> positions.put(k, shift(v, columnOffset)));
      Location start = t.rootLocation() == null ? new Location(file, lineOffset + 1, 1) : t.rootLocation();
      List<Location> duplicates = t.duplicates().stream().map(d -> shift(d.location(), columnOffset)).toList();
      return new Parsed(t.root(), shift(start, columnOffset), Map.copyOf(positions), duplicates);
    }).toList();
  }

  /** Parses a whole file that must hold at most one document; an empty text has a null root. */
  public static Parsed parseOne(String text, String file) throws SyntaxError {
    List<Parsed> documents = parse(text, file, 0, 0);
    if (documents.size() > 1) {
      throw new SyntaxError(documents.get(1).start(), "more than one YAML document; write a single one");
    }
    return documents.isEmpty() ? new Parsed(null, new Location(file, 1, 1), Map.of(), List.of()) : documents.get(0);
  }

  /**
   * The position of {@code path} in {@code known}, or of its nearest written ancestor. A field whose value
   * is a block mapping or list starts on the line after its key; the key is where a reader looks, so that
   * is returned.
   */
  static Location locate(Map<YamlPath, Location> known, YamlPath path, Location start) {
    YamlPath p = path;
    while (true) {
      Location loc = known.get(p);
      if (loc != null) {
        Location key = !p.pointsAtKey() && !p.isRoot() && p.last() instanceof String ? known.get(p.key()) : null;
        return key != null && key.line() != loc.line() ? key : loc;
      }
      if (p.pointsAtKey()) {
        p = p.parent().field((String) p.last()); // the value's position when the key's is unknown
        loc = known.get(p);
        if (loc != null) {
          return loc;
        }
      }
      if (p.isRoot()) {
        return start;
      }
      p = p.parent();
    }
  }

  private static Location shift(Location location, int columns) {
    return columns == 0 ? location : new Location(location.file(), location.line(), location.column() + columns);
  }
}
