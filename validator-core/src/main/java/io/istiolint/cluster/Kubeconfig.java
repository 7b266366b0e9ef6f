package io.istiolint.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The kubeconfig context a read uses, chosen as kubectl chooses it: the given file, else the files of
 * {@code KUBECONFIG}, else {@code ~/.kube/config}, else the pod's service account; the given context, else
 * the current one.
 *
 * @param config the client settings of that context
 * @param context the context's name ("in-cluster" for a service account)
 * @param namespace the context's namespace, else "default"
 */
record Kubeconfig(Config config, String context, String namespace) {

  /** The context {@code context} (null: the current one) of {@code file} (null: found as kubectl does). */
  static Kubeconfig load(Path file, String context) throws ClusterException {
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new ClusterException("kubeconfig " + file + " not found");
      }
      return of(file.toString(), parse(file.toString(), () -> Config.fromKubeconfig(context, file.toFile())), context);
    }
    List<String> files = Config.getKubeconfigFilenames().stream().filter(f -> new File(f).isFile()).toList();
    if (!files.isEmpty()) {
      String source = String.join(File.pathSeparator, files);
      return of(source, parse(source, () -> Config.autoConfigure(context)), context);
    }
    if (context != null || System.getenv("KUBERNETES_SERVICE_HOST") == null) {
      throw new ClusterException("no kubeconfig found (" + String.join(File.pathSeparator, Config.getKubeconfigFilenames())
          + "): set KUBECONFIG or pass --kubeconfig");
    }
    Config inCluster = Config.autoConfigure(null);
    return new Kubeconfig(inCluster, "in-cluster", namespaceOf(inCluster));
  }

  private static Config parse(String source, Supplier<Config> parser) throws ClusterException {
    try {
      return parser.get();
    } catch (RuntimeException e) {
      throw new ClusterException("cannot read kubeconfig " + source + ": " + rootMessage(e));
    }
  }

  private static Kubeconfig of(String source, Config config, String context) throws ClusterException {
    List<String> names = config.getContexts().stream().map(NamedContext::getName).toList();
    String known = names.isEmpty() ? "it has no contexts" : "contexts: " + String.join(", ", names);
    // fabric8 falls back to the current context when the one asked for is missing; kubectl refuses, and so do we.
    if (context != null && !names.contains(context)) {
      throw new ClusterException("context \"" + context + "\" not found in kubeconfig " + source + " (" + known + ")");
    }
    NamedContext current = config.getCurrentContext();
    if (current == null) {
      throw new ClusterException("kubeconfig " + source + " sets no current-context: pass --context (" + known + ")");
    }
    return new Kubeconfig(config, current.getName(), namespaceOf(config));
  }

  private static String namespaceOf(Config config) {
    String namespace = config.getNamespace();
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }

  /** The innermost message, first line only: fabric8 wraps the YAML parser's error, which spans lines. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }
}
