package io.istiolint.schemas;

import java.util.List;
import tools.jackson.databind.JsonNode;

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
    if (value.isContainer()) {
      for (JsonNode child : value) {
        if (anyNull(child)) {
          return true;
        }
      }
    }
    return false;
  }
}
