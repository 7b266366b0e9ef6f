package io.istiolint.rules.validation;

import tools.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shape-safe reads with protobuf presence: a field is set when it is written and not null. A value of the
 * wrong type counts as not readable (null) and is left to the schema rule.
 */
final class Fields {

  private Fields() {}

  static boolean set(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && !n.isNull() && !n.isMissingNode();
  }

  /** The string value of {@code field}, or null when absent or not a string. */
  static String text(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && n.isString() ? n.asString("") : null;
  }

  /** The string value of {@code field}, or "" (protobuf's default) when absent or not a string. */
  static String string(JsonNode parent, String field) {
    String s = text(parent, field);
    return s == null ? "" : s;
  }

  /** The integer value of {@code field}, or null when absent, not an integer or beyond a long. */
  static Long integer(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && n.isIntegralNumber() && n.canConvertToLong() ? n.longValue() : null;
  }

  /** The integer value of {@code field}, or 0 (protobuf's default). */
  static long integerOrZero(JsonNode parent, String field) {
    Long v = integer(parent, field);
    return v == null ? 0 : v;
  }

  /** The numeric value of {@code field}, or null. */
  static Double number(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && n.isNumber() ? n.doubleValue() : null;
  }

  static boolean isTrue(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && n.isBoolean() && n.booleanValue();
  }

  /** The entries of a mapping field, in written order; empty for anything else. */
  static List<Map.Entry<String, JsonNode>> entries(JsonNode parent, String field) {
    JsonNode n = parent.path(field);
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    if (n.isObject()) {
      n.properties().forEach(out::add);
    }
    return out;
  }

  /** True when a list field has elements. */
  static boolean nonEmpty(JsonNode parent, String field) {
    JsonNode n = parent.path(field);
    return n.isArray() && n.size() > 0;
  }

  /** True when a list field is written as an empty list (absent, null or another type is not). */
  static boolean emptyList(JsonNode parent, String field) {
    JsonNode n = parent.path(field);
    return n.isArray() && n.isEmpty();
  }

  /** True when {@code field} is written with a value that is not an integer (the schema rule reports that). */
  static boolean notAnInteger(JsonNode parent, String field) {
    return set(parent, field) && integer(parent, field) == null;
  }

  /** True when {@code field} is written with a value that is not a string (the schema rule reports that). */
  static boolean notAString(JsonNode parent, String field) {
    return set(parent, field) && text(parent, field) == null;
  }
}
