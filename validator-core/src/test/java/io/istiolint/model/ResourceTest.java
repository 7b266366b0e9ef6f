package io.istiolint.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.ResourceRef;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ResourceTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Resource of(String json) {
    ObjectNode object = (ObjectNode) JSON.readTree(json);
    return new Resource(new ResourceRef("networking.istio.io/v1", "DestinationRule", "shop", "reviews"), object,
        SourceMap.NONE, Origin.file("dr.yaml"));
  }

  @Test
  void holdsNullFindsAnExplicitNullAtAnyDepth() {
    assertThat(of("{\"spec\":{\"host\":\"reviews\",\"subsets\":[{\"name\":\"v1\",\"labels\":{\"version\":null}}]}}").holdsNull()).isTrue();
    assertThat(of("{\"spec\":{\"exportTo\":[\".\",null]}}").holdsNull()).isTrue();
    assertThat(of("{\"metadata\":null}").holdsNull()).isTrue();
  }

  @Test
  void holdsNullIsFalseWithoutOneAndStaysSo() {
    Resource none = of("{\"spec\":{\"host\":\"reviews\",\"subsets\":[{\"name\":\"v1\",\"labels\":{\"version\":\"v1\"}}],\"x\":\"null\"}}");
    assertThat(none.holdsNull()).isFalse();
    assertThat(none.holdsNull()).isFalse();
  }

  @Test
  void specIsTheObjectsSpecOrMissing() {
    assertThat(of("{\"spec\":{\"host\":\"reviews\"}}").spec().path("host").asString()).isEqualTo("reviews");
    assertThat(of("{\"metadata\":{}}").spec().isMissingNode()).isTrue();
  }
}
