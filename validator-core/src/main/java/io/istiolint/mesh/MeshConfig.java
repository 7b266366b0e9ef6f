package io.istiolint.mesh;

import java.util.List;

/**
 * The parts of Istio's MeshConfig that change what configuration means.
 *
 * @param rootNamespace                  Istio's root namespace, whose config applies mesh-wide
 * @param defaultServiceExportTo         {@code defaultServiceExportTo} (Services, ServiceEntries)
 * @param defaultVirtualServiceExportTo  {@code defaultVirtualServiceExportTo}
 * @param defaultDestinationRuleExportTo {@code defaultDestinationRuleExportTo}
 */
public record MeshConfig(String rootNamespace, List<String> defaultServiceExportTo, List<String> defaultVirtualServiceExportTo,
    List<String> defaultDestinationRuleExportTo) {

  /** Istio's defaults: root namespace istio-system, everything exported everywhere. */
  public static final MeshConfig DEFAULTS = new MeshConfig("istio-system", List.of("*"), List.of("*"), List.of("*"));

  public MeshConfig {
    defaultServiceExportTo = List.copyOf(defaultServiceExportTo);
    defaultVirtualServiceExportTo = List.copyOf(defaultVirtualServiceExportTo);
    defaultDestinationRuleExportTo = List.copyOf(defaultDestinationRuleExportTo);
  }
}
