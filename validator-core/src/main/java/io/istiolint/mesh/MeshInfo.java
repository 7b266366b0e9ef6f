package io.istiolint.mesh;

import java.util.List;

/**
 * Facts about the mesh the configuration is meant for.
 *
 * @param proxyVersions       Istio proxy versions known to run in the mesh
 * @param proxyVersionsSource where they were learnt ("flags", "inputs", "cluster"), or "none"
 * @param domainSuffix        the cluster's DNS domain suffix
 */
public record MeshInfo(List<String> proxyVersions, String proxyVersionsSource, String domainSuffix) {

  /** Nothing known: Istio's own default domain suffix. */
  public static final MeshInfo UNKNOWN = new MeshInfo(List.of(), "none", "cluster.local");

  public MeshInfo {
    proxyVersions = List.copyOf(proxyVersions);
  }
}
