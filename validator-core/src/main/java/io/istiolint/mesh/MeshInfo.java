package io.istiolint.mesh;

import java.util.List;

/**
 * Facts about the mesh the configuration is meant for.
 *
 * @param proxyVersions       Istio proxy versions known to run in the mesh
 * @param proxyVersionsSource where they were learnt ("flags", "inputs", "cluster"), or "none"
 * @param domainSuffix        the cluster's DNS domain suffix
 * @param rootNamespace       Istio's root namespace, whose config applies mesh-wide
 * @param defaultServiceExportTo         MeshConfig {@code defaultServiceExportTo} (Services, ServiceEntries)
 * @param defaultVirtualServiceExportTo  MeshConfig {@code defaultVirtualServiceExportTo}
 * @param defaultDestinationRuleExportTo MeshConfig {@code defaultDestinationRuleExportTo}
 */
public record MeshInfo(List<String> proxyVersions, String proxyVersionsSource, String domainSuffix, String rootNamespace,
    List<String> defaultServiceExportTo, List<String> defaultVirtualServiceExportTo, List<String> defaultDestinationRuleExportTo) {

  /** Nothing known: Istio's own defaults (everything exported everywhere, {@code cluster.local}, istio-system). */
  public static final MeshInfo DEFAULTS = new MeshInfo(List.of(), "none", "cluster.local", "istio-system",
      List.of("*"), List.of("*"), List.of("*"));

  public MeshInfo {
    proxyVersions = List.copyOf(proxyVersions);
    defaultServiceExportTo = List.copyOf(defaultServiceExportTo);
    defaultVirtualServiceExportTo = List.copyOf(defaultVirtualServiceExportTo);
    defaultDestinationRuleExportTo = List.copyOf(defaultDestinationRuleExportTo);
  }
}
