package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * istiolint's wording for one networknt error outside any {@code anyOf}/{@code oneOf}/{@code not}: the
 * dotted field path, what was found, what is expected and, where it helps, how to fix it.
 */
final class KeywordMessages {

  /** Up to this many allowed fields are listed when an unknown field resembles none of them. */
  private static final int MAX_LISTED_FIELDS = 8;

  private final JsonNode schema;

  /** @param schema the converted JSON Schema the errors come from, where failing keywords are looked up */
  KeywordMessages(JsonNode schema) {
    this.schema = schema;
  }

  SchemaViolation describe(Error error) {
    List<Object> path = FieldPath.of(error.getInstanceLocation());
    JsonNode found = error.getInstanceNode();
    JsonNode limit = error.getSchemaNode();
    String subject = FieldPath.subject(path);
    return switch (error.getKeyword()) {
      case "additionalProperties" -> unknownField(path, error.getProperty(), owner(error));
      case "required" -> plain(path, "missing required field `%s` %s"
          .formatted(error.getProperty(), FieldPath.where(path)));
      case "type" -> wrongType(path, List.of(limit.asString("")), found, owner(error));
      case IntOrStringKeyword.NAME -> wrongType(path, List.of("integer", "string"), found, owner(error));
      case "enum" -> notInEnum(path, limit, found);
      case "minimum" -> outOfRange(path, owner(error), limit, found, "exclusiveMinimum", "at least", "greater than");
      case "maximum" -> outOfRange(path, owner(error), limit, found, "exclusiveMaximum", "at most", "less than");
      case "minLength" -> tooFew(path, limit, characters(found), "must be at least %d characters long, found %d");
      case "maxLength" -> tooMany(path, limit, characters(found), "must be at most %d characters long, found %d");
      case "minItems" -> tooFew(path, limit, found.size(), "must have at least %d items, found %d");
      case "maxItems" -> tooMany(path, limit, found.size(), "must have at most %d items, found %d");
      case "minProperties" -> tooFew(path, limit, found.size(), "must have at least %d entries, found %d");
      case "maxProperties" -> tooMany(path, limit, found.size(), "must have at most %d entries, found %d");
      case "pattern" -> plain(path, "%s is %s, which does not match the pattern `%s`"
          .formatted(subject, Values.quoted(found.asString("")), limit.asString("")));
      case "format" -> badFormat(path, limit.asString(""), found);
      case "multipleOf" -> plain(path, "%s must be a multiple of %s, found %s"
          .formatted(subject, limit.asString(""), found.asString("")));
      case "uniqueItems" -> plain(path, subject + " must not contain duplicate items");
      default -> plain(path, subject + ": " + error.getMessage());
    };
  }

  /** "X must be an integer, found string \"abc\"", with a hint for the usual YAML slips. */
  static SchemaViolation wrongType(List<Object> path, List<String> expected, JsonNode found, JsonNode owner) {
    String message = "%s must be %s, found %s".formatted(FieldPath.subject(path), Values.typeNames(expected),
        Values.found(found));
    return new SchemaViolation(path, false, message, typeHint(expected, found, owner));
  }

  /**
   * An empty YAML value is null; an unquoted {@code 1} or {@code true} is not text. Quoting is only
   * suggested for free text: a quoted number would still fail a pattern, enum, format or CEL rule.
   */
  private static String typeHint(List<String> expected, JsonNode found, JsonNode owner) {
    if (found.isNull()) {
      return "an empty YAML value is null: give it a value or remove the field";
    }
    boolean freeText = expected.equals(List.of("string"))
        && Stream.of("pattern", "enum", "format", "x-kubernetes-validations").noneMatch(owner::has);
    if (freeText && (found.isNumber() || found.isBoolean())) {
      return "quote the value: YAML reads it as " + (found.isNumber() ? "a number" : "a boolean");
    }
    return null;
  }

  private static SchemaViolation plain(List<Object> path, String message) {
    return new SchemaViolation(path, false, message, null);
  }

  /** The schema object holding the failing keyword: the evaluation path without its last step. */
  private JsonNode owner(Error error) {
    List<Object> keywordPath = FieldPath.of(error.getEvaluationPath());
    return FieldPath.resolve(schema, keywordPath.subList(0, keywordPath.size() - 1));
  }

  private static SchemaViolation unknownField(List<Object> objectPath, String name, JsonNode owner) {
    List<String> allowed = new ArrayList<>();
    owner.path("properties").propertyNames().forEach(allowed::add);
    String message = "unknown field `%s` %s: unless the client validates strictly, the API server drops it without a word"
        .formatted(name, FieldPath.where(objectPath));
    String hint = Suggestions.didYouMeanClosest(name, allowed)
        .orElseGet(() -> allowed.isEmpty() || allowed.size() > MAX_LISTED_FIELDS ? null : "allowed fields: "
            + allowed.stream().sorted().map(field -> "`" + field + "`").collect(Collectors.joining(", ")));
    return new SchemaViolation(FieldPath.append(objectPath, name), true, message, hint);
  }

  private static SchemaViolation notInEnum(List<Object> path, JsonNode options, JsonNode found) {
    List<String> names = new ArrayList<>();
    options.forEach(option -> names.add(Values.literal(option)));
    String message = "%s is `%s`, not one of: %s".formatted(FieldPath.subject(path), Values.literal(found),
        String.join(", ", names));
    Optional<String> closest = found.isString() ? Suggestions.closest(found.asString(""), names) : Optional.empty();
    return new SchemaViolation(path, false, message, closest.map(Suggestions::didYouMean).orElse(null));
  }

  private static SchemaViolation outOfRange(List<Object> path, JsonNode owner, JsonNode bound, JsonNode found,
      String exclusiveKeyword, String inclusiveWords, String exclusiveWords) {
    String words = owner.path(exclusiveKeyword).asBoolean(false) ? exclusiveWords : inclusiveWords;
    String format = StructuralSchemas.integerFormatOf(owner, bound);
    String limit = bound.asString("") + (format == null ? "" : " (" + format + ")");
    return plain(path, "%s must be %s %s, found %s".formatted(FieldPath.subject(path), words, limit, found.asString("")));
  }

  /** A lower size limit; an empty value against a limit of one reads better as "must not be empty". */
  private static SchemaViolation tooFew(List<Object> path, JsonNode limit, int actual, String template) {
    String subject = FieldPath.subject(path);
    return limit.asInt(0) == 1 && actual == 0
        ? plain(path, subject + " must not be empty")
        : plain(path, subject + " " + template.formatted(limit.asInt(0), actual));
  }

  private static SchemaViolation tooMany(List<Object> path, JsonNode limit, int actual, String template) {
    return plain(path, FieldPath.subject(path) + " " + template.formatted(limit.asInt(0), actual));
  }

  /** Kubernetes measures string lengths in characters (code points), not UTF-16 units. */
  private static int characters(JsonNode text) {
    return text.asString("").codePointCount(0, text.asString("").length());
  }

  private static SchemaViolation badFormat(List<Object> path, String format, JsonNode found) {
    String message = "%s is %s, not a valid %s"
        .formatted(FieldPath.subject(path), Values.quoted(found.asString("")), format);
    String hint = format.equals("date-time") ? "use RFC 3339, e.g. 2006-01-02T15:04:05Z" : null;
    return new SchemaViolation(path, false, message, hint);
  }
}
