package io.istiolint.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Kind;
import org.junit.jupiter.api.Test;

/** Kinds are named in the plural in unverified reasons ("no Gateways loaded for namespace shop"). */
class CompletenessPluralTest {

  @Test
  void aVowelBeforeTheYKeepsIt() {
    assertThat(Completeness.plural(Kind.GATEWAY)).isEqualTo("Gateways");
    assertThat(Completeness.plural(Kind.KUBERNETES_GATEWAY)).isEqualTo("Gateways");
  }

  @Test
  void aConsonantBeforeTheYMakesIes() {
    assertThat(Completeness.plural(Kind.TELEMETRY)).isEqualTo("Telemetries");
    assertThat(Completeness.plural(Kind.SERVICE_ENTRY)).isEqualTo("ServiceEntries");
  }

  @Test
  void otherKindsTakeAnS() {
    assertThat(Completeness.plural(Kind.SERVICE)).isEqualTo("Services");
  }
}
