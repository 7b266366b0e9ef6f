package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Map;

/**
 * Turns a CRD's {@code openAPIV3Schema} (a Kubernetes structural schema) into a JSON Schema that makes
 * networknt check what the API server checks:
 *
 * <ul>
 *   <li>Pruning: the API server silently drops every field an object schema does not declare, unless the
 *       schema has {@code x-kubernetes-preserve-unknown-fields} or {@code additionalProperties}. Such
 *       objects get {@code additionalProperties: false}, so each dropped field becomes one error.</li>
 *   <li>Only the structural positions (root, {@code properties}, {@code items}, {@code additionalProperties})
 *       are changed. {@code anyOf}/{@code oneOf}/{@code allOf}/{@code not} branches only add value
 *       checks (Istio uses them for protobuf oneofs as lists of {@code required}); closing them would
 *       reject every field they do not repeat.</li>
 *   <li>The root also declares {@code apiVersion}, {@code kind} and a strict ObjectMeta {@code metadata},
 *       which the API server handles itself and CRDs leave out.</li>
 *   <li>{@code format: int32/uint32/int64/uint64} become {@code minimum}/{@code maximum}: networknt does
 *       not range-check formats.</li>
 *   <li>The {@code anyOf: [{type: integer}, {type: string}]} that generators put beside
 *       {@code x-kubernetes-int-or-string} is dropped, leaving one check ({@link IntOrStringKeyword})
 *       and one error for a wrong value.</li>
 * </ul>
 */
final class StructuralSchemas {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String PRESERVE_UNKNOWN_FIELDS = "x-kubernetes-preserve-unknown-fields";
  private static final String EMBEDDED_RESOURCE = "x-kubernetes-embedded-resource";
  /** The ObjectMeta schema as written, and as the build converts it to JSON ({@link CrdBundleGenerator}). */
  static final String OBJECT_META_SOURCE = "object-meta.schema.yaml";
  static final String OBJECT_META_RESOURCE = "object-meta.schema.gen.json";

  /** The inclusive bounds of an integer format. */
  private record Range(BigInteger min, BigInteger max) {}

  /** The integer formats Kubernetes and protobuf use. */
  private static final Map<String, Range> INTEGER_FORMATS = Map.of(
      "int32", new Range(BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)),
      "uint32", new Range(BigInteger.ZERO, BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)),
      "int64", new Range(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)),
      "uint64", new Range(BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));

  private StructuralSchemas() {}

  /** The JSON Schema for whole objects of a kind whose CRD version declares {@code openApiV3Schema}. */
  static ObjectNode toJsonSchema(JsonNode openApiV3Schema) {
    ObjectNode root = openApiV3Schema.isObject()
        ? ((ObjectNode) openApiV3Schema).deepCopy()
        // A v1 CRD must have a schema; without one the API server would keep anything.
        : NODES.objectNode().put(PRESERVE_UNKNOWN_FIELDS, true);
    root.put("type", "object");
    addResourceFields(root);
    convert(root);
    return root;
  }

  /** The integer format ({@code int32}, ...) whose range is {@code bound}, if that is where it came from. */
  static String integerFormatOf(JsonNode schema, JsonNode bound) {
    String format = schema.path("format").asString("");
    Range range = INTEGER_FORMATS.get(format);
    if (range == null || !bound.isIntegralNumber()) {
      return null;
    }
    BigInteger value = bound.bigIntegerValue();
    return value.equals(range.min()) || value.equals(range.max()) ? format : null;
  }

  private static void addResourceFields(ObjectNode schema) {
    ObjectNode properties = schema.withObjectProperty("properties");
    properties.set("apiVersion", NODES.objectNode().put("type", "string"));
    properties.set("kind", NODES.objectNode().put("type", "string"));
    // The API server validates metadata as ObjectMeta whatever the CRD says about it.
    properties.set("metadata", ObjectMeta.SCHEMA.deepCopy());
  }

  private static void convert(ObjectNode schema) {
    dropIntOrStringAnyOf(schema);
    addIntegerBounds(schema);
    if (schema.path(EMBEDDED_RESOURCE).asBoolean(false)) {
      // An embedded object (e.g. a pod template) always keeps its own apiVersion, kind and metadata.
      ObjectNode properties = schema.withObjectProperty("properties");
      properties.putIfAbsent("apiVersion", NODES.objectNode().put("type", "string"));
      properties.putIfAbsent("kind", NODES.objectNode().put("type", "string"));
      properties.putIfAbsent("metadata", NODES.objectNode().put("type", "object").put(PRESERVE_UNKNOWN_FIELDS, true));
    }
    if (prunesUnknownFields(schema)) {
      schema.put("additionalProperties", false);
    }
    schema.path("properties").forEach(StructuralSchemas::convertIfObject);
    convertIfObject(schema.path("items"));
    convertIfObject(schema.path("additionalProperties"));
  }

  private static void convertIfObject(JsonNode schema) {
    if (schema.isObject()) {
      convert((ObjectNode) schema);
    }
  }

  private static boolean prunesUnknownFields(ObjectNode schema) {
    return schema.path("type").asString("").equals("object")
        && !schema.has("additionalProperties")
        && !schema.path(PRESERVE_UNKNOWN_FIELDS).asBoolean(false);
  }

  private static void dropIntOrStringAnyOf(ObjectNode schema) {
    if (schema.path(IntOrStringKeyword.NAME).asBoolean(false)
        && schema.path("anyOf").equals(NODES.arrayNode()
            .add(NODES.objectNode().put("type", "integer"))
            .add(NODES.objectNode().put("type", "string")))) {
      schema.remove("anyOf");
    }
  }

  private static void addIntegerBounds(ObjectNode schema) {
    Range range = INTEGER_FORMATS.get(schema.path("format").asString(""));
    if (range == null || !schema.path("type").asString("").equals("integer")) {
      return;
    }
    // A bound the CRD sets itself is kept: it is normally the narrower one, and may be exclusive.
    if (!schema.has("minimum")) {
      schema.put("minimum", range.min());
    }
    if (!schema.has("maximum")) {
      schema.put("maximum", range.max());
    }
  }

  /** Loaded once, on first use: the ObjectMeta schema, still in CRD form (converted with the root). */
  private static final class ObjectMeta {
    static final ObjectNode SCHEMA = load();

    private static ObjectNode load() {
      try (InputStream in = StructuralSchemas.class.getResourceAsStream(OBJECT_META_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + OBJECT_META_RESOURCE);
        }
        return (ObjectNode) JsonMapper.shared().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
