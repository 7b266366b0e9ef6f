package io.istiolint.testdata.bench;

import io.istiolint.engine.LintReport;
import io.istiolint.engine.Linter;
import io.istiolint.load.InputCollector;
import io.istiolint.load.InputSource;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import io.istiolint.testdata.Lint;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;

/**
 * The throughput harness of DESIGN §7: the whole pipeline (load, schema, every rule, report) over generated
 * meshes of growing size, against the floor of snakeyaml-engine composing the same bytes. Not part of the
 * normal test run (its name does not end in Test); run it with the command in the README. Prints figures,
 * asserts nothing about time.
 */
class ThroughputBenchmark {

  private static final int[] APPS_PER_NAMESPACE = {10, 100};
  private static final int NAMESPACES = 100;
  private static final int ROUNDS = 3;

  @Test
  void measure() throws Exception {
    CrdSchemaCatalog.bundledIstio().groups(); // CRD parsing is start-up cost, measured by the CLI benchmark
    for (int apps : APPS_PER_NAMESPACE) {
      Path dir = Files.createTempDirectory("istiolint-bench");
      int resources = MeshGenerator.write(dir, NAMESPACES, apps);
      List<InputSource> sources = InputCollector.collect(List.of(dir.toString())).sources();
      long bytes = 0;
      for (InputSource s : sources) {
        bytes += Files.size(s.path());
      }
      Linter linter = BuiltInRules.linter();
      double best = Double.MAX_VALUE;
      double composeBest = Double.MAX_VALUE;
      LintReport.Summary summary = null;
      for (int round = 0; round < ROUNDS; round++) {
        long t0 = System.nanoTime();
        // Only the summary is kept: a round's report must not stay reachable while the next one runs.
        summary = linter.lint(sources, Lint.DEFAULT_OPTIONS).summary();
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        long c0 = System.nanoTime();
        for (InputSource s : sources) {
          try (Reader r = Files.newBufferedReader(s.path())) {
            new Compose(LoadSettings.builder().build()).composeAllFromReader(r).forEach(node -> { });
          }
        }
        composeBest = Math.min(composeBest, (System.nanoTime() - c0) / 1e9);
      }
      long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      String peakRss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
          .map(l -> l.substring("VmHWM:".length()).trim()).findFirst().orElse("unknown");
      System.out.printf("mesh: %,d resources, %,d bytes, %d files; findings: %d errors, %d warnings, %d infos; unverified %d%n",
          resources, bytes, sources.size(), summary.errors(), summary.warnings(), summary.infos(),
          summary.unverifiedReferences());
      System.out.printf("  pipeline: %.3f s best of %d = %,.0f resources/s; compose floor %.3f s (pipeline/floor %.2fx); heap in use %d MiB, peak RSS %s%n",
          best, ROUNDS, resources / best, composeBest, best / composeBest, heapUsed / (1024 * 1024), peakRss);
    }
  }
}
