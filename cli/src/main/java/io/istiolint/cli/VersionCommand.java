package io.istiolint.cli;

import io.istiolint.Version;
import io.istiolint.cluster.ClusterException;
import io.istiolint.engine.Linter;
import io.istiolint.mesh.ProxyVersionDiscovery;
import io.istiolint.model.Resource;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/**
 * {@code istiolint version}: the tool, the schemas it validates against, and the Java runtime; with
 * {@code --cluster}, also the cluster's Istio release as its CRDs and istiod show it.
 */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Prints the version of istiolint and of its Istio schemas; with --cluster, which schemas a lint of that cluster uses.")
final class VersionCommand implements Callable<Integer> {

  /** The namespace of istiod and of the Istio CRDs' release; its read is small. */
  private static final String ISTIO_SYSTEM = "istio-system";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  ClusterOptions cluster;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.println("istiolint " + Version.get());
    out.println("schemas: " + CrdSchemaCatalog.bundledIstio().source());
    out.println("java: " + Runtime.version());
    String stray = cluster.flagNeedingCluster();
    if (stray != null) {
      err.println("istiolint: " + stray + " reads a cluster: add --cluster");
      return Istiolint.USAGE;
    }
    if (!cluster.cluster) {
      return 0;
    }
    Linter.Cluster live;
    try {
      live = cluster.read(List.of(ISTIO_SYSTEM), err);
    } catch (ClusterException e) {
      err.println("istiolint: " + e.getMessage());
      return Istiolint.IO_ERROR;
    }
    out.println("cluster " + live.name() + " schemas: " + (live.crds().isEmpty()
        ? CrdSchemaCatalog.bundledIstio().source() + " (the cluster serves no Istio CRDs)"
        : "its own Istio CRDs (" + crdVersions(live.crds()) + "), used by lint --cluster"));
    List<Resource> read = new ArrayList<>(live.resources());
    read.addAll(live.context());
    TreeSet<String> istiod = new TreeSet<>(ProxyVersionDiscovery.find(read));
    out.println("cluster " + live.name() + " Istio: " + (istiod.isEmpty() ? "no istiod or proxy image found in " + ISTIO_SYSTEM
        : String.join(", ", istiod) + " (istiod and proxy images in " + ISTIO_SYSTEM + ")"));
    return 0;
  }

  /** "networking.istio.io v1, v1beta1, v1alpha3; telemetry.istio.io v1, v1alpha1": what the CRDs serve, by group. */
  private static String crdVersions(List<JsonNode> crds) {
    Map<String, Set<String>> byGroup = new TreeMap<>();
    for (JsonNode crd : crds) {
      String group = crd.path("spec").path("group").asString("");
      for (JsonNode version : crd.path("spec").path("versions").values()) {
        if (version.path("served").asBoolean(false)) {
          byGroup.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(version.path("name").asString(""));
        }
      }
    }
    return byGroup.entrySet().stream().map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("; "));
  }
}
