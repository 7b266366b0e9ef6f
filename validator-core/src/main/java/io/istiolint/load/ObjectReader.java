package io.istiolint.load;

import io.istiolint.api.Location;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Origin;
import io.istiolint.model.Resource;
import io.istiolint.model.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns object trees into {@link Resource}s, the same way whatever they were read from (a file, standard input,
 * a cluster, an admission request): a {@code List} is its items, an object needs apiVersion, kind and
 * metadata.name, and a namespaced object without a namespace takes the default one, as {@code kubectl -n} does.
 */
public final class ObjectReader {

  /** Kubernetes kinds without a namespace; everything else (Istio kinds included) is namespaced. */
  private static final Set<String> CLUSTER_SCOPED = Set.of(
      "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
      "StorageClass", "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
      "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "IngressClass", "APIService", "CSIDriver",
      "CSINode", "RuntimeClass", "VolumeAttachment", "GatewayClass", "CertificateSigningRequest",
      "ClusterIssuer", "PodSecurityPolicy");

  /** Why a tree (or an item of a list) is not a Kubernetes object; {@code at} is relative to the tree read. */
  public record Rejection(YamlPath at, String message, String hint) {}

  /**
   * What one tree held.
   *
   * @param bases where each resource starts in the tree (the root, or {@code items[i]} of a list)
   */
  public record Objects(List<Resource> resources, List<YamlPath> bases, List<Rejection> rejections) {}

  private final String defaultNamespace;

  public ObjectReader(String defaultNamespace) {
    this.defaultNamespace = defaultNamespace;
  }

  /**
   * The resources of {@code root}: itself, or the items of a {@code kind: List}. {@code positions} gives the
   * source map of a resource from where it starts in the tree (files) or from its identity (a cluster's).
   */
  public Objects read(JsonNode root, Origin origin, BiFunction<YamlPath, ResourceRef, SourceMap> positions) {
    List<Resource> resources = new ArrayList<>();
    List<YamlPath> bases = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    if (isList(root)) {
      JsonNode items = root.get("items");
      for (int i = 0; i < items.size(); i++) {
        read(items.get(i), YamlPath.ROOT.field("items").index(i), origin, positions, resources, bases, rejections);
      }
    } else {
      read(root, YamlPath.ROOT, origin, positions, resources, bases, rejections);
    }
    return new Objects(resources, bases, rejections);
  }

  /**
   * The resources of an object that has no text (read from a cluster or an admission request): every path in
   * it is located at the object's address ({@link Origin#locationOf}).
   */
  public Objects read(JsonNode root, Origin origin) {
    return read(root, origin, (base, ref) -> {
      Location at = origin.locationOf(ref);
      return path -> at;
    });
  }

  /** {@code kind: List} (and typed lists such as {@code ServiceList}) as written by {@code kubectl get -o yaml}. */
  private static boolean isList(JsonNode root) {
    return root.isObject() && root.path("kind").asString("").endsWith("List") && root.path("items").isArray();
  }

  private void read(JsonNode node, YamlPath base, Origin origin, BiFunction<YamlPath, ResourceRef, SourceMap> positions,
      List<Resource> resources, List<YamlPath> bases, List<Rejection> rejections) {
    String what = base.isRoot() ? "the document" : "item " + base;
    if (!node.isObject()) {
      String found = node.isArray() ? "a list" : "a plain value";
      rejections.add(new Rejection(base, what + " is " + found + ", not a Kubernetes object",
          "a manifest is a mapping with apiVersion, kind and metadata.name"));
      return;
    }
    String missing = firstMissing(node);
    String miscased = missing == null || missing.contains(".") ? null : miscasedKey(node, missing);
    if (miscased != null) {
      rejections.add(new Rejection(base.field(miscased).key(), what + " has `" + miscased + "` where Kubernetes needs `"
          + missing + "` (keys are case-sensitive), so it is not a Kubernetes object", "write `" + missing + "`"));
      return;
    }
    if (missing != null) {
      rejections.add(new Rejection(base, what + " has no " + missing + ", so it is not a Kubernetes object",
          "a manifest needs apiVersion, kind and metadata.name (each a non-empty string)"));
      return;
    }
    String kind = node.get("kind").asString("");
    JsonNode namespace = node.path("metadata").path("namespace");
    String effectiveNamespace = CLUSTER_SCOPED.contains(kind) ? ""
        : namespace.isString() && !namespace.stringValue().isEmpty() ? namespace.stringValue() : defaultNamespace;
    ResourceRef ref = new ResourceRef(node.get("apiVersion").asString(""), kind, effectiveNamespace,
        node.path("metadata").path("name").asString(""));
    resources.add(new Resource(ref, (ObjectNode) node, positions.apply(base, ref), origin));
    bases.add(base);
  }

  private static String firstMissing(JsonNode node) {
    if (!nonEmptyText(node.get("apiVersion"))) {
      return "apiVersion";
    }
    if (!nonEmptyText(node.get("kind"))) {
      return "kind";
    }
    if (isIstioOperator(node)) {
      return null; // an istioctl install input: metadata is optional there
    }
    if (!node.path("metadata").isObject()) {
      return "metadata";
    }
    if (!nonEmptyText(node.path("metadata").get("name"))) {
      return "metadata.name";
    }
    return null;
  }

  /** A top-level key that differs from {@code wanted} only in case ({@code apiversion}, {@code Kind}), if any. */
  private static String miscasedKey(JsonNode node, String wanted) {
    for (String name : node.propertyNames()) {
      if (!name.equals(wanted) && name.equalsIgnoreCase(wanted)) {
        return name;
      }
    }
    return null;
  }

  private static boolean isIstioOperator(JsonNode node) {
    return node.get("apiVersion").asString("").startsWith("install.istio.io/") && node.get("kind").asString("").equals("IstioOperator");
  }

  private static boolean nonEmptyText(JsonNode node) {
    return node != null && node.isString() && !node.asString("").isBlank();
  }
}
