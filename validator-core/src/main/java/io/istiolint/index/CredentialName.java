package io.istiolint.index;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The Secret a Gateway's {@code tls.credentialName} names, as istiod resolves it: {@code name} or
 * {@code kubernetes://name} is read from the namespace of each gateway proxy; {@code ns/name},
 * {@code kubernetes://ns/name} and {@code kubernetes-gateway://ns/name} from {@code ns}.
 *
 * @param namespace the namespace the reference names, or null when it is the gateway proxy's own
 */
public record CredentialName(String namespace, String name) {

  /** The scheme of a credential held in a ConfigMap (a CA bundle), which names no Secret. */
  public static final String CONFIG_MAP_SCHEME = "configmap://";
  private static final String KUBERNETES = "kubernetes://";
  private static final String KUBERNETES_GATEWAY = "kubernetes-gateway://";

  /**
   * The Secret {@code raw} refers to; empty when it names none: {@code builtin://} (the proxy's own
   * workload certificate), {@code configmap://}, other schemes, or a malformed name.
   */
  public static Optional<CredentialName> parse(String raw) {
    String rest;
    if (raw.startsWith(KUBERNETES)) {
      rest = raw.substring(KUBERNETES.length());
    } else if (raw.startsWith(KUBERNETES_GATEWAY)) {
      rest = raw.substring(KUBERNETES_GATEWAY.length());
      if (!rest.contains("/")) {
        return Optional.empty();
      }
    } else if (raw.contains("://")) {
      return Optional.empty();
    } else {
      rest = raw;
    }
    String[] parts = rest.split("/", -1);
    if (parts.length == 1 && !parts[0].isEmpty()) {
      return Optional.of(new CredentialName(null, parts[0]));
    }
    if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
      return Optional.of(new CredentialName(parts[0], parts[1]));
    }
    return Optional.empty();
  }

  /** The namespaces the Secret is read from by proxies running in {@code proxyNamespaces}. */
  public List<String> namespacesFor(Collection<String> proxyNamespaces) {
    return namespace == null ? List.copyOf(proxyNamespaces) : List.of(namespace);
  }

  @Override
  public String toString() {
    return namespace == null ? name : namespace + "/" + name;
  }
}
