package io.istiolint.webhook;

import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Origin;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Optional;

/**
 * An object's YAML as the Istio Config page shows it, and the line of each path in it: the object's own lines of
 * its file when it came from one (numbered as in the file, so findings sit at the lines the CLI names), else the
 * object as loaded written as YAML ({@link RenderedYaml}).
 *
 * @param source    the file, or the object's {@code cluster://} address
 * @param firstLine the number of the first of {@code lines}
 */
record ObjectText(String source, int firstLine, List<String> lines, Lines at) {

  /** Where a path of the object is in {@code lines}. */
  @FunctionalInterface
  interface Lines {
    int lineOf(YamlPath path);
  }

  static ObjectText of(Resource resource, SourceTexts texts) {
    Location root = resource.sourceMap().locate(YamlPath.ROOT);
    Optional<List<String>> file = resource.origin() != null && resource.origin().type() == Origin.Type.FILE && root != null
        && root.hasPosition() ? texts.linesOf(root.file()) : Optional.empty();
    if (file.isPresent() && root.line() <= file.get().size()) {
      List<String> all = file.get();
      int end = end(all, root.line(), root.column());
      return new ObjectText(root.file(), root.line(), all.subList(root.line() - 1, end), path -> {
        Location at = resource.sourceMap().locate(path == null ? YamlPath.ROOT : path);
        return at != null && at.hasPosition() && at.line() >= root.line() && at.line() <= end ? at.line() : root.line();
      });
    }
    RenderedYaml yaml = RenderedYaml.of(resource.object());
    String source = resource.origin() == null ? resource.ref().displayName() : resource.origin().locationOf(resource.ref()).file();
    return new ObjectText(source, 1, yaml.lines(), yaml::lineOf);
  }

  /**
   * The line (1-based, inclusive) where the object that starts at {@code line}, {@code column} ends: before the
   * next document, or the next line indented less than the object (the next item of a {@code kind: List}), less
   * the blank and comment lines before that.
   */
  private static int end(List<String> lines, int line, int column) {
    int last = line;
    for (int i = line; i < lines.size(); i++) {
      String text = lines.get(i);
      String trimmed = text.strip();
      if (text.startsWith("---") || text.startsWith("...")) {
        break;
      }
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int indent = text.length() - text.stripLeading().length();
      if (indent < column - 1) {
        break;
      }
      last = i + 1;
    }
    return last;
  }
}
