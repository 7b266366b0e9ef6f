package io.istiolint.load;

import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import java.util.List;
import java.util.Map;

/**
 * Finds where a path of one document was written. Positions are not kept while loading (a 50,000-object
 * mesh would hold millions of them); the document text is parsed again, once, when its first finding needs a
 * position.
 */
final class DocumentSource {

  private final String text;
  private final String file;
  private final int lineOffset;
  private final int indexInChunk;
  private final LoadLimits limits;
  private final Location start;
  private Map<YamlPath, Location> positions;

  DocumentSource(String text, String file, int lineOffset, int indexInChunk, LoadLimits limits, Location start) {
    this.text = text;
    this.file = file;
    this.lineOffset = lineOffset;
    this.indexInChunk = indexInChunk;
    this.limits = limits;
    this.start = start;
  }

  /** The position of {@code path}, or of its nearest written ancestor (see {@link YamlText#locate}). */
  Location locate(YamlPath path) {
    return YamlText.locate(positions(), path, start);
  }

  private synchronized Map<YamlPath, Location> positions() {
    if (positions == null) {
      try {
        List<YamlTreeBuilder.Tree> trees = ChunkParser.parse(text, file, lineOffset, limits, true);
        positions = trees.size() > indexInChunk ? trees.get(indexInChunk).positions() : Map.of();
      } catch (YamlSyntaxException e) {
        positions = Map.of(); // cannot happen: the same text parsed before
      }
    }
    return positions;
  }
}
