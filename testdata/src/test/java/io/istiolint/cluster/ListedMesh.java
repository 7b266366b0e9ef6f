package io.istiolint.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.istiolint.api.Kind;
import io.istiolint.model.Resource;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A mesh as a cluster's informers deliver it, for the throughput harness: the list pages an API server would
 * answer ({@link ApiServer}'s page size, items without apiVersion and kind, with the uid, resourceVersion and
 * creation time a cluster gives every object), read as {@link ClusterWatch} reads them (fabric8 parses each
 * page into generic resources, which become Jackson trees made whole by {@link ServedKind#whole}), into the
 * snapshot its listener is given. A test source in this package for {@link ServedKind}, the reader's own.
 */
public final class ListedMesh {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Instant CREATED = Instant.parse("2026-11-01T08:00:00Z");

  private final Map<ServedKind, List<byte[]>> pages;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  private ListedMesh(Map<ServedKind, List<byte[]>> pages) {
    this.pages = pages;
  }

  /** The list pages of {@code resources} (as loaded from files), each kind at the version the files give. */
  public static ListedMesh of(List<Resource> resources) {
    Map<ServedKind, List<ObjectNode>> items = new LinkedHashMap<>();
    int created = 0;
    for (Resource r : resources) {
      ServedKind kind = new ServedKind(r.kind(), r.ref().apiVersion(), r.kind().kind().toLowerCase(Locale.ROOT) + "s",
          !r.namespace().isEmpty());
      ObjectNode item = ((ObjectNode) r.object()).deepCopy();
      item.remove("apiVersion");
      item.remove("kind");
      ObjectNode metadata = (ObjectNode) item.path("metadata");
      metadata.put("uid", UUID.nameUUIDFromBytes(r.ref().toString().getBytes()).toString());
      metadata.put("resourceVersion", Integer.toString(1000 + created));
      metadata.put("creationTimestamp", CREATED.plusSeconds(created++).toString());
      items.computeIfAbsent(kind, k -> new ArrayList<>()).add(item);
    }
    Map<ServedKind, List<byte[]>> pages = new LinkedHashMap<>();
    items.forEach((kind, objects) -> {
      for (int from = 0; from < objects.size(); from += ApiServer.PAGE_SIZE) {
        ObjectNode page = NODES.objectNode();
        page.put("apiVersion", kind.apiVersion());
        page.put("kind", kind.kind().kind() + "List");
        page.putObject("metadata").put("resourceVersion", "99999");
        ArrayNode list = page.putArray("items");
        objects.subList(from, Math.min(objects.size(), from + ApiServer.PAGE_SIZE)).forEach(list::add);
        pages.computeIfAbsent(kind, k -> new ArrayList<>()).add(JsonMapper.shared().writeValueAsBytes(page));
      }
    });
    return new ListedMesh(pages);
  }

  /**
   * Every page read as the informers read them, each kind's beside the others' (every informer lists on its
   * own): the snapshot the webhook's view is built from.
   */
  public ClusterSnapshot read() {
    List<ObjectNode> objects = pages.entrySet().parallelStream().flatMap(kindPages -> {
      ServedKind kind = kindPages.getKey();
      List<ObjectNode> read = new ArrayList<>();
      for (byte[] body : kindPages.getValue()) {
        GenericKubernetesResourceList list = serialization.unmarshal(new ByteArrayInputStream(body),
            GenericKubernetesResourceList.class);
        for (GenericKubernetesResource r : list.getItems()) {
          read.add(kind.whole(r, serialization));
        }
      }
      return read.stream();
    }).toList();
    Map<Kind, String> versions = new LinkedHashMap<>();
    pages.keySet().forEach(k -> versions.put(k.kind(), k.apiVersion()));
    Stream.of(ClusterReader.LISTED, ClusterReader.ISTIO_KNOWN).flatMap(List::stream)
        .forEach(k -> versions.putIfAbsent(k, k.group().isEmpty() ? "v1" : k.group() + "/v1"));
    List<KindRead> kinds = new ArrayList<>();
    versions.forEach((kind, version) -> kinds.add(new KindRead(kind, version, true, Set.of(), null, null)));
    return new ClusterSnapshot("https://127.0.0.1:6443", "bench", List.of(), objects, kinds, List.of(), List.of());
  }

  /** The number of list pages. */
  public int pageCount() {
    return pages.values().stream().mapToInt(List::size).sum();
  }
}
