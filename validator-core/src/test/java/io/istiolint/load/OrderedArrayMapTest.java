package io.istiolint.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.model.Document;
import io.istiolint.model.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The field map of loaded mappings behaves as the {@code LinkedHashMap} Jackson would otherwise use. */
class OrderedArrayMapTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path dir;

  @Test
  void randomEditsMatchALinkedHashMap() {
    Random random = new Random(14);
    for (int round = 0; round < 200; round++) {
      OrderedArrayMap<Integer> compact = new OrderedArrayMap<>();
      Map<String, Integer> reference = new LinkedHashMap<>();
      int keys = 1 + random.nextInt(40); // small maps are scanned, larger ones hashed: both are crossed
      for (int step = 0; step < 120; step++) {
        String key = new String("k" + random.nextInt(keys)); // equal keys, not the same instance
        int value = random.nextInt(5);
        switch (random.nextInt(20)) {
          case 0, 1, 2, 3, 4, 5, 6, 7, 8 -> assertThat(compact.put(key, value)).isEqualTo(reference.put(key, value));
          case 9, 10, 11 -> assertThat(compact.remove(key)).isEqualTo(reference.remove(key));
          case 12, 13, 14 -> assertThat(compact.putIfAbsent(key, value)).isEqualTo(reference.putIfAbsent(key, value));
          case 15 -> { // the key filter starts again empty
            compact.clear();
            reference.clear();
          }
          default -> removeEveryOther(compact.entrySet().iterator(), reference.entrySet().iterator());
        }
        assertThat(compact.get(key)).isEqualTo(reference.get(key));
        assertThat(compact.containsKey(key)).isEqualTo(reference.containsKey(key));
        assertThat(new ArrayList<>(compact.entrySet())).containsExactlyElementsOf(new ArrayList<>(reference.entrySet()));
        assertThat(new ArrayList<>(compact.values())).containsExactlyElementsOf(reference.values());
        assertThat(compact).isEqualTo(reference);
        assertThat(reference).isEqualTo(compact);
        assertThat(compact.hashCode()).isEqualTo(reference.hashCode());
        assertThat(compact.toString()).isEqualTo(reference.toString());
      }
      compact.trim();
      assertThat(compact).isEqualTo(reference);
    }
  }

  private static void removeEveryOther(Iterator<?> compact, Iterator<?> reference) {
    for (int i = 0; compact.hasNext(); i++) {
      assertThat(compact.next()).isEqualTo(reference.next());
      if (i % 2 == 0) {
        compact.remove();
        reference.remove();
      }
    }
    assertThat(reference.hasNext()).isFalse();
  }

  @Test
  void entriesWriteThroughWhileTheirKeyIsThere() {
    OrderedArrayMap<Integer> map = new OrderedArrayMap<>();
    map.put("a", 1);
    map.put("b", 2);
    Map.Entry<String, Integer> b = map.entrySet().stream().filter(e -> e.getKey().equals("b")).findFirst().orElseThrow();
    map.remove("a");
    b.setValue(3);
    assertThat(map).containsExactly(Map.entry("b", 3));
    map.remove("b");
    b.setValue(4);
    assertThat(map).isEmpty();
  }

  @Test
  void loadedTreesRoundTripThroughJacksonAndEqualItsOwnTrees() throws IOException {
    Path file = dir.resolve("vs.yaml");
    StringBuilder hosts = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      hosts.append("    h").append(i).append(": {port: ").append(9000 + i).append(", on: yes}\n"); // a hashed map
    }
    Files.writeString(file, """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, labels: {app: reviews, z: "1", a: 2}}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v1}
              weight: 100
          extra:
        """ + hosts);
    List<Document> documents = TestInputs.documents(file);
    Resource resource = documents.get(0).resources().get(0);
    ObjectNode loaded = (ObjectNode) resource.object();

    // Jackson's own copy keeps its fields in LinkedHashMaps (and the same value nodes: longs stay longs).
    ObjectNode reference = loaded.deepCopy();
    assertThat(reference).isEqualTo(loaded);
    assertThat(loaded).isEqualTo(reference);
    assertThat(loaded.hashCode()).isEqualTo(reference.hashCode());
    String json = JSON.writeValueAsString(loaded);
    assertThat(JSON.writeValueAsString(reference)).isEqualTo(json); // field order survives
    assertThat(JSON.writeValueAsString(JSON.readTree(json))).isEqualTo(json);

    // Edits through Jackson's API land where they land in Jackson's own tree.
    ObjectNode copy = reference;
    for (ObjectNode tree : List.of(loaded, copy)) {
      tree.put("added", "x");
      tree.remove("kind");
      ((ObjectNode) tree.get("metadata")).set("name", tree.get("apiVersion"));
      ((ObjectNode) tree.get("spec").get("extra")).properties().removeIf(e -> e.getKey().endsWith("1"));
    }
    assertThat(JSON.writeValueAsString(loaded)).isEqualTo(JSON.writeValueAsString(copy));
    assertThat(loaded).isEqualTo(copy);
  }
}
