package io.istiolint.schemas;

import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outermost {@code anyOf}, {@code oneOf} or {@code not} an error was found under. networknt reports
 * what went wrong inside each branch (including branches that were meant to fail, such as the
 * {@code not} of a protobuf oneof); those errors only make sense together, so they are grouped by
 * junction and described once.
 *
 * @param keyword    {@code anyOf}, {@code oneOf} or {@code not}
 * @param schemaPath the evaluation path up to and including the keyword
 * @param subject    the instance path the junction applies to
 */
record Junction(String keyword, List<Object> schemaPath, List<Object> subject) {

  Junction {
    schemaPath = List.copyOf(schemaPath);
    subject = List.copyOf(subject);
  }

  /**
   * Reads an evaluation path such as {@code /properties/spec/properties/tls/oneOf/1/required}. Every
   * {@code properties/<name>}, {@code items} and {@code additionalProperties} step before the junction moves
   * one level down the instance, so the subject is that many segments of the instance location. Our
   * schemas have no {@code $ref}, so the evaluation path is also a pointer into the schema.
   */
  static Optional<Junction> outermost(NodePath evaluationPath, List<Object> instancePath) {
    int depth = 0;
    int i = 0;
    int n = evaluationPath.getNameCount();
    while (i < n) {
      String keyword = evaluationPath.getName(i);
      switch (keyword) {
        case "properties", "patternProperties" -> {
          depth++;
          i += 2;
        }
        case "items", "additionalProperties" -> {
          // As the last step, "additionalProperties" is the failing keyword, not a move into a value.
          depth += i + 1 < n ? 1 : 0;
          i++;
        }
        case "allOf" -> i += 2;
        case "anyOf", "oneOf", "not" -> {
          return Optional.of(new Junction(keyword, prefix(evaluationPath, i + 1), instancePath.subList(0, depth)));
        }
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The evaluation path of the schema object holding the junction keyword. */
  List<Object> ownerPath() {
    return schemaPath.subList(0, schemaPath.size() - 1);
  }

  private static List<Object> prefix(NodePath path, int length) {
    List<Object> segments = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      segments.add(path.getElement(i));
    }
    return segments;
  }
}
