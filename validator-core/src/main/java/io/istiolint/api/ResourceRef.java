package io.istiolint.api;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identifies a resource the way the API server does: apiVersion as written, kind, namespace ("" for
 * cluster-scoped kinds) and name.
 */
public record ResourceRef(String apiVersion, String kind, String namespace, String name) {

  /** A mixing multiplier (the golden ratio in 32 bits) for hashes of several strings. */
  public static final int HASH_MIX = 0x9E3779B1;

  /**
   * The record's own hash (31·h + …) collides wholesale in a mesh of numbered names: {@code team-12/app-21}
   * and {@code team-21/app-12} hash alike, and hash maps of tens of thousands of refs degrade to lists.
   */
  @Override
  public int hashCode() {
    int h = Objects.hashCode(apiVersion);
    h = h * HASH_MIX + Objects.hashCode(kind);
    h = h * HASH_MIX + Objects.hashCode(namespace);
    return h * HASH_MIX + Objects.hashCode(name);
  }

  // Written out, as Kind's are: the generated equals goes through method handles that C1 does not inline.
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof ResourceRef other && Objects.equals(name, other.name)
        && Objects.equals(namespace, other.namespace) && Objects.equals(kind, other.kind)
        && Objects.equals(apiVersion, other.apiVersion);
  }

  /**
   * Each apiVersion's kinds, as {@link #kindRef} reads them: rules ask for the kind of the refs at the ends of
   * graph edges many times per object. Bounded, so that inputs of arbitrary kinds cannot grow it.
   */
  private static final Map<String, Map<String, Kind>> KINDS = new ConcurrentHashMap<>();
  private static final int MAX_VERSIONS = 128;
  private static final int MAX_KINDS = 128;

  public Kind kindRef() {
    Map<String, Kind> ofVersion = KINDS.get(apiVersion);
    Kind known = ofVersion == null ? null : ofVersion.get(kind);
    if (known != null) {
      return known;
    }
    Kind read = kindOf(apiVersion, kind);
    if (KINDS.size() < MAX_VERSIONS) {
      Map<String, Kind> kinds = KINDS.computeIfAbsent(apiVersion, v -> new ConcurrentHashMap<>());
      if (kinds.size() < MAX_KINDS) {
        kinds.putIfAbsent(kind, read);
      }
    }
    return read;
  }

  private static Kind kindOf(String apiVersion, String kind) {
    String group = Kind.groupOf(apiVersion);
    // extensions/v1beta1 served the same Deployments, DaemonSets and ReplicaSets as apps/v1 (one stored object).
    if (group.equals("extensions") && (kind.equals("Deployment") || kind.equals("DaemonSet") || kind.equals("ReplicaSet"))) {
      group = "apps";
    }
    return Kind.of(group, kind);
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
