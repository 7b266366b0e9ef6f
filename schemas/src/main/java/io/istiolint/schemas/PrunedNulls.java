package io.istiolint.schemas;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An object as the API server keeps it once it has dropped explicit nulls its schema does not allow.
 *
 * @param object  the object without those nulls (the given object itself when there were none)
 * @param dropped the path of each dropped null: {@link String} field names and {@link Integer} list indexes
 */
public record PrunedNulls(JsonNode object, List<List<Object>> dropped) {

  public PrunedNulls {
    dropped = dropped.stream().map(List::copyOf).toList();
  }

  /** Whether {@code value} holds a null anywhere: nearly no object does, and the walk needs no schema. */
  public static boolean anyNull(JsonNode value) {
    if (value.isNull()) {
      return true;
    }
    if (value instanceof ArrayNode array) {
      for (int i = 0, n = array.size(); i < n; i++) {
        if (anyNull(array.get(i))) {
          return true;
        }
      }
    } else if (value instanceof ObjectNode object) {
      // Every object of a view is walked: its fields are visited in place, without an iterator per mapping.
      boolean[] found = new boolean[1];
      object.forEachEntry((name, field) -> found[0] |= !found[0] && anyNull(field));
      return found[0];
    }
    return false;
  }
}
