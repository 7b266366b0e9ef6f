package io.istiolint.load;

import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import java.util.List;
import java.util.Map;

/**
 * Finds where a path of one document was written. Positions are not kept while loading (the first parse has
 * no marks, and a 50,000-object mesh would hold millions of positions); the document text is parsed again with
 * marks, once, when its first finding (or its start) needs a position.
 */
final class DocumentSource {

  private final String text;
  private final String file;
  private final int lineOffset;
  private final int indexInChunk;
  private final LoadLimits limits;
  private Map<YamlPath, Location> positions;
  private Location start;

  DocumentSource(String text, String file, int lineOffset, int indexInChunk, LoadLimits limits) {
    this.text = text;
    this.file = file;
    this.lineOffset = lineOffset;
    this.indexInChunk = indexInChunk;
    this.limits = limits;
  }

  /** The position of {@code path}, or of its nearest written ancestor (see {@link YamlText#locate}). */
  synchronized Location locate(YamlPath path) {
    parseWithMarks();
    return YamlText.locate(positions, path, start);
  }

  private void parseWithMarks() {
    if (positions != null) {
      return;
    }
    start = new Location(file, lineOffset + 1, 1);
    positions = Map.of();
    try {
      List<YamlTreeBuilder.Tree> trees = ChunkParser.parse(text, file, lineOffset, limits, true);
      if (trees.size() > indexInChunk) {
        YamlTreeBuilder.Tree tree = trees.get(indexInChunk);
        positions = tree.positions();
        if (tree.rootLocation() != null) {
          start = tree.rootLocation();
        }
      }
    } catch (YamlSyntaxException e) {
      // cannot happen: the same text parsed before; the chunk's first line is then the best answer
    }
  }
}
