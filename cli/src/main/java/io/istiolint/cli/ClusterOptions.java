package io.istiolint.cli;

import io.istiolint.cluster.ClusterException;
import io.istiolint.cluster.ClusterInput;
import io.istiolint.cluster.ClusterReader;
import io.istiolint.cluster.ClusterSnapshot;
import io.istiolint.engine.Linter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How to read a live cluster ({@code --cluster} and its flags), shared by {@code lint} and {@code graph}. */
final class ClusterOptions {

  @Option(names = "--cluster",
      description = "Also read the live cluster (kubeconfig as kubectl finds it): its Istio objects, Services, workloads,"
          + " MeshConfig and proxy versions. Files given replace the cluster's objects of the same kind/namespace/name.")
  boolean cluster;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context to use (default: its current-context).")
  String context;

  @Option(names = {"-A", "--all-namespaces"},
      description = "With --cluster: read every namespace (default: the namespaces of -n, else the context's namespace).")
  boolean allNamespaces;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "With --cluster: the deadline for the whole read, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--no-secrets",
      description = "With --cluster: read no Secrets; Gateway credentials are then not checked (counted as unverified).")
  boolean noSecrets;

  /** Reads {@code 30s}, {@code 2m}, {@code 500ms}, {@code 1h}; a bare number is seconds. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
      Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (write 30s, 2m, 500ms)");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
  }

  /**
   * The cluster's objects when {@code --cluster} is given (after printing the read's warnings to {@code err}),
   * else null.
   *
   * @throws ClusterException when the cluster cannot be read (the caller exits with {@link Istiolint#IO_ERROR})
   */
  Linter.Cluster read(List<String> namespaces, PrintWriter err) throws ClusterException {
    if (!cluster) {
      return null;
    }
    ProgressLine progress = new ProgressLine(err);
    ClusterReader.Request request = new ClusterReader.Request(kubeconfig, context, namespaces, allNamespaces, timeout,
        !noSecrets, progress);
    ClusterSnapshot snapshot;
    try {
      snapshot = new ClusterReader().read(request);
    } finally {
      progress.clear();
    }
    snapshot.warnings().forEach(w -> err.println("istiolint: warning: " + w));
    return ClusterInput.of(snapshot);
  }

  /** A cluster flag given without {@code --cluster}, which would silently do nothing; null when there is none. */
  String flagNeedingCluster() {
    if (cluster) {
      return null;
    }
    if (kubeconfig != null) {
      return "--kubeconfig";
    }
    if (context != null) {
      return "--context";
    }
    if (allNamespaces) {
      return "-A";
    }
    return noSecrets ? "--no-secrets" : null;
  }

  /**
   * "reading cluster: 12/31 kinds, 4,200 objects" on one refreshed stderr line, only on a terminal and only once
   * the read has taken a second (a quick read prints nothing).
   */
  private static final class ProgressLine implements ClusterReader.Progress {
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private boolean shown;

    ProgressLine(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void update(int kindsDone, int kindsTotal, int objects) {
      if (!terminal || System.nanoTime() - start < 1_000_000_000L) {
        return;
      }
      err.print("\rreading cluster: " + kindsDone + "/" + kindsTotal + " kinds, " + String.format(Locale.ROOT, "%,d", objects) + " objects");
      err.flush();
      shown = true;
    }

    /** Erases the line, so that warnings and the report start on a clean one. */
    synchronized void clear() {
      if (shown) {
        err.print("\r\033[K");
        err.flush();
        shown = false;
      }
    }
  }
}
