package io.istiolint.api;

/**
 * Identifies a resource the way the API server does: apiVersion as written, kind, namespace ("" for
 * cluster-scoped kinds) and name.
 */
public record ResourceRef(String apiVersion, String kind, String namespace, String name) {

  public Kind kindRef() {
    String group = Kind.groupOf(apiVersion);
    // extensions/v1beta1 served the same Deployments, DaemonSets and ReplicaSets as apps/v1 (one stored object).
    if (group.equals("extensions") && (kind.equals("Deployment") || kind.equals("DaemonSet") || kind.equals("ReplicaSet"))) {
      group = "apps";
    }
    return new Kind(group, kind);
  }

  /**
   * "Kind ns/name", or "Kind name" when cluster-scoped; used in human-readable output. Only an
   * IstioOperator (an istioctl input) may have no name.
   */
  public String displayName() {
    String shownName = name.isEmpty() ? "(unnamed)" : name;
    return namespace.isEmpty() ? kind + " " + shownName : kind + " " + namespace + "/" + shownName;
  }
}
