package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns networknt's errors for one object into istiolint's violations: one per mistake, sorted by path.
 *
 * <ul>
 *   <li>A value of the wrong type makes every other check of that value meaningless (a string where a
 *       StringMatch object belongs even "matches" both branches of its oneof), so only the type error
 *       is kept for it.</li>
 *   <li>Errors under an {@code anyOf}/{@code oneOf}/{@code not} are grouped by {@link Junction} and described
 *       once.</li>
 * </ul>
 */
final class ErrorTranslator {

  private static final Comparator<SchemaViolation> ORDER = Comparator
      .comparing(SchemaViolation::path, FieldPath.ORDER)
      .thenComparing(SchemaViolation::atKey)
      .thenComparing(SchemaViolation::message);

  private final KeywordMessages keywordMessages;
  private final JunctionMessages junctionMessages;

  /** @param schema the converted JSON Schema that produced the errors */
  ErrorTranslator(JsonNode schema) {
    this.keywordMessages = new KeywordMessages(schema);
    this.junctionMessages = new JunctionMessages(schema, keywordMessages);
  }

  List<SchemaViolation> translate(List<Error> errors, JsonNode instance) {
    Set<SchemaViolation> violations = new LinkedHashSet<>();
    Map<Junction, List<Error>> junctions = new LinkedHashMap<>();
    for (Error error : withoutTypeCascades(errors)) {
      Optional<Junction> junction = junctionOf(error);
      if (junction.isPresent()) {
        junctions.computeIfAbsent(junction.get(), j -> new ArrayList<>()).add(error);
      } else {
        violations.add(keywordMessages.describe(error));
      }
    }
    junctions.forEach((junction, grouped) -> violations.add(junctionMessages.describe(junction, grouped, instance)));
    return violations.stream().sorted(ORDER).toList();
  }

  /** Drops every error about a value that also has a type error outside any junction, except that one. */
  private static List<Error> withoutTypeCascades(List<Error> errors) {
    Set<NodePath> mistyped = errors.stream()
        .filter(ErrorTranslator::isPlainTypeError)
        .map(Error::getInstanceLocation)
        .collect(Collectors.toSet());
    if (mistyped.isEmpty()) {
      return errors;
    }
    return errors.stream()
        .filter(e -> isPlainTypeError(e) || !mistyped.contains(e.getInstanceLocation()))
        .toList();
  }

  private static boolean isPlainTypeError(Error error) {
    boolean typeKeyword = error.getKeyword().equals("type") || error.getKeyword().equals(IntOrStringKeyword.NAME);
    return typeKeyword && junctionOf(error).isEmpty();
  }

  private static Optional<Junction> junctionOf(Error error) {
    return Junction.outermost(error.getEvaluationPath(), FieldPath.of(error.getInstanceLocation()));
  }
}
