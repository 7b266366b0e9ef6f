package io.istiolint.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of Istio's MeshConfig that change what configuration means.
 *
 * @param rootNamespace                  Istio's root namespace, whose config applies mesh-wide
 * @param defaultServiceExportTo         {@code defaultServiceExportTo} (Services, ServiceEntries)
 * @param defaultVirtualServiceExportTo  {@code defaultVirtualServiceExportTo}
 * @param defaultDestinationRuleExportTo {@code defaultDestinationRuleExportTo}
 * @param extensionProviders             {@code extensionProviders}, Istio's built-in ones included
 * @param defaultProviders               {@code defaultProviders}
 * @param source                         where it was learnt: "defaults" (nothing given), "inputs" (an
 *                                       {@code istio} ConfigMap or IstioOperator among the inputs), "file"
 *                                       ({@code --mesh-config}), "inputs+file", or "complete"
 *                                       (none among inputs declared complete: Istio's defaults hold)
 */
public record MeshConfig(String rootNamespace, List<String> defaultServiceExportTo, List<String> defaultVirtualServiceExportTo,
    List<String> defaultDestinationRuleExportTo, List<ExtensionProvider> extensionProviders, DefaultProviders defaultProviders,
    String source) {

  /** {@code defaultProviders}: the providers a Telemetry entry without {@code providers} uses. */
  public record DefaultProviders(List<String> metrics, List<String> tracing, List<String> accessLogging) {

    public static final DefaultProviders NONE = new DefaultProviders(List.of(), List.of(), List.of());

    public DefaultProviders {
      metrics = List.copyOf(metrics);
      tracing = List.copyOf(tracing);
      accessLogging = List.copyOf(accessLogging);
    }
  }

  /** The providers every istiod defines, whatever its MeshConfig says (a MeshConfig may redefine them). */
  public static final List<ExtensionProvider> BUILT_IN_PROVIDERS = List.of(
      new ExtensionProvider("prometheus", ExtensionProvider.Type.PROMETHEUS),
      new ExtensionProvider("stackdriver", ExtensionProvider.Type.STACKDRIVER),
      new ExtensionProvider("envoy", ExtensionProvider.Type.ENVOY_FILE_ACCESS_LOG));

  /** What Istio's standard installation sets: Prometheus metrics by default, nothing else. */
  public static final DefaultProviders INSTALL_DEFAULT_PROVIDERS = new DefaultProviders(List.of("prometheus"), List.of(), List.of());

  /**
   * Istio's defaults: root namespace istio-system, everything exported everywhere, the built-in providers and
   * the standard installation's default providers.
   */
  public static final MeshConfig DEFAULTS = new MeshConfig("istio-system", List.of("*"), List.of("*"), List.of("*"),
      BUILT_IN_PROVIDERS, INSTALL_DEFAULT_PROVIDERS, "defaults");

  public MeshConfig {
    defaultServiceExportTo = List.copyOf(defaultServiceExportTo);
    defaultVirtualServiceExportTo = List.copyOf(defaultVirtualServiceExportTo);
    defaultDestinationRuleExportTo = List.copyOf(defaultDestinationRuleExportTo);
    extensionProviders = List.copyOf(extensionProviders);
  }

  /** False when no MeshConfig was given: its providers are Istio's defaults, the real mesh may define more. */
  public boolean known() {
    return !source.equals("defaults");
  }

  /** The same MeshConfig, learnt from {@code source}. */
  public MeshConfig withSource(String source) {
    return new MeshConfig(rootNamespace, defaultServiceExportTo, defaultVirtualServiceExportTo, defaultDestinationRuleExportTo,
        extensionProviders, defaultProviders, source);
  }

  /** The extension provider called {@code name}. */
  public Optional<ExtensionProvider> provider(String name) {
    return extensionProviders.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * This MeshConfig with {@code layer} applied on top, as istiod applies a MeshConfig onto its defaults: the
   * fields the layer sets replace these, extension providers are merged by name (the layer's kind wins).
   */
  public MeshConfig with(MeshConfigLayer layer) {
    List<ExtensionProvider> providers = new ArrayList<>(extensionProviders);
    for (ExtensionProvider p : layer.extensionProviders()) {
      int i = indexOf(providers, p.name());
      if (i >= 0) {
        providers.set(i, p);
      } else {
        providers.add(p);
      }
    }
    DefaultProviders defaults = defaultProviders;
    if (layer.defaultProviders().isPresent()) {
      MeshConfigLayer.DefaultProvidersLayer d = layer.defaultProviders().get();
      // The installer drops its own default (Prometheus metrics) as soon as defaultProviders is given.
      DefaultProviders base = layer.installer() ? DefaultProviders.NONE : defaultProviders;
      defaults = new DefaultProviders(d.metrics().orElse(base.metrics()), d.tracing().orElse(base.tracing()),
          d.accessLogging().orElse(base.accessLogging()));
    }
    String learnt = known() && !source.equals(layer.origin()) ? source + "+" + layer.origin() : layer.origin();
    return new MeshConfig(layer.rootNamespace().orElse(rootNamespace),
        layer.defaultServiceExportTo().orElse(defaultServiceExportTo),
        layer.defaultVirtualServiceExportTo().orElse(defaultVirtualServiceExportTo),
        layer.defaultDestinationRuleExportTo().orElse(defaultDestinationRuleExportTo),
        providers, defaults, learnt);
  }

  private static int indexOf(List<ExtensionProvider> providers, String name) {
    for (int i = 0; i < providers.size(); i++) {
      if (providers.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
