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

  @Test
  void pathsSharingAPrefixCompareBySegments() {
    YamlPath route = YamlPath.of("spec", "http", 0);
    YamlPath mirror = route.field("mirror").field("host");
    assertThat(mirror).isEqualTo(YamlPath.of("spec", "http", 0, "mirror", "host")).isNotEqualTo(route.field("route").field("host"))
        .isNotEqualTo(YamlPath.of("spec", "http", 1, "mirror", "host"));
    assertThat(mirror.contains("mirror")).isTrue();
    assertThat(mirror.contains(0)).isTrue();
    assertThat(mirror.contains("route")).isFalse();
    assertThat(YamlPath.ROOT.contains("spec")).isFalse();
    assertThat(mirror.segments()).containsExactly("spec", "http", 0, "mirror", "host");
    assertThat(mirror.parent().parent()).isSameAs(route.field("mirror").parent());
    assertThat(route.field("b").compareTo(route.field("a"))).isPositive();
    assertThat(route.compareTo(route.field("a"))).isNegative();
    assertThat(YamlPath.of("spec", "x").key().resolve(YamlPath.ROOT)).isEqualTo(YamlPath.of("spec", "x"));
    assertThat(YamlPath.of("items", 1).resolve(YamlPath.of("spec", "x").key())).isEqualTo(YamlPath.of("items", 1, "spec", "x").key());
  }
}
