package io.istiolint.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.istiolint.api.Kind;
import io.istiolint.load.CompactTree;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A kind as the API server serves it, at the version it prefers.
 *
 * @param apiVersion group/version, "v1" for the core group
 * @param plural the resource name in paths
 */
record ServedKind(Kind kind, String apiVersion, String plural, boolean namespaced) {

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** The collection's path, in {@code namespace}, or cluster-wide when it is null or the kind is cluster-scoped. */
  String path(String namespace) {
    String prefix = kind.group().isEmpty() ? "/api/" + apiVersion : "/apis/" + apiVersion;
    return namespace == null || !namespaced ? prefix + "/" + plural : prefix + "/namespaces/" + namespace + "/" + plural;
  }

  /** kubectl's name for the resource: "services", "gateways.networking.istio.io". */
  String resource() {
    return kind.group().isEmpty() ? plural : plural + "." + kind.group();
  }

  /**
   * {@code item} as a whole object: apiVersion and kind first (list items lack them), then the rest as served,
   * without the managed fields and the last-applied annotation, which are large and tell a linter nothing; in the
   * compact form loaded files take ({@link CompactTree}), as it is kept for as long as the object exists.
   */
  ObjectNode whole(ObjectNode item) {
    ObjectNode whole = JsonNodeFactory.instance.objectNode();
    whole.put("apiVersion", apiVersion);
    whole.put("kind", kind.kind());
    item.remove("apiVersion");
    item.remove("kind");
    whole.setAll(item);
    if (whole.get("metadata") instanceof ObjectNode metadata) {
      trim(metadata);
    }
    return CompactTree.copyOf(whole);
  }

  /**
   * {@code resource} as an informer delivers it, made whole as {@link #whole(ObjectNode)} makes a listed item:
   * only its metadata (a typed object) goes through a Jackson tree; its other fields, plain maps and lists,
   * are copied compact directly, which on a large cluster is most of the work of reading it.
   */
  ObjectNode whole(GenericKubernetesResource resource, KubernetesSerialization serialization) {
    Map<String, Object> whole = new LinkedHashMap<>();
    whole.put("apiVersion", apiVersion);
    whole.put("kind", kind.kind());
    if (resource.getMetadata() != null) {
      ObjectNode metadata = serialization.convertValue(resource.getMetadata(), ObjectNode.class);
      trim(metadata);
      whole.put("metadata", metadata);
    }
    resource.getAdditionalProperties().forEach((field, value) -> {
      if (!field.equals("apiVersion") && !field.equals("kind") && !field.equals("metadata")) {
        whole.put(field, value);
      }
    });
    return (ObjectNode) CompactTree.ofValue(whole);
  }

  /** Drops the managed fields and the last-applied annotation. */
  private static void trim(ObjectNode metadata) {
    metadata.remove("managedFields");
    if (metadata.get("annotations") instanceof ObjectNode annotations) {
      annotations.remove(LAST_APPLIED);
      if (annotations.isEmpty()) {
        metadata.remove("annotations");
      }
    }
  }
}
