package io.istiolint.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Objects read from a cluster, copied compact: the same tree, field order and all, in the form files load into. */
class CompactTreeTest {

  private static final String SERVED = """
      {"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
       "metadata":{"name":"reviews","namespace":"shop","uid":"6b5a3c1e","resourceVersion":"48151623",
         "creationTimestamp":"2026-11-01T08:00:02Z","generation":3,"labels":{"app":"reviews","z":"1","a":"2"}},
       "spec":{"hosts":["reviews"],"http":[{"route":[{"destination":{"host":"reviews","subset":"v2",
         "port":{"number":9080}},"weight":75}],"timeout":"5s","retries":null,"mirrorPercentage":{"value":12.5},
         "corsPolicy":{"allowCredentials":true,"allowOrigins":[]}}]}}
      """;

  @Test
  void copiesTheTreeAsItIs() {
    JsonNode served = JsonMapper.shared().readTree(SERVED);
    ObjectNode copy = CompactTree.copyOf((ObjectNode) served);
    assertThat(copy).isEqualTo(served);
    assertThat(served).isEqualTo(copy);
    assertThat(copy.toString()).isEqualTo(served.toString()); // field order kept
    assertThat(copy.path("spec").path("http").path(0).get("retries").isNull()).isTrue();
    assertThat(copy.path("spec").path("http").path(0).path("mirrorPercentage").path("value").doubleValue()).isEqualTo(12.5);
  }

  @Test
  void holdsItsFieldsInTheLoadersMapsAndSharesStrings() {
    ObjectNode a = CompactTree.copyOf((ObjectNode) JsonMapper.shared().readTree(SERVED));
    ObjectNode b = CompactTree.copyOf((ObjectNode) JsonMapper.shared().readTree(SERVED));
    // Jackson hands out the entry set of the map that holds the fields
    assertThat(a.path("metadata").path("labels").properties().getClass().getEnclosingClass()).isEqualTo(OrderedArrayMap.class);
    assertThat(((ObjectNode) a.path("metadata")).propertyNames()).containsExactly("name", "namespace", "uid",
        "resourceVersion", "creationTimestamp", "generation", "labels");
    assertThat(a.path("spec").path("hosts").get(0)).isSameAs(b.path("spec").path("hosts").get(0));
    assertThat(a.path("metadata").path("name")).isSameAs(b.path("metadata").path("name"));
  }

  @Test
  void aCopyIsItsOwn() {
    ObjectNode served = (ObjectNode) JsonMapper.shared().readTree(SERVED);
    ObjectNode copy = CompactTree.copyOf(served);
    ((ObjectNode) copy.path("metadata")).put("name", "ratings");
    ((ObjectNode) copy.path("metadata").path("labels")).remove("z");
    assertThat(served.path("metadata").path("name").asString()).isEqualTo("reviews");
    assertThat(served.path("metadata").path("labels").has("z")).isTrue();
    assertThat(copy.path("metadata").path("labels").has("z")).isFalse();
  }
}
