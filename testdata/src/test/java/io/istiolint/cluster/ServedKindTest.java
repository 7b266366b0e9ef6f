package io.istiolint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.istiolint.engine.Linter;
import io.istiolint.load.InputCollector;
import io.istiolint.model.Resource;
import io.istiolint.testdata.Lint;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An informer's object made whole directly ({@link ServedKind#whole(GenericKubernetesResource,
 * KubernetesSerialization)}) is the object made whole through a Jackson tree of it, field order and number
 * types included, for every object of the fixtures and samples as a cluster serves it.
 */
class ServedKindTest {

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Test
  void readsAnInformersObjectAsItsJacksonTree() throws Exception {
    List<Resource> resources = Linter.load(InputCollector.collect(List.of("../testdata/samples", "../testdata/fixtures"))
        .sources(), Lint.DEFAULT_OPTIONS).resources();
    assertThat(resources).hasSizeGreaterThan(500);
    for (Resource r : resources) {
      ServedKind kind = new ServedKind(r.kind(), r.ref().apiVersion(), r.kind().kind().toLowerCase(Locale.ROOT) + "s",
          !r.namespace().isEmpty());
      ObjectNode item = ((ObjectNode) r.object()).deepCopy();
      if (item.get("metadata") instanceof ObjectNode metadata) {
        metadata.put("uid", "6b5a3c1e-0d7e-4a53-9d43-8f2f1c0b7e21").put("resourceVersion", "48151623")
            .put("creationTimestamp", "2026-11-01T08:00:02Z").put("generation", 3);
        metadata.putArray("managedFields").addObject().put("manager", "kubectl").put("operation", "Update");
        if (metadata.get("annotations") instanceof ObjectNode annotations) {
          annotations.put("kubectl.kubernetes.io/last-applied-configuration", item.toString());
        }
      }
      assertReadAlike(r.ref().toString(), kind, item);
    }
  }

  @Test
  void keepsEveryKindOfValue() {
    ServedKind kind = new ServedKind(io.istiolint.api.Kind.of("networking.istio.io", "VirtualService"),
        "networking.istio.io/v1", "virtualservices", true);
    ObjectNode item = (ObjectNode) JsonMapper.shared().readTree("""
        {"metadata":{"name":"reviews","namespace":"shop","labels":{"app":"reviews"},
          "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
         "spec":{"hosts":["reviews"],"n":7,"big":9007199254740993,"huge":123456789012345678901234567890,
           "ratio":12.5,"tiny":1e-300,"yes":true,"none":null,"empty":{},"list":[],"nested":[[1,"a"],{"b":null}]},
         "status":{"conditions":[{"type":"Ready","status":"True"}]}}
        """);
    assertReadAlike("every kind of value", kind, item);
  }

  private void assertReadAlike(String what, ServedKind kind, ObjectNode item) {
    ObjectNode page = JsonMapper.shared().createObjectNode().put("apiVersion", kind.apiVersion())
        .put("kind", kind.kind().kind() + "List");
    page.putArray("items").add(item);
    GenericKubernetesResource served = serialization.unmarshal(
        new ByteArrayInputStream(JsonMapper.shared().writeValueAsBytes(page)), GenericKubernetesResourceList.class)
        .getItems().get(0);
    JsonNode direct = kind.whole(served, serialization);
    JsonNode viaTree = kind.whole(serialization.convertValue(served, ObjectNode.class));
    assertThat(direct).as(what).isEqualTo(viaTree);
    assertThat(direct.toString()).as(what).isEqualTo(viaTree.toString());
    assertThat(direct.path("metadata").has("managedFields")).as(what).isFalse();
    assertThat(direct.path("metadata").path("annotations").has("kubectl.kubernetes.io/last-applied-configuration"))
        .as(what).isFalse();
  }
}
