package io.istiolint.testdata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.engine.LintReport;
import io.istiolint.load.InputCollector;
import io.istiolint.testdata.Lint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's mesh is valid: a realistic config at scale must give no finding at all. */
class MeshGeneratorTest {

  @TempDir
  Path dir;

  @Test
  void generatedMeshIsClean() throws Exception {
    int resources = MeshGenerator.write(dir, 3, 4);
    LintReport report = Lint.run(InputCollector.collect(List.of(dir.toString())).sources());
    assertThat(report.summary().resources()).isEqualTo(resources).isEqualTo(MeshGenerator.MESH_WIDE_RESOURCES
        + 3 * (MeshGenerator.RESOURCES_PER_NAMESPACE + 4 * MeshGenerator.RESOURCES_PER_APP));
    assertThat(report.findings()).isEmpty();
  }
}
