package io.istiolint.testdata.bench;

import io.istiolint.api.Finding;
import io.istiolint.cluster.ClusterInput;
import io.istiolint.cluster.ListedMesh;
import io.istiolint.engine.Engine;
import io.istiolint.engine.LintReport;
import io.istiolint.engine.Linter;
import io.istiolint.engine.LiveView;
import io.istiolint.engine.Policy;
import io.istiolint.engine.ResultStore;
import io.istiolint.engine.Snapshot;
import io.istiolint.index.Completeness;
import io.istiolint.load.InputCollector;
import io.istiolint.load.InputSource;
import io.istiolint.model.Resource;
import io.istiolint.report.JsonReporter;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import io.istiolint.testdata.Lint;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;

/**
 * The throughput harness of DESIGN §7, in-process and warm, over generated meshes of growing size: the server's
 * path (the mesh listed from an API server, read as the cluster watch reads it, the view built and every object
 * checked, as the admission webhook starts and the Config view shows), and the whole pipeline of a lint (load,
 * index and snapshot, every rule, the JSON report) against the floor of snakeyaml-engine composing the same
 * bytes. Each round also runs the lint's phases one after another, so that what follows reading YAML is visible
 * beside the whole. Not part of the normal test run (its name does not end in Test); run it with the
 * command in the README. Prints figures, asserts nothing about time.
 */
class ThroughputBenchmark {

  private static final int[] APPS_PER_NAMESPACE = {10, 100};
  private static final int NAMESPACES = 100;
  /** Rounds run first and not counted: on the large mesh the JIT is still compiling for a dozen rounds. */
  private static final int WARM_UP_ROUNDS = 10;
  /** Rounds counted; the figures are their medians. */
  private static final int ROUNDS = 7;

  /**
   * Wall and CPU seconds of one step, and the bytes it allocated; CPU and bytes are the process's (every thread,
   * the collector's CPU too): steady figures on a shared machine, where wall time is not.
   */
  private record Cost(double wall, double cpu, double allocatedMiB, double gcPauses) {
    static <T> Timed<T> of(Supplier<T> step) {
      // Each step starts as a starting server or CLI does, its heap holding nothing of earlier steps' (JMH's -gc).
      System.gc();
      long w0 = System.nanoTime();
      long c0 = processCpuNanos();
      long a0 = allocatedBytes();
      long g0 = gcMillis();
      T value = step.get();
      return new Timed<>(value, new Cost((System.nanoTime() - w0) / 1e9, (processCpuNanos() - c0) / 1e9,
          (allocatedBytes() - a0) / (1024.0 * 1024), (gcMillis() - g0) / 1e3));
    }

    Cost plus(Cost other) {
      return new Cost(wall + other.wall, cpu + other.cpu, allocatedMiB + other.allocatedMiB, gcPauses + other.gcPauses);
    }

    @Override
    public String toString() {
      return String.format("%.3f s (%.2f CPU-s, %,.0f MiB allocated, %.3f s in collections)", wall, cpu, allocatedMiB,
          gcPauses);
    }
  }

  private record Timed<T>(T value, Cost cost) {}

  /** One round's figures. */
  private record Round(Cost pipeline, Cost load, Cost snapshot, Cost rules, Cost report, Cost floor, Cost server) {
    Cost afterLoad() {
      return snapshot.plus(rules).plus(report);
    }
  }

  @Test
  void measure() throws Exception {
    CrdSchemaCatalog.bundledIstio().groups(); // CRD parsing is start-up cost, measured by the CLI benchmark
    System.out.println("in-process, warm (" + WARM_UP_ROUNDS + " rounds first, not counted); figures are medians of " + ROUNDS
        + " rounds, each step after a full collection");
    for (int apps : APPS_PER_NAMESPACE) {
      Path dir = Files.createTempDirectory("istiolint-bench");
      int resources = MeshGenerator.write(dir, NAMESPACES, apps);
      List<InputSource> sources = InputCollector.collect(List.of(dir.toString())).sources();
      long bytes = 0;
      for (InputSource s : sources) {
        bytes += Files.size(s.path());
      }
      Linter linter = BuiltInRules.linter();
      Engine engine = BuiltInRules.engine();
      ListedMesh listed = ListedMesh.of(Linter.load(sources, Lint.DEFAULT_OPTIONS).resources());
      // The server's rounds run first, apart: a webhook's JVM runs nothing else, and the collector sizes its
      // generations by what ran before (a lint's load and the compose floor make garbage at another rate).
      List<Cost> serverCosts = new ArrayList<>();
      int serverFindings = -1;
      for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
        Timed<Integer> server = Cost.of(() -> serverPath(listed));
        serverFindings = server.value();
        if (round >= WARM_UP_ROUNDS) {
          serverCosts.add(server.cost());
        }
      }
      List<Round> rounds = new ArrayList<>();
      LintReport.Summary summary = null;
      for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
        // Only figures are kept: what a run built must not stay reachable while the next one reads the mesh.
        Whole whole = whole(linter, sources);
        summary = whole.summary();
        Phases phases = phases(linter, engine, sources);
        if (phases.findings() != whole.findings()) {
          throw new AssertionError("the phases found " + phases.findings() + ", the pipeline " + whole.findings());
        }
        Timed<Void> floor = Cost.of(() -> compose(sources));
        if (serverFindings != whole.findings()) {
          throw new AssertionError("the server's path found " + serverFindings + ", the pipeline " + whole.findings());
        }
        if (round >= WARM_UP_ROUNDS) {
          rounds.add(new Round(whole.pipeline(), phases.load(), phases.snapshot(), phases.rules(), whole.report(),
              floor.cost(), serverCosts.get(round - WARM_UP_ROUNDS)));
        }
      }
      long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      String peakRss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
          .map(l -> l.substring("VmHWM:".length()).trim()).findFirst().orElse("unknown");
      System.out.printf("mesh: %,d resources, %,d bytes, %d files; findings: %d errors, %d warnings, %d infos; unverified %d%n",
          resources, bytes, sources.size(), summary.errors(), summary.warnings(), summary.infos(),
          summary.unverifiedReferences());
      for (int i = 0; i < rounds.size(); i++) {
        Round r = rounds.get(i);
        System.out.printf("  round %d: server's path %.3f s; pipeline %.3f s (%.3f s in collections); load %.3f, index+snapshot %.3f, rules %.3f, report %.3f; floor %.3f%n",
            i + 1, r.server().wall(), r.pipeline().wall(), r.pipeline().gcPauses(), r.load().wall(), r.snapshot().wall(),
            r.rules().wall(), r.report().wall(), r.floor().wall());
      }
      Round m = median(rounds);
      System.out.printf("  server's path (%d list pages as an API server answers them, read as the cluster watch reads them,"
          + " the view built and every object checked: the webhook's start and the Config view): %s = %,.0f resources/s%n",
          listed.pageCount(), m.server(), resources / m.server().wall());
      System.out.printf("  pipeline (load, index+snapshot, rules, report; snapshot and rules overlap): %s = %,.0f resources/s%n",
          m.pipeline(), resources / m.pipeline().wall());
      System.out.printf("  phases one after another: load %s; index+snapshot %s; rules %s; report %s%n",
          m.load(), m.snapshot(), m.rules(), m.report());
      System.out.printf("  after load (index+snapshot, rules, report: what follows reading YAML): %s = %,.0f resources/s%n",
          m.afterLoad(), resources / m.afterLoad().wall());
      System.out.printf("  compose floor %s (pipeline/floor %.2fx); heap in use %d MiB, peak RSS %s%n",
          m.floor(), m.pipeline().wall() / m.floor().wall(), heapUsed / (1024 * 1024), peakRss);
    }
  }

  /**
   * What the admission webhook runs when its informers have listed (and the Config view shows): the cluster
   * objects read from the API server's pages, the view built over them and every object checked, its results
   * kept per object. Returns the number of findings.
   */
  private static int serverPath(ListedMesh listed) {
    Linter.Cluster live = ClusterInput.of(listed.read());
    List<Resource> resources = new ArrayList<>(live.resources());
    resources.addAll(live.context());
    LiveView view = new LiveView(BuiltInRules.engine(), CrdSchemaCatalog.bundledIstio(), Lint.DEFAULT_OPTIONS, Policy.DEFAULT,
        new Completeness.Coverage(false, live.coverage()), resources);
    return view.checkAll().findings().size();
  }

  /** The whole pipeline's cost (the report's included), the report's alone, and what it found. */
  private record Whole(Cost pipeline, Cost report, LintReport.Summary summary, int findings) {}

  private static Whole whole(Linter linter, List<InputSource> sources) {
    Timed<LintReport> lint = Cost.of(() -> linter.lint(sources, Lint.DEFAULT_OPTIONS));
    Timed<Void> report = Cost.of(() -> writeJson(lint.value()));
    return new Whole(lint.cost().plus(report.cost()), report.cost(), lint.value().summary(), lint.value().findings().size());
  }

  /** The phases' costs, run one after another, and what they found. */
  private record Phases(Cost load, Cost snapshot, Cost rules, int findings) {}

  /** Runs the phases in a frame of their own: nothing they built stays reachable once they are measured. */
  private static Phases phases(Linter linter, Engine engine, List<InputSource> sources) {
    Timed<Linter.Loaded> loaded = Cost.of(() -> Linter.load(sources, Lint.DEFAULT_OPTIONS));
    Timed<Snapshot> snapshot = Cost.of(() -> linter.snapshot(loaded.value().resources(), Lint.DEFAULT_OPTIONS));
    Timed<List<Finding>> findings = Cost.of(() ->
        new ResultStore(engine, Policy.DEFAULT, snapshot.value(), loaded.value().documents()).findings());
    return new Phases(loaded.cost(), snapshot.cost(), findings.cost(), findings.value().size());
  }

  /** Each phase's median over the rounds, taken phase by phase. */
  private static Round median(List<Round> rounds) {
    return new Round(median(rounds, Round::pipeline), median(rounds, Round::load), median(rounds, Round::snapshot),
        median(rounds, Round::rules), median(rounds, Round::report), median(rounds, Round::floor), median(rounds, Round::server));
  }

  private static Cost median(List<Round> rounds, java.util.function.Function<Round, Cost> phase) {
    double[] wall = rounds.stream().map(phase).mapToDouble(Cost::wall).sorted().toArray();
    double[] cpu = rounds.stream().map(phase).mapToDouble(Cost::cpu).sorted().toArray();
    double[] allocated = rounds.stream().map(phase).mapToDouble(Cost::allocatedMiB).sorted().toArray();
    double[] gc = rounds.stream().map(phase).mapToDouble(Cost::gcPauses).sorted().toArray();
    return new Cost(wall[wall.length / 2], cpu[cpu.length / 2], allocated[allocated.length / 2], gc[gc.length / 2]);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Time the collectors spent in collections, all of them: stop-the-world pauses for the harness's ParallelGC. */
  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
  }

  private static Void writeJson(LintReport report) {
    try {
      new JsonReporter().write(report, Writer.nullWriter());
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Void compose(List<InputSource> sources) {
    for (InputSource s : sources) {
      try (Reader r = Files.newBufferedReader(s.path())) {
        new Compose(LoadSettings.builder().build()).composeAllFromReader(r).forEach(node -> { });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return null;
  }
}
