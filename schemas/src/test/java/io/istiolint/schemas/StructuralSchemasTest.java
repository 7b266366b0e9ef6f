package io.istiolint.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class StructuralSchemasTest {

  private static final JsonNode CONVERTED = StructuralSchemas.toJsonSchema(TestDocs.yaml("""
      type: object
      properties:
        spec:
          type: object
          oneOf:
          - not: {anyOf: [{required: [a]}, {required: [b]}]}
          - required: [a]
          - required: [b]
          properties:
            a: {type: integer, format: int32, minimum: 1}
            b: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
            c:
              type: array
              items: {type: object, properties: {d: {type: integer, format: uint32}}}
            e: {type: object, additionalProperties: {type: object, properties: {f: {type: string}}}}
            g: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {h: {type: object}}}
        status: {type: object, x-kubernetes-preserve-unknown-fields: true}
      """));

  private static JsonNode at(String pointer) {
    return CONVERTED.at(pointer);
  }

  @Test
  void closesObjectsInStructuralPositionsOnly() {
    assertThat(at("/additionalProperties").asBoolean(true)).isFalse();
    assertThat(at("/properties/spec/additionalProperties").asBoolean(true)).isFalse();
    assertThat(at("/properties/spec/properties/c/items/additionalProperties").asBoolean(true)).isFalse();
    assertThat(at("/properties/spec/properties/e/additionalProperties/additionalProperties").asBoolean(true)).isFalse();
    assertThat(at("/properties/spec/properties/g/properties/h/additionalProperties").asBoolean(true)).isFalse();
    // Maps and preserved objects stay open; oneOf branches are value checks, never closed.
    assertThat(at("/properties/spec/properties/e/additionalProperties").isObject()).isTrue();
    assertThat(at("/properties/spec/properties/g").has("additionalProperties")).isFalse();
    assertThat(at("/properties/status").has("additionalProperties")).isFalse();
    at("/properties/spec/oneOf").forEach(branch -> assertThat(branch.has("additionalProperties")).isFalse());
  }

  @Test
  void addsResourceFieldsAtTheRoot() {
    assertThat(at("/properties/apiVersion/type").asString("")).isEqualTo("string");
    assertThat(at("/properties/kind/type").asString("")).isEqualTo("string");
    assertThat(at("/properties/metadata/properties/labels/additionalProperties/type").asString("")).isEqualTo("string");
    assertThat(at("/properties/metadata/additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void boundsIntegerFormatsKeepingNarrowerBounds() {
    assertThat(at("/properties/spec/properties/a/minimum").asLong(0L)).isEqualTo(1);
    assertThat(at("/properties/spec/properties/a/maximum").asLong(0L)).isEqualTo(Integer.MAX_VALUE);
    assertThat(at("/properties/spec/properties/c/items/properties/d/minimum").asLong(0L)).isZero();
    assertThat(at("/properties/spec/properties/c/items/properties/d/maximum").asLong(0L)).isEqualTo(4294967295L);
  }

  @Test
  void intOrStringIsCheckedOnceByItsKeyword() {
    assertThat(at("/properties/spec/properties/b").has("anyOf")).isFalse();
    assertThat(at("/properties/spec/properties/b/x-kubernetes-int-or-string").asBoolean(false)).isTrue();
  }

  @Test
  void leavesTheInputUntouched() {
    JsonNode input = TestDocs.yaml("{type: object, properties: {spec: {type: object}}}");
    JsonNode copy = input.deepCopy();
    StructuralSchemas.toJsonSchema(input);
    assertThat(input).isEqualTo(copy);
  }
}
