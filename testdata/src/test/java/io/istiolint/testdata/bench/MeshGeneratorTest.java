package io.istiolint.testdata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.engine.LintReport;
import io.istiolint.engine.Linter;
import io.istiolint.load.InputCollector;
import io.istiolint.load.LoadLimits;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
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
    LintReport report = new Linter(BuiltInRules.engine(), CrdSchemaCatalog.bundledIstio())
        .lint(InputCollector.collect(List.of(dir.toString())).sources(),
            new Linter.Options("default", LoadLimits.DEFAULT, false, MeshInfo.DEFAULTS, List.of()));
    assertThat(report.summary().resources()).isEqualTo(resources).isEqualTo(MeshGenerator.MESH_WIDE_RESOURCES
        + 3 * (MeshGenerator.RESOURCES_PER_NAMESPACE + 4 * MeshGenerator.RESOURCES_PER_APP));
    assertThat(report.findings()).isEmpty();
  }
}
