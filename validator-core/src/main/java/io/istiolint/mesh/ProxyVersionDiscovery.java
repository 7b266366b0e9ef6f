package io.istiolint.mesh;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import io.istiolint.api.Kind;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Learns the proxy versions of a mesh from its manifests: the image tags of {@code istio-proxy} / {@code proxyv2}
 * containers and of the {@code sidecar.istio.io/proxyImage} annotation in Pods and pod templates, the image tag
 * of istiod ({@code pilot}: the version it injects into new sidecars), {@code spec.tag} of IstioOperators, and
 * the chart version of a gateway rendered from Istio's {@code gateway} Helm chart, whose proxy image is
 * {@code auto} (filled in by injection, so the tag says nothing).
 */
public final class ProxyVersionDiscovery {

  static final String PROXY_IMAGE_ANNOTATION = "sidecar.istio.io/proxyImage";

  private static final Kind[] TEMPLATE_KINDS = {Kind.DEPLOYMENT, Kind.STATEFUL_SET, Kind.DAEMON_SET, Kind.REPLICA_SET, Kind.JOB};

  /** The kinds that can show a proxy version: the only objects {@link #find} needs to be given. */
  public static final List<Kind> SHOWING_KINDS = List.of(Kind.ISTIO_OPERATOR, Kind.POD, Kind.CRON_JOB, Kind.DEPLOYMENT,
      Kind.STATEFUL_SET, Kind.DAEMON_SET, Kind.REPLICA_SET, Kind.JOB);

  /** Variant suffixes of Istio image tags that are not part of the version a proxy reports. */
  private static final List<String> VARIANTS = List.of("-distroless", "-debug");

  /** The {@code helm.sh/chart} label value prefix of Istio's gateway chart ({@code gateway-1.24.2}). */
  private static final String GATEWAY_CHART = "gateway-";

  private ProxyVersionDiscovery() {}

  /**
   * The versions rules see: {@code given} (flags, config) if it names any, else those found in
   * {@code resources}, else {@link ProxyVersions#ASSUMED}. Their source says whether files ("inputs"), a cluster
   * ("cluster") or both ("inputs and cluster") showed them.
   */
  public static ProxyVersions resolve(ProxyVersions given, Collection<Resource> resources) {
    if (given.isKnown()) {
      return given;
    }
    List<String> inFiles = find(resources.stream().filter(r -> !r.origin().isCluster()).toList());
    List<String> inCluster = find(resources.stream().filter(r -> r.origin().isCluster()).toList());
    List<String> found = new ArrayList<>(inFiles);
    found.addAll(inCluster);
    String source = inCluster.isEmpty() ? "inputs" : inFiles.isEmpty() ? "cluster" : "inputs and cluster";
    return found.isEmpty() ? ProxyVersions.ASSUMED : ProxyVersions.of(found, source);
  }

  /** Every proxy version the resources show, in no particular order, possibly repeated. */
  public static List<String> find(Collection<Resource> resources) {
    List<String> versions = new ArrayList<>();
    for (Resource r : resources) {
      if (r.kind().equals(Kind.ISTIO_OPERATOR)) {
        normalize(Json.text(r.spec().path("tag"), "")).ifPresent(versions::add);
        continue;
      }
      JsonNode template = podTemplate(r);
      if (template.isMissingNode()) {
        continue;
      }
      versionOfImage(Json.text(template.path("metadata").path("annotations").path(PROXY_IMAGE_ANNOTATION), ""))
          .ifPresent(versions::add);
      for (String list : List.of("containers", "initContainers")) {
        for (JsonNode container : Json.items(template.path("spec").path(list))) {
          String image = Json.text(container.path("image"), "");
          String repository = repositoryName(image);
          boolean proxy = "istio-proxy".equals(Json.text(container.path("name"), "")) || repository.equals("proxyv2");
          if (proxy || repository.equals("pilot")) {
            versionOfImage(image).ifPresent(versions::add);
          }
          if (proxy && image.equals("auto")) {
            gatewayChartVersion(r).ifPresent(versions::add);
          }
        }
      }
    }
    return versions;
  }

  /** The Istio version in an image reference's tag ({@code docker.io/istio/proxyv2:1.30.3-distroless} → 1.30.3). */
  public static Optional<String> versionOfImage(String image) {
    int digest = image.indexOf('@');
    String ref = digest < 0 ? image : image.substring(0, digest);
    int colon = ref.lastIndexOf(':');
    if (colon < 0 || colon < ref.lastIndexOf('/')) {
      return Optional.empty();
    }
    return normalize(ref.substring(colon + 1));
  }

  /** The version of Istio's gateway chart a workload was rendered from, by its {@code helm.sh/chart} label. */
  private static Optional<String> gatewayChartVersion(Resource r) {
    String chart = Json.text(r.object().path("metadata").path("labels").path("helm.sh/chart"), "");
    return chart.startsWith(GATEWAY_CHART) ? normalize(chart.substring(GATEWAY_CHART.length())) : Optional.empty();
  }

  private static Optional<String> normalize(String tag) {
    String version = tag;
    for (String variant : VARIANTS) {
      if (version.endsWith(variant)) {
        version = version.substring(0, version.length() - variant.length());
      }
    }
    // A tag names a full release; a bare "1.30" tag is not a version a proxy reports.
    return ProxyVersions.isVersion(version) && !ProxyVersions.isMinorLine(version) ? Optional.of(version) : Optional.empty();
  }

  private static String repositoryName(String image) {
    int digest = image.indexOf('@');
    String ref = digest < 0 ? image : image.substring(0, digest);
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      ref = ref.substring(0, colon);
    }
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** The pod (template) with {@code metadata} and {@code spec}, or a missing node for other kinds. */
  private static JsonNode podTemplate(Resource r) {
    if (r.kind().equals(Kind.POD)) {
      return r.object();
    }
    if (r.kind().equals(Kind.CRON_JOB)) {
      return r.spec().path("jobTemplate").path("spec").path("template");
    }
    for (Kind k : TEMPLATE_KINDS) {
      if (r.kind().equals(k)) {
        return r.spec().path("template");
      }
    }
    return MissingNode.getInstance();
  }
}
