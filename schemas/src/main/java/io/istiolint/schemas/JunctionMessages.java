package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One message for all errors networknt reports under one {@link Junction}. */
final class JunctionMessages {

  private final JsonNode schema;
  private final KeywordMessages keywordMessages;

  JunctionMessages(JsonNode schema, KeywordMessages keywordMessages) {
    this.schema = schema;
    this.keywordMessages = keywordMessages;
  }

  /**
   * @param errors   every error under the junction: the junction's own error (for {@code oneOf} and
   *                 {@code not}) and those of its branches
   * @param instance the whole object being validated
   */
  SchemaViolation describe(Junction junction, List<Error> errors, JsonNode instance) {
    JsonNode branches = FieldPath.resolve(schema, junction.schemaPath());
    JsonNode value = FieldPath.resolve(instance, junction.subject());
    List<Object> path = junction.subject();
    if (junction.keyword().equals("oneOf")) {
      Optional<List<String>> alternatives = protobufOneof(branches);
      if (alternatives.isPresent()) {
        return severalAlternatives(path, alternatives.get(), value);
      }
    }
    if (junction.keyword().equals("anyOf") && onlyTypeErrorsAt(path, errors)) {
      List<String> types = errors.stream().map(e -> e.getSchemaNode().asString("")).distinct().toList();
      return KeywordMessages.wrongType(path, types, value, FieldPath.resolve(schema, junction.ownerPath()));
    }
    String subject = FieldPath.subject(path);
    return switch (junction.keyword()) {
      case "oneOf" -> matchesSeveral(junction, errors)
          ? new SchemaViolation(path, false, subject + " matches more than one of its exclusive alternatives", null)
          : noAlternative(path, errors);
      case "anyOf" -> noAlternative(path, errors);
      default -> new SchemaViolation(path, false, subject + " must not match " + branches, null);
    };
  }

  /**
   * The fields of a protobuf oneof as Istio's generator writes it, {@code [{not: {anyOf: [{required: [a]},
   * {required: [b]}]}}, {required: [a]}, {required: [b]}]}: at most one of a, b.
   */
  private static Optional<List<String>> protobufOneof(JsonNode branches) {
    JsonNode none = branches.path(0).path("not").path("anyOf");
    if (branches.size() < 2 || branches.path(0).size() != 1 || none.size() != branches.size() - 1) {
      return Optional.empty();
    }
    List<String> fields = new ArrayList<>();
    for (int i = 1; i < branches.size(); i++) {
      String field = soleRequired(branches.get(i));
      if (field == null || !field.equals(soleRequired(none.get(i - 1)))) {
        return Optional.empty();
      }
      fields.add(field);
    }
    return Optional.of(fields);
  }

  /** {@code a} for a schema that is exactly {@code {required: [a]}}, else null. */
  private static String soleRequired(JsonNode schema) {
    JsonNode required = schema.path("required");
    boolean sole = schema.size() == 1 && required.size() == 1 && required.get(0).isString();
    return sole ? required.get(0).asString("") : null;
  }

  /** Errors in a oneof come only from setting several fields: no branch can fail otherwise. */
  private static SchemaViolation severalAlternatives(List<Object> path, List<String> alternatives, JsonNode value) {
    List<String> set = alternatives.stream().filter(value::has).toList();
    String found = alternatives.size() == 2 && set.size() == 2 ? "both" : joined(set, " and ");
    String message = "set at most one of %s %s (found %s)"
        .formatted(joined(alternatives, ", "), FieldPath.where(path), found);
    return new SchemaViolation(path, false, message, "they are alternatives: keep one");
  }

  private static boolean onlyTypeErrorsAt(List<Object> path, List<Error> errors) {
    return errors.stream()
        .allMatch(e -> e.getKeyword().equals("type") && FieldPath.of(e.getInstanceLocation()).equals(path));
  }

  /** Whether several branches of the oneOf matched: the first argument of its own error says how many. */
  private static boolean matchesSeveral(Junction junction, List<Error> errors) {
    int depth = junction.schemaPath().size();
    return errors.stream()
        .filter(e -> e.getKeyword().equals("oneOf") && e.getEvaluationPath().getNameCount() == depth)
        .map(Error::getArguments)
        .anyMatch(arguments -> arguments != null && arguments.length > 0 && !"0".equals(String.valueOf(arguments[0])));
  }

  /** No branch matched: say so, and show what was wrong with the first one as a lead. */
  private SchemaViolation noAlternative(List<Object> path, List<Error> errors) {
    String hint = errors.stream()
        .filter(e -> !e.getKeyword().equals("oneOf"))
        .findFirst()
        .map(e -> "for instance: " + keywordMessages.describe(e).message())
        .orElse(null);
    String message = FieldPath.subject(path) + " matches none of the allowed alternatives";
    return new SchemaViolation(path, false, message, hint);
  }

  /** "`a`, `b`, `c`", or with {@code last} = " and ": "`a`, `b` and `c`". */
  private static String joined(List<String> names, String last) {
    List<String> quoted = names.stream().map(n -> "`" + n + "`").toList();
    if (quoted.size() < 2) {
      return String.join("", quoted);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + last + quoted.get(quoted.size() - 1);
  }
}
