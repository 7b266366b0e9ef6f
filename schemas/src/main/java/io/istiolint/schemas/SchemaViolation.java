package io.istiolint.schemas;

import java.util.List;

/**
 * One schema error.
 *
 * @param path   segments from the object root: {@link String} field names and {@link Integer} list indexes
 * @param atKey  true when the violation is about the key itself (an unknown field), so positions should
 *               point at the key rather than at its value
 * @param message what is wrong, in istiolint's words, naming the field
 * @param hint   how to fix it ("did you mean `retries`?"), or null
 */
public record SchemaViolation(List<Object> path, boolean atKey, String message, String hint) {

  public SchemaViolation {
    path = List.copyOf(path);
  }
}
