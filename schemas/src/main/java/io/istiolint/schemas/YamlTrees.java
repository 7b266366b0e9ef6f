package io.istiolint.schemas;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reads multi-document YAML into Jackson trees, the form every schema in this module is handled in. */
public final class YamlTrees {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The CRDs of a whole Istio release are about 1 MB in one stream; a cluster's full CRD set can be far
   * larger than snakeyaml's 3 MB default, and this input is trusted.
   */
  private static final int CODE_POINT_LIMIT = 256 * 1024 * 1024;

  private YamlTrees() {}

  /** Every non-empty document of {@code in}, in order. */
  static List<JsonNode> readAll(InputStream in, String label) {
    LoadSettings settings = LoadSettings.builder().setLabel(label).setCodePointLimit(CODE_POINT_LIMIT).build();
    List<JsonNode> documents = new ArrayList<>();
    for (Object document : new Load(settings).loadAllFromInputStream(in)) {
      if (document != null) {
        documents.add(tree(document));
      }
    }
    return documents;
  }

  /**
   * The tree of what snakeyaml's core schema loads: maps, lists, strings, numbers, booleans and null. Built
   * directly rather than by a mapper's {@code valueToTree}, which would set up Jackson's whole serializer
   * machinery at the start of every run.
   */
  private static JsonNode tree(Object value) {
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      list.forEach(v -> array.add(tree(v)));
      return array;
    }
    if (value instanceof String s) {
      return NODES.stringNode(s);
    }
    JsonNode scalar = scalar(value);
    if (scalar != null) {
      return scalar;
    }
    // byte[] (!!binary) and anything else a schema file has no business holding: keep its text.
    return NODES.stringNode(String.valueOf(value));
  }

  /**
   * The node of a boolean, number or null as snakeyaml's core schema or Jackson's untyped reading gives it (each
   * number the node type Jackson gives it); null for anything else.
   */
  public static JsonNode scalar(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof BigInteger big) {
      return NODES.numberNode(big);
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (value instanceof BigDecimal decimal) {
      return NODES.numberNode(decimal);
    }
    return null;
  }
}
