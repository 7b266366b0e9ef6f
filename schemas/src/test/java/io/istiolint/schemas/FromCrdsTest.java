package io.istiolint.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import io.istiolint.schemas.CrdInfo.ServedVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A catalog of CRDs other than Istio's bundled ones. */
class FromCrdsTest {

  private static final JsonNode WIDGET_CRD = TestDocs.yaml("""
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: widgets.example.com
      spec:
        group: example.com
        names: {kind: Widget, plural: widgets, singular: widget}
        scope: Cluster
        versions:
        - name: v2
          served: false
          storage: false
          schema:
            openAPIV3Schema: {type: object}
        - name: v1beta1
          served: true
          storage: false
          deprecated: true
          deprecationWarning: example.com/v1beta1 Widget is deprecated; use v1
          schema:
            openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  required: [size]
                  properties:
                    size: {type: integer, format: uint32}
                    port: {x-kubernetes-int-or-string: true}
                    mode: {type: string, enum: [Fast, Slow]}
                    extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                    empty: {type: object}
                    tags: {type: object, additionalProperties: {type: string}}
                    template:
                      type: object
                      x-kubernetes-embedded-resource: true
                      properties:
                        spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
                    rule:
                      type: string
                      x-kubernetes-validations: [{rule: "self.size() > 100", message: "long"}]
      """);

  private static final SchemaCatalog CATALOG = CrdSchemaCatalog.fromCrds("test widgets", List.of(WIDGET_CRD));

  private static List<SchemaViolation> validate(String version, String yaml) {
    return CATALOG.validate("example.com", version, "Widget", TestDocs.yaml(yaml));
  }

  @Test
  void indexesServedVersionsOnly() {
    CrdInfo info = CATALOG.crd("example.com", "Widget").orElseThrow();
    assertThat(info.plural()).isEqualTo("widgets");
    assertThat(info.namespaced()).isFalse();
    assertThat(info.versions()).containsExactly(
        new ServedVersion("v1beta1", false, true, "example.com/v1beta1 Widget is deprecated; use v1"),
        new ServedVersion("v1", true, false, null));
    assertThat(CATALOG.groups()).containsExactly("example.com");
    assertThat(CATALOG.kinds("example.com")).containsExactly("Widget");
    assertThat(CATALOG.source()).isEqualTo("test widgets");
    assertThatThrownBy(() -> validate("v2", "spec: {}")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validObjectsPass() {
    assertThat(validate("v1", """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w}
        spec:
          size: 4294967295
          port: http
          mode: Fast
          extra: {anything: [1, 2]}
          empty: {}
          tags: {a: b}
          template:
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec: {containers: []}
          rule: short, but CEL rules are not evaluated
        """)).isEmpty();
    assertThat(validate("v1beta1", "spec: {whatever: true}")).isEmpty();
  }

  @Test
  void customSchemasGetTheSameChecks() {
    List<SchemaViolation> violations = validate("v1", """
        spec:
          size: -1
          port: 8.5
          mode: fast
          empty: {a: 1}
          tags: {a: 1}
          template: {kind: Pod, spek: {}}
        """);
    assertThat(violations).containsExactly(
        new SchemaViolation(List.of("spec", "empty", "a"), true,
            "unknown field `a` in spec.empty: unless the client validates strictly, the API server drops it without a word", null),
        new SchemaViolation(List.of("spec", "mode"), false, "spec.mode is `fast`, not one of: Fast, Slow",
            "did you mean `Fast`?"),
        new SchemaViolation(List.of("spec", "port"), false,
            "spec.port must be an integer or a string, found number 8.5", null),
        new SchemaViolation(List.of("spec", "size"), false, "spec.size must be at least 0 (uint32), found -1", null),
        new SchemaViolation(List.of("spec", "tags", "a"), false, "spec.tags.a must be a string, found integer 1",
            "quote the value: YAML reads it as a number"),
        new SchemaViolation(List.of("spec", "template", "spek"), true,
            "unknown field `spek` in spec.template: unless the client validates strictly, the API server drops it without a word", "did you mean `spec`?"));
    assertThat(validate("v1", "spec: {size: 4294967296}")).extracting(SchemaViolation::message)
        .containsExactly("spec.size must be at most 4294967295 (uint32), found 4294967296");
    assertThat(validate("v1", "metadata: {name: w}")).isEmpty();
    assertThat(validate("v1", "spec: {}")).extracting(SchemaViolation::message)
        .containsExactly("missing required field `size` in spec");
  }

  @Test
  void rejectsWhatIsNotAV1Crd() {
    assertThatThrownBy(() -> CrdSchemaCatalog.fromCrds("x", List.of(TestDocs.yaml("apiVersion: v1\nkind: ConfigMap"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an apiextensions.k8s.io/v1 CustomResourceDefinition");
    assertThatThrownBy(() -> CrdSchemaCatalog.fromCrds("x", List.of(WIDGET_CRD, WIDGET_CRD)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two CustomResourceDefinitions for Widget.example.com");
  }
}
