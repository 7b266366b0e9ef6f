package io.istiolint.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Label-like maps read from JSON. */
public final class StringMaps {

  private StringMaps() {}

  /** A string map from a JSON object (empty for anything else); non-string values keep their JSON text. */
  public static Map<String, String> of(JsonNode node) {
    if (!node.isObject()) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    return map;
  }
}
