package io.istiolint.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The credentialName forms istiod understands, and the Secret each one names. */
class CredentialNameTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(nullValues = "null", value = {
      "shop-cert, null, shop-cert",
      "certs/shop-cert, certs, shop-cert",
      "kubernetes://shop-cert, null, shop-cert",
      "kubernetes://certs/shop-cert, certs, shop-cert",
      "kubernetes-gateway://certs/shop-cert, certs, shop-cert"})
  void namesASecret(String raw, String namespace, String name) {
    assertThat(CredentialName.parse(raw)).contains(new CredentialName(namespace, name));
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource({"builtin://", "configmap://certs/ca", "kubernetes-gateway://shop-cert", "a/b/c", "/shop-cert", "certs/", "''"})
  void namesNoSecret(String raw) {
    assertThat(CredentialName.parse(raw)).isEmpty();
  }

  @ParameterizedTest(name = "{0} read by a proxy in istio-system → {1}")
  @CsvSource({"shop-cert, istio-system", "certs/shop-cert, certs"})
  void namespaceOfTheReadingProxy(String raw, String namespace) {
    assertThat(CredentialName.parse(raw).orElseThrow().namespacesFor(List.of("istio-system"))).containsExactly(namespace);
  }
}
