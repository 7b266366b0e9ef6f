package io.istiolint.load;

import io.istiolint.schemas.YamlTrees;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The compact tree of a plain value as Jackson's untyped reading gives it (maps, lists, strings, numbers,
   * booleans, nulls; an informer's generic resources hold their fields so), or of a Jackson tree inside one.
   * Each number keeps the node type a Jackson tree of the same value would have.
   *
   * @throws IllegalArgumentException for any other type
   */
  public static JsonNode ofValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      OrderedArrayMap<JsonNode> fields = new OrderedArrayMap<>();
      map.forEach((key, field) -> fields.put(Interned.key((String) key), ofValue(field)));
      fields.trim();
      return new ObjectNode(NODES, fields);
    }
    if (value instanceof List<?> list) {
      ArrayList<JsonNode> items = new ArrayList<>(list.size());
      for (Object item : list) {
        items.add(ofValue(item));
      }
      return new ArrayNode(NODES, items);
    }
    if (value instanceof String text) {
      return Interned.text(text);
    }
    if (value instanceof JsonNode node) {
      return copyOf(node);
    }
    JsonNode scalar = YamlTrees.scalar(value);
    if (scalar != null) {
      return scalar;
    }
    throw new IllegalArgumentException("not a value of a JSON document: " + value.getClass().getName());
  }

  /** {@link #copyOf} of an object. */
  public static ObjectNode copyOf(ObjectNode object) {
    return (ObjectNode) copyOf((JsonNode) object);
  }
}
