package io.istiolint.mesh;

import java.util.List;

/**
 * The Istio proxy versions known to run in the mesh, and where they were learnt.
 *
 * @param source "flags", "inputs", "cluster", or "none"
 */
public record ProxyVersions(List<String> versions, String source) {

  public static final ProxyVersions NONE = new ProxyVersions(List.of(), "none");

  public ProxyVersions {
    versions = List.copyOf(versions);
  }
}
