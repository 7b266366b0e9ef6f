package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import java.util.List;

/** How messages name JSON types and quote the values found in a document. */
final class Values {

  private static final int MAX_SHOWN = 60;

  private Values() {}

  /** "an integer", "a list", ... for a JSON Schema type name. */
  static String typeName(String jsonType) {
    return switch (jsonType) {
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "string" -> "a string";
      case "boolean" -> "a boolean";
      case "object" -> "an object";
      case "array" -> "a list";
      case "null" -> "null";
      default -> jsonType;
    };
  }

  /** "an integer or a string". */
  static String typeNames(List<String> jsonTypes) {
    return String.join(" or ", jsonTypes.stream().map(Values::typeName).toList());
  }

  /** What was found, for "…, found string \"abc\"": the type, and the value when it is a scalar. */
  static String found(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "null";
    }
    if (value.isString()) {
      return "string " + quoted(value.asString(""));
    }
    if (value.isIntegralNumber()) {
      return "integer " + value.asString("");
    }
    if (value.isNumber()) {
      return "number " + value.asString("");
    }
    if (value.isBoolean()) {
      return "boolean " + value.asString("");
    }
    return value.isArray() ? "a list" : "an object";
  }

  /** A scalar as the user wrote it, for back-quoting: {@code SIMPLEX}, {@code 42}; containers as JSON. */
  static String literal(JsonNode value) {
    return shortened(value.isString() ? value.asString("") : value.toString());
  }

  /** A string in double quotes with JSON escapes, shortened when long. */
  static String quoted(String text) {
    String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
    return "\"" + shortened(escaped) + "\"";
  }

  private static String shortened(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN - 1) + "…";
  }
}
