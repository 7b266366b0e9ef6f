package io.istiolint.schemas;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import com.networknt.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;

class KubernetesDialectTest {

  /**
   * With a registry that rejects unknown keywords, every served schema of the bundled CRDs compiles: so
   * the lenient registry used for validation never meets a keyword it would have to ignore (or log).
   */
  @Test
  void everyKeywordOfTheBundledCrdsIsKnown() {
    SchemaRegistry strict = KubernetesDialect.strictRegistry();
    for (JsonNode crd : TestDocs.bundledCrdYaml()) {
      for (JsonNode version : crd.path("spec").path("versions")) {
        JsonNode schema = StructuralSchemas.toJsonSchema(version.path("schema").path("openAPIV3Schema"));
        assertThatCode(() -> strict.getSchema(schema).initializeValidators())
            .as(crd.path("metadata").path("name").asString("") + " " + version.path("name").asString(""))
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void strictRegistryWouldNoticeAnUnknownKeyword() {
    JsonNode schema = TestDocs.yaml("{type: object, x-kubernetes-something-new: true}");
    assertThatThrownBy(() -> KubernetesDialect.strictRegistry().getSchema(schema).initializeValidators())
        .hasMessageContaining("x-kubernetes-something-new");
    assertThatCode(() -> KubernetesDialect.registry().getSchema(schema).initializeValidators())
        .doesNotThrowAnyException();
  }
}
