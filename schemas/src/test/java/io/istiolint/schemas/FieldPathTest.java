package io.istiolint.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {

  @Test
  void rendersDottedPathsQuotingOddNames() {
    assertThat(FieldPath.dotted(List.of("spec", "http", 0, "route", 12, "weight")))
        .isEqualTo("spec.http[0].route[12].weight");
    assertThat(FieldPath.dotted(List.of("metadata", "labels", "app.kubernetes.io/name")))
        .isEqualTo("metadata.labels[\"app.kubernetes.io/name\"]");
    assertThat(FieldPath.dotted(List.of("spec", "portLevelMtls", "8080"))).isEqualTo("spec.portLevelMtls[\"8080\"]");
    assertThat(FieldPath.subject(List.of())).isEqualTo("the resource");
    assertThat(FieldPath.where(List.of())).isEqualTo("at the top level");
    assertThat(FieldPath.where(List.of("spec"))).isEqualTo("in spec");
  }

  @Test
  void ordersSegmentWiseWithIndexesNumerically() {
    List<List<Object>> paths = new ArrayList<>(List.of(
        List.of("spec", "http", 10), List.of("spec", "http", 2, "route"), List.of("spec"),
        List.of("metadata", "name"), List.of("spec", "http", 2)));
    paths.sort(FieldPath.ORDER);
    assertThat(paths).containsExactly(List.of("metadata", "name"), List.of("spec"), List.of("spec", "http", 2),
        List.of("spec", "http", 2, "route"), List.of("spec", "http", 10));
  }
}
