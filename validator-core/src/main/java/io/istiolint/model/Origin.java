package io.istiolint.model;

import io.istiolint.api.Location;
import io.istiolint.api.ResourceRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a resource was read from: a file (or standard input), a live cluster, or an admission request. Objects
 * with the same identity from different origins are merged by {@link io.istiolint.index.View}: a file's object
 * replaces the cluster's.
 *
 * @param name the file as the user named it, or the kubeconfig context of the cluster
 */
public record Origin(Type type, String name) {

  public enum Type { FILE, CLUSTER, ADMISSION }

  public static Origin file(String name) {
    return new Origin(Type.FILE, name);
  }

  public static Origin cluster(String context) {
    return new Origin(Type.CLUSTER, context);
  }

  /** The object of an admission request ({@code operation}: CREATE, UPDATE, DELETE). */
  public static Origin admission(String operation) {
    return new Origin(Type.ADMISSION, operation);
  }

  public boolean isCluster() {
    return type == Type.CLUSTER;
  }

  /**
   * Where findings on {@code ref} of a cluster point: {@code cluster://<context>/<namespace>/<Kind>/<name>} (no
   * namespace part for a cluster-scoped kind), the same for every path inside the object; for an admission
   * request's object {@code admission://<namespace>/<Kind>/<name>}.
   */
  public Location locationOf(ResourceRef ref) {
    String namespace = ref.namespace().isEmpty() ? "" : segment(ref.namespace()) + "/";
    String scheme = type == Type.ADMISSION ? Location.ADMISSION_SCHEME : Location.CLUSTER_SCHEME + segment(name) + "/";
    return Location.unpositioned(scheme + namespace + ref.kind() + "/" + segment(ref.name()));
  }

  /** A URI path segment: context names may hold ':', '@' or '/' (EKS ARNs, user@cluster). */
  private static String segment(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean unreserved = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
          || c == '_';
      if (!unreserved) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
      }
    }
    return text; // what the encoder leaves as it is (every Kubernetes name), without it
  }
}
