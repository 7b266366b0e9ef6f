package io.istiolint.mesh;

import java.util.List;
import java.util.Optional;

/**
 * What one MeshConfig source sets (a {@code --mesh-config} file, an {@code istio} ConfigMap, an
 * IstioOperator's {@code spec.meshConfig}); an empty Optional is a field it leaves alone.
 *
 * @param origin    "file" or "inputs"
 * @param installer true for an IstioOperator, whose MeshConfig the installer completes with its own defaults
 */
public record MeshConfigLayer(String origin, boolean installer, Optional<String> rootNamespace,
    Optional<List<String>> defaultServiceExportTo, Optional<List<String>> defaultVirtualServiceExportTo,
    Optional<List<String>> defaultDestinationRuleExportTo, List<ExtensionProvider> extensionProviders,
    Optional<DefaultProvidersLayer> defaultProviders) {

  /** The {@code defaultProviders} lists a source sets. */
  public record DefaultProvidersLayer(Optional<List<String>> metrics, Optional<List<String>> tracing,
      Optional<List<String>> accessLogging) {}

  public MeshConfigLayer {
    extensionProviders = List.copyOf(extensionProviders);
  }
}
