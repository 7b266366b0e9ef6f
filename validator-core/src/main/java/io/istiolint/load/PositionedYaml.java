package io.istiolint.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import java.util.List;
import java.util.Map;

/**
 * One YAML document that is not a Kubernetes object (istiolint's own config file), read the way manifests
 * are read (kubectl's scalar typing, the same limits) but with the position of every node kept.
 *
 * @param duplicates repeated keys (the later value is in {@code root})
 */
public record PositionedYaml(JsonNode root, Location start, Map<YamlPath, Location> positions, List<Location> duplicates) {

  /** A text that is not one readable YAML document. */
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

  /** Parses {@code text}, named {@code file} in positions; an empty text is a null root. */
  public static PositionedYaml parse(String text, String file) throws SyntaxError {
    List<YamlTreeBuilder.Tree> trees;
    try {
      trees = ChunkParser.parse(text, file, 0, LoadLimits.DEFAULT, true);
    } catch (YamlSyntaxException e) {
      throw new SyntaxError(e.location(), e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
    }
    if (trees.size() > 1) {
      throw new SyntaxError(trees.get(1).rootLocation(), "more than one YAML document; write a single one");
    }
    Location top = new Location(file, 1, 1);
    if (trees.isEmpty() || trees.get(0).root() == null) {
      return new PositionedYaml(null, top, Map.of(), List.of());
    }
    YamlTreeBuilder.Tree tree = trees.get(0);
    List<Location> duplicates = tree.duplicates().stream().map(YamlTreeBuilder.Duplicate::location).toList();
    return new PositionedYaml(tree.root(), tree.rootLocation(), Map.copyOf(tree.positions()), duplicates);
  }

  /** Where {@code path} was written, or its nearest written ancestor. */
  public Location locate(YamlPath path) {
    return locate(positions, path, start);
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
}
