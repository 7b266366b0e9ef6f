package io.istiolint.mesh;

import java.util.List;

/**
 * Facts about the mesh the configuration is meant for: which proxy versions run in it, its MeshConfig, and
 * the cluster's DNS domain suffix.
 */
public record MeshInfo(ProxyVersions proxies, MeshConfig config, String domainSuffix) {

  /** Nothing known: Istio's own defaults ({@code cluster.local}, Istio's default MeshConfig). */
  public static final MeshInfo DEFAULTS = new MeshInfo(ProxyVersions.NONE, MeshConfig.DEFAULTS, "cluster.local");

  /** Istio proxy versions known to run in the mesh. */
  public List<String> proxyVersions() {
    return proxies.versions();
  }

  /** The same facts with other proxy versions. */
  public MeshInfo withProxies(ProxyVersions versions) {
    return new MeshInfo(versions, config, domainSuffix);
  }

  /** Where the proxy versions were learnt ("flags", "inputs", "cluster", "inputs and cluster"), "default" when assumed, or "none". */
  public String proxyVersionsSource() {
    return proxies.source();
  }

  /** Istio's root namespace, whose config applies mesh-wide. */
  public String rootNamespace() {
    return config.rootNamespace();
  }

  public List<String> defaultServiceExportTo() {
    return config.defaultServiceExportTo();
  }

  public List<String> defaultVirtualServiceExportTo() {
    return config.defaultVirtualServiceExportTo();
  }

  public List<String> defaultDestinationRuleExportTo() {
    return config.defaultDestinationRuleExportTo();
  }
}
