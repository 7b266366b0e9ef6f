package io.istiolint.rules.common;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.RuleContext;
import io.istiolint.hosts.ExportTo;
import io.istiolint.hosts.Hosts;
import io.istiolint.index.Workload;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the proxies of a namespace import, per the Sidecar that applies to the whole namespace: its own
 * selector-less Sidecar, else the root namespace's; without one, everything exported to the namespace.
 * Sidecars with a workloadSelector only narrow or widen it for some workloads and are not considered.
 */
public final class SidecarImports {

  /** A namespace standing for "any namespace with nothing of its own". */
  private static final String OTHER = "";

  private SidecarImports() {}

  /**
   * True when, in some namespace of {@code namespaces}, the namespace-wide Sidecar imports every one of
   * {@code hosts} (declaring namespace → FQDN), or no Sidecar restricts imports.
   */
  public static boolean someNamespaceImportsAll(Set<String> namespaces, List<Map.Entry<String, String>> hosts, RuleContext ctx) {
    Set<String> candidates = new LinkedHashSet<>();
    if (namespaces.contains(ExportTo.ALL)) {
      hosts.forEach(h -> candidates.add(h.getKey()));
      candidates.add(OTHER);
      ctx.index().ofKind(Kind.SIDECAR).stream().filter(SidecarImports::isNamespaceWide).forEach(s -> candidates.add(s.namespace()));
    } else {
      candidates.addAll(namespaces);
    }
    for (String namespace : candidates) {
      Optional<Resource> sidecar = namespaceWide(namespace, ctx);
      if (sidecar.isEmpty() || hosts.stream().allMatch(h -> imports(sidecar.get(), namespace, h.getKey(), h.getValue()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The namespace-wide Sidecar of {@code proxyNamespace} when it imports none of {@code fqdns} as declared in
   * {@code configNamespace}; empty when it imports one, or no Sidecar restricts imports.
   */
  public static Optional<Resource> excludingAll(String proxyNamespace, String configNamespace, List<String> fqdns, RuleContext ctx) {
    Optional<Resource> sidecar = namespaceWide(proxyNamespace, ctx);
    if (sidecar.isPresent()) { // asked for every destination of every object: no stream
      for (String fqdn : fqdns) {
        if (imports(sidecar.get(), proxyNamespace, configNamespace, fqdn)) {
          return Optional.empty();
        }
      }
    }
    return sidecar;
  }

  private static Optional<Resource> namespaceWide(String namespace, RuleContext ctx) {
    // Asked per namespace, not of every Sidecar: a check asks it for each destination and client namespace.
    Optional<Resource> own = firstNamespaceWide(ctx.index().ofKind(Kind.SIDECAR, namespace));
    return own.isPresent() ? own : firstNamespaceWide(ctx.index().ofKind(Kind.SIDECAR, ctx.mesh().rootNamespace()));
  }

  private static Optional<Resource> firstNamespaceWide(List<Resource> sidecars) {
    return sidecars.stream().filter(SidecarImports::isNamespaceWide).findFirst();
  }

  private static boolean isNamespaceWide(Resource sidecar) {
    return Workload.selectorOf(sidecar).isEmpty();
  }

  /**
   * True when {@code sidecar}, applied to proxies of {@code proxyNamespace} ({@code .} stands for that
   * namespace), imports {@code fqdn} as declared in {@code configNamespace}. No egress imports everything.
   */
  static boolean imports(Resource sidecar, String proxyNamespace, String configNamespace, String fqdn) {
    List<JsonNode> egress = Json.items(sidecar.spec().path("egress"));
    if (egress.isEmpty()) {
      return true;
    }
    for (JsonNode listener : egress) {
      for (JsonNode entry : Json.items(listener.path("hosts"))) {
        String text = Json.text(entry, "");
        int slash = text.indexOf('/');
        if (slash <= 0) {
          continue;
        }
        String ns = text.substring(0, slash);
        String dns = text.substring(slash + 1);
        boolean namespaceMatches = ns.equals("*") || ns.equals(configNamespace) || ns.equals(".") && proxyNamespace.equals(configNamespace);
        if (namespaceMatches && (dns.equals("*") || Hosts.overlap(dns, fqdn))) {
          return true;
        }
      }
    }
    return false;
  }
}
