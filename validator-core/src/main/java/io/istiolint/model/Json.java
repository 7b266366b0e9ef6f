package io.istiolint.model;

import tools.jackson.databind.JsonNode;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Shape-safe reads of resource content. Inputs may have any shape (a list where a mapping belongs, a number
 * where a string does): schema violations are reported by their own rule, other code must not trip on them.
 */
public final class Json {

  private Json() {}

  /**
   * The elements of a JSON array, read-only; empty for anything else. A view, not a copy: rules read the lists of
   * every object many times over.
   */
  public static List<JsonNode> items(JsonNode node) {
    if (!node.isArray()) {
      return List.of();
    }
    return new AbstractList<>() {
      @Override
      public JsonNode get(int index) {
        Objects.checkIndex(index, node.size());
        return node.get(index);
      }

      @Override
      public int size() {
        return node.size();
      }
    };
  }

  /** A string map from a JSON object (empty for anything else); non-string values keep their JSON text. */
  public static Map<String, String> stringMap(JsonNode node) {
    if (!node.isObject()) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString("") : e.getValue().toString()));
    return map;
  }

  /** The text of a string node, or {@code fallback} for anything else (a number is not a name). */
  public static String text(JsonNode node, String fallback) {
    return node.isString() ? node.asString("") : fallback;
  }
}
