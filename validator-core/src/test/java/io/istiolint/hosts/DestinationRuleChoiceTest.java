package io.istiolint.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.YamlPath;
import io.istiolint.hosts.HostResolver.RuleChoice;
import io.istiolint.hosts.HostResolver.Status;
import io.istiolint.index.Completeness;
import io.istiolint.index.ResourceIndex;
import io.istiolint.load.TestInputs;
import io.istiolint.mesh.MeshInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** istiod's choice of DestinationRule per client namespace, and how gateway references are read. */
class DestinationRuleChoiceTest {

  @TempDir
  static Path dir;

  static HostResolver resolver;

  @BeforeAll
  static void mesh() throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: cart, namespace: shop}
        spec: {host: cart, subsets: [{name: v1, labels: {version: v1}}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: cart-v2, namespace: shop}
        spec: {host: cart.shop.svc.cluster.local, subsets: [{name: v2, labels: {version: v2}}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: payments, namespace: shop}
        spec: {host: payments, exportTo: ["."]}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: shop-wide, namespace: frontend}
        spec: {host: "*.shop.svc.cluster.local", trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: mesh-wide, namespace: istio-system}
        spec: {host: "*.local", trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}
        """);
    resolver = new HostResolver(new ResourceIndex(TestInputs.resources(file), Completeness.Coverage.files(false)), MeshInfo.DEFAULTS);
  }

  @ParameterizedTest(name = "{0} from {1} → {3}")
  @CsvSource(delimiter = '|', textBlock = """
      # host                                | client   | service ns | status     | chosen
      cart.shop.svc.cluster.local           | shop     | shop       | FOUND      | shop/cart shop/cart-v2
      cart.shop.svc.cluster.local           | frontend | shop       | FOUND      | frontend/shop-wide
      cart.shop.svc.cluster.local           | admin    | shop       | UNVERIFIED |
      payments.shop.svc.cluster.local       | shop     | shop       | FOUND      | shop/payments
      payments.shop.svc.cluster.local       | frontend | shop       | FOUND      | frontend/shop-wide
      payments.shop.svc.cluster.local       | istio-system | shop   | FOUND      | istio-system/mesh-wide
      reviews.bookinfo.svc.cluster.local    | istio-system | bookinfo | FOUND    | istio-system/mesh-wide
      reviews.bookinfo.svc.cluster.local    | shop     | bookinfo   | UNVERIFIED |
      """)
  void choosesLikeIstiod(String fqdn, String client, String serviceNamespace, Status status, String chosen) {
    RuleChoice choice = resolver.destinationRulesFor(fqdn, client, serviceNamespace);
    assertThat(choice.status()).isEqualTo(status);
    String names = choice.rules().stream().map(r -> r.namespace() + "/" + r.name()).collect(Collectors.joining(" "));
    assertThat(names).isEqualTo(chosen == null ? "" : chosen);
  }

  @ParameterizedTest(name = "{0} in {1} → {2}")
  @CsvSource(delimiter = '|', textBlock = """
      bookinfo-gateway                                 | bookinfo | bookinfo/bookinfo-gateway
      istio-system/bookinfo-gateway                    | bookinfo | istio-system/bookinfo-gateway
      ./bookinfo-gateway                               | bookinfo | bookinfo/bookinfo-gateway
      bookinfo-gateway.istio-system                    | bookinfo | istio-system/bookinfo-gateway
      bookinfo-gateway.istio-system.svc.cluster.local  | bookinfo | istio-system/bookinfo-gateway
      mesh                                             | bookinfo |
      /gw                                              | bookinfo |
      """)
  void readsGatewayReferences(String written, String from, String key) {
    assertThat(GatewayRefs.parse(YamlPath.ROOT, written, from).map(GatewayRefs.GatewayRef::key).orElse(null)).isEqualTo(key);
  }
}
