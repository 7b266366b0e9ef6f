package io.istiolint.api;

/**
 * Identifies a resource the way the API server does: apiVersion as written, kind, namespace ("" for
 * cluster-scoped kinds) and name.
 */
public record ResourceRef(String apiVersion, String kind, String namespace, String name) {

  public Kind kindRef() {
    return new Kind(Kind.groupOf(apiVersion), kind);
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
