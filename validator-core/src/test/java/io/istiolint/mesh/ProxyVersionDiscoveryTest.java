package io.istiolint.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istiolint.load.TestInputs;
import io.istiolint.model.Resource;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where proxy versions come from, and how they are written. */
class ProxyVersionDiscoveryTest {

  @TempDir
  Path dir;

  private List<Resource> load(String yaml) throws IOException {
    return TestInputs.resources(Files.writeString(dir.resolve("in.yaml"), yaml));
  }

  @Test
  void findsProxyImagesIstiodAndIstioOperator() throws IOException {
    List<Resource> resources = load("""
        apiVersion: v1
        kind: Pod
        metadata: {name: reviews, namespace: shop}
        spec:
          containers:
          - {name: reviews, image: docker.io/istio/examples-bookinfo-reviews-v1:1.20.3}
          - {name: istio-proxy, image: "gcr.io/istio-release/proxyv2:1.29.6-distroless@sha256:abc"}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: ratings, namespace: shop}
        spec:
          template:
            metadata:
              annotations: {sidecar.istio.io/proxyImage: "docker.io/istio/proxyv2:1.28.10"}
            spec:
              initContainers:
              - {name: istio-init, image: "docker.io/istio/proxyv2:1.28.10"}
              containers:
              - {name: ratings, image: "docker.io/istio/examples-bookinfo-ratings-v1:1.20.3"}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: istiod, namespace: istio-system}
        spec:
          template:
            spec:
              containers:
              - {name: discovery, image: "docker.io/istio/pilot:1.30.3"}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: istio-ingressgateway, namespace: istio-system}
        spec:
          template:
            spec:
              containers:
              - {name: istio-proxy, image: auto}
        ---
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: control-plane, namespace: istio-system}
        spec: {tag: 1.31.0-rc.0}
        """);
    ProxyVersions found = ProxyVersionDiscovery.resolve(ProxyVersions.NONE, resources);
    assertThat(found.versions()).containsExactly("1.28.10", "1.29.6", "1.30.3", "1.31.0-rc.0");
    assertThat(found.source()).isEqualTo("inputs");
    assertThat(found.assumed()).isFalse();
  }

  @Test
  void anInjectedGatewayFromIstiosGatewayChartHasTheChartVersion() throws IOException {
    List<Resource> resources = load("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: istio-ingress
          namespace: istio-ingress
          labels: {helm.sh/chart: gateway-1.24.2, app.kubernetes.io/version: "1.24.2"}
        spec:
          template:
            spec:
              containers:
              - {name: istio-proxy, image: auto}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api-gateway
          namespace: shop
          labels: {helm.sh/chart: api-gateway-3.0.1}
        spec:
          template:
            spec:
              containers:
              - {name: istio-proxy, image: auto}
        """);
    assertThat(ProxyVersionDiscovery.find(resources)).containsExactly("1.24.2");
  }

  @Test
  void flagsWinOverInputsAndNothingMeansTheAssumedDefault() throws IOException {
    List<Resource> resources = load("""
        apiVersion: v1
        kind: Pod
        metadata: {name: reviews}
        spec:
          containers:
          - {name: istio-proxy, image: "docker.io/istio/proxyv2:1.29.6"}
        """);
    ProxyVersions flags = ProxyVersions.of(List.of("1.30.3"), "flags");
    assertThat(ProxyVersionDiscovery.resolve(flags, resources)).isEqualTo(flags);
    ProxyVersions none = ProxyVersionDiscovery.resolve(ProxyVersions.NONE, List.of());
    assertThat(none.assumed()).isTrue();
    assertThat(none.versions()).containsExactly(ProxyVersions.DEFAULT_VERSION);
  }

  @Test
  void theAssumedVersionIsTheReleaseOfTheBundledSchemas() {
    assertThat(CrdSchemaCatalog.bundledIstio().source()).contains("Istio " + ProxyVersions.DEFAULT_VERSION + " ");
  }

  @Test
  void versionsAreSortedNumericallyWithoutDuplicates() {
    assertThat(ProxyVersions.of(List.of("1.10.0", "1.9.3", "1.10", "1.9.3"), "flags").versions())
        .containsExactly("1.9.3", "1.10", "1.10.0");
    assertThatThrownBy(() -> ProxyVersions.of(List.of("latest"), "flags")).hasMessageContaining("'latest'");
  }

  @ParameterizedTest
  @CsvSource({"docker.io/istio/proxyv2:1.30.3, 1.30.3", "proxyv2:1.30.3-debug, 1.30.3", "localhost:5000/istio/proxyv2, ''",
      "istio/proxyv2:latest, ''", "istio/proxyv2:1.30, ''"})
  void versionOfImageTag(String image, String version) {
    assertThat(ProxyVersionDiscovery.versionOfImage(image).orElse("")).isEqualTo(version);
  }
}
