package io.istiolint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class YamlPathTest {

  @Test
  void printsDottedWithIndexesAndQuotesOddFields() {
    assertThat(YamlPath.of("spec", "http", 0, "route", 1, "destination", "subset"))
        .hasToString("spec.http[0].route[1].destination.subset");
    assertThat(YamlPath.of("metadata", "annotations", "sidecar.istio.io/inject"))
        .hasToString("metadata.annotations[\"sidecar.istio.io/inject\"]");
    assertThat(YamlPath.ROOT).hasToString("");
  }

  @Test
  void keyPathsAreDistinctButPrintAlike() {
    YamlPath value = YamlPath.of("spec", "retires");
    assertThat(value.key()).isNotEqualTo(value).hasToString(value.toString());
    assertThat(value.key().pointsAtKey()).isTrue();
    assertThat(value.key().parent()).isEqualTo(YamlPath.of("spec"));
  }

  @Test
  void resolveJoinsPaths() {
    assertThat(YamlPath.of("items", 2).resolve(YamlPath.of("spec", "host"))).isEqualTo(YamlPath.of("items", 2, "spec", "host"));
  }

  @Test
  void ofBuildsThePathOfItsSegmentsAppendedOneByOne() {
    YamlPath appended = YamlPath.ROOT.field("spec").field("http").index(0).field("route");
    assertThat(YamlPath.of("spec", "http", 0, "route")).isEqualTo(appended).hasSameHashCodeAs(appended)
        .hasToString("spec.http[0].route");
    assertThat(YamlPath.of()).isEqualTo(YamlPath.ROOT);
    assertThatThrownBy(() -> YamlPath.of("spec", -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
