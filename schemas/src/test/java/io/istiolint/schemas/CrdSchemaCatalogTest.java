package io.istiolint.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import io.istiolint.schemas.CrdInfo.ServedVersion;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CrdSchemaCatalogTest {

  private static final SchemaCatalog CATALOG = CrdSchemaCatalog.bundledIstio();

  /** Kind → served versions (storage version marked with *), as listed in crd-all.gen.yaml of Istio 1.31. */
  private static final Map<String, List<String>> SERVED = new TreeMap<>(Map.ofEntries(
      Map.entry("extensions.istio.io/TrafficExtension", List.of("v1alpha1*")),
      Map.entry("extensions.istio.io/WasmPlugin", List.of("v1alpha1*")),
      Map.entry("networking.istio.io/DestinationRule", List.of("v1*", "v1alpha3", "v1beta1")),
      Map.entry("networking.istio.io/EnvoyFilter", List.of("v1alpha3*")),
      Map.entry("networking.istio.io/Gateway", List.of("v1*", "v1alpha3", "v1beta1")),
      Map.entry("networking.istio.io/ProxyConfig", List.of("v1beta1*")),
      Map.entry("networking.istio.io/ServiceEntry", List.of("v1*", "v1alpha3", "v1beta1")),
      Map.entry("networking.istio.io/Sidecar", List.of("v1*", "v1alpha3", "v1beta1")),
      Map.entry("networking.istio.io/VirtualService", List.of("v1*", "v1alpha3", "v1beta1")),
      Map.entry("networking.istio.io/WorkloadEntry", List.of("v1*", "v1alpha3", "v1beta1")),
      Map.entry("networking.istio.io/WorkloadGroup", List.of("v1*", "v1alpha3", "v1beta1")),
      Map.entry("security.istio.io/AuthorizationPolicy", List.of("v1*", "v1beta1")),
      Map.entry("security.istio.io/PeerAuthentication", List.of("v1*", "v1beta1")),
      Map.entry("security.istio.io/RequestAuthentication", List.of("v1*", "v1beta1")),
      Map.entry("telemetry.istio.io/Telemetry", List.of("v1", "v1alpha1*"))));

  @Test
  void indexesEveryBundledKindWithItsServedVersions() {
    Map<String, List<String>> indexed = new TreeMap<>();
    for (String group : CATALOG.groups()) {
      for (String kind : CATALOG.kinds(group)) {
        CrdInfo info = CATALOG.crd(group, kind).orElseThrow();
        assertThat(info.group()).isEqualTo(group);
        assertThat(info.kind()).isEqualTo(kind);
        assertThat(info.namespaced()).isTrue();
        indexed.put(group + "/" + kind,
            info.versions().stream().map(v -> v.name() + (v.storage() ? "*" : "")).sorted().toList());
      }
    }
    assertThat(indexed).isEqualTo(SERVED);
  }

  @Test
  void indexMatchesTheCrdFileDocumentByDocument() {
    List<JsonNode> crds = TestDocs.bundledCrdYaml();
    assertThat(crds).hasSize(SERVED.size());
    for (JsonNode crd : crds) {
      JsonNode spec = crd.path("spec");
      CrdInfo info = CATALOG.crd(spec.path("group").asString(""), spec.path("names").path("kind").asString("")).orElseThrow();
      assertThat(info.plural()).isEqualTo(spec.path("names").path("plural").asString(""));
      assertThat(info.versions()).hasSize(spec.path("versions").size());
    }
  }

  @Test
  void describesVirtualService() {
    CrdInfo info = CATALOG.crd("networking.istio.io", "VirtualService").orElseThrow();
    assertThat(info.plural()).isEqualTo("virtualservices");
    assertThat(info.version("v1")).contains(new ServedVersion("v1", true, false, null));
    assertThat(info.version("v1beta1")).contains(new ServedVersion("v1beta1", false, false, null));
    assertThat(info.version("v2")).isEmpty();
  }

  @Test
  void knowsNothingOfOtherKindsAndGroups() {
    assertThat(CATALOG.crd("networking.istio.io", "HTTPRoute")).isEmpty();
    assertThat(CATALOG.crd("gateway.networking.k8s.io", "Gateway")).isEmpty();
    assertThat(CATALOG.kinds("apps")).isEmpty();
    assertThat(CATALOG.groups())
        .containsExactly("extensions.istio.io", "networking.istio.io", "security.istio.io", "telemetry.istio.io");
  }

  @Test
  void refusesToValidateWhatIsNotServed() {
    JsonNode object = TestDocs.yaml("spec: {}");
    assertThatThrownBy(() -> CATALOG.validate("networking.istio.io", "v1", "EnvoyFilter", object))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("networking.istio.io/v1 EnvoyFilter is not served by Istio 1.31 CRDs (bundled)");
    assertThatThrownBy(() -> CATALOG.validate("networking.istio.io", "v1", "Route", object))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesItsSource() {
    assertThat(CATALOG.source()).isEqualTo("Istio 1.31 CRDs (bundled)");
    assertThat(CrdSchemaCatalog.bundledIstio()).isSameAs(CATALOG);
  }
}
