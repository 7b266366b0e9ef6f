package io.istiolint.load;

import java.util.ArrayList;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Copies a Jackson tree into the form loaded files take: each mapping's fields in one {@link OrderedArrayMap},
 * keys and short strings shared ({@link Interned}), lists sized to fit. A cluster's objects arrive as Jackson's
 * own trees (a {@code LinkedHashMap} per mapping); a view of tens of thousands of them holds several times the
 * memory, and every walk over them (schemas, rules) runs slower.
 */
public final class CompactTree {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CompactTree() {}

  /** The same tree, compact; value nodes other than strings are immutable and shared as they are. */
  public static JsonNode copyOf(JsonNode node) {
    if (node.isObject()) {
      OrderedArrayMap<JsonNode> fields = new OrderedArrayMap<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        fields.put(Interned.key(field.getKey()), copyOf(field.getValue()));
      }
      fields.trim();
      return new ObjectNode(NODES, fields);
    }
    if (node.isArray()) {
      ArrayList<JsonNode> items = new ArrayList<>(node.size());
      node.forEach(item -> items.add(copyOf(item)));
      return new ArrayNode(NODES, items);
    }
    return node.isString() ? Interned.text(node.stringValue()) : node;
  }

  /** {@link #copyOf} of an object. */
  public static ObjectNode copyOf(ObjectNode object) {
    return (ObjectNode) copyOf((JsonNode) object);
  }
}
