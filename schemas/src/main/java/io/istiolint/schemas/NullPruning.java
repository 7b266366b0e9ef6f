package io.istiolint.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API server does with explicit nulls before it validates a custom resource: a field whose value is
 * null is removed when its schema is neither {@code nullable} nor has a {@code default} (apiextensions-apiserver,
 * {@code schema/defaulting/prunenulls.go}, PruneNonNullableNullsWithoutDefaults). A null list item is kept (and
 * then fails validation), and so is a null in a field the schema does not know (pruned as unknown later).
 */
final class NullPruning {

  private NullPruning() {}

  /** {@code object} as the API server keeps it, and the paths of the nulls it dropped. */
  static PrunedNulls prune(JsonNode object, JsonNode openApiV3Schema) {
    if (!PrunedNulls.anyNull(object) || !hasPrunableNull(object, openApiV3Schema)) {
      return new PrunedNulls(object, List.of());
    }
    JsonNode copy = object.deepCopy();
    List<List<Object>> dropped = new ArrayList<>();
    walk(copy, openApiV3Schema, new ArrayList<>(), dropped);
    return new PrunedNulls(copy, List.copyOf(dropped));
  }

  /** Objects without a null to drop (nearly all) are returned as they are, without a copy. */
  private static boolean hasPrunableNull(JsonNode value, JsonNode schema) {
    if (schema == null) {
      return false;
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        JsonNode fieldSchema = fieldSchema(schema, field.getKey());
        if (field.getValue().isNull() ? droppable(fieldSchema) : hasPrunableNull(field.getValue(), fieldSchema)) {
          return true;
        }
      }
    } else if (value.isArray()) {
      for (JsonNode item : value) {
        if (hasPrunableNull(item, items(schema))) {
          return true;
        }
      }
    }
    return false;
  }

  private static void walk(JsonNode value, JsonNode schema, List<Object> path, List<List<Object>> dropped) {
    if (schema == null) {
      return;
    }
    if (value instanceof ObjectNode object) {
      for (String name : List.copyOf(object.propertyNames())) {
        JsonNode field = object.get(name);
        JsonNode fieldSchema = fieldSchema(schema, name);
        path.add(name);
        if (field.isNull() && droppable(fieldSchema)) {
          object.remove(name);
          dropped.add(List.copyOf(path));
        } else {
          walk(field, fieldSchema, path, dropped);
        }
        path.remove(path.size() - 1);
      }
    } else if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        path.add(i);
        walk(array.get(i), items(schema), path, dropped);
        path.remove(path.size() - 1);
      }
    }
  }

  private static boolean droppable(JsonNode fieldSchema) {
    return fieldSchema != null && !fieldSchema.path("nullable").asBoolean(false) && !fieldSchema.has("default");
  }

  /** The schema of a field: from {@code properties}, else from {@code additionalProperties}; null when unknown. */
  private static JsonNode fieldSchema(JsonNode schema, String name) {
    JsonNode property = schema.path("properties").get(name);
    if (property != null) {
      return property;
    }
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isObject() ? additional : null;
  }

  private static JsonNode items(JsonNode schema) {
    JsonNode items = schema.get("items");
    return items != null && items.isObject() ? items : null;
  }
}
