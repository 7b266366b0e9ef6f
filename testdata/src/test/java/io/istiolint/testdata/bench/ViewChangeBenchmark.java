package io.istiolint.testdata.bench;

import io.istiolint.api.Kind;
import io.istiolint.engine.LiveView;
import io.istiolint.engine.Policy;
import io.istiolint.engine.ResultStore;
import io.istiolint.index.Completeness;
import io.istiolint.engine.Linter;
import io.istiolint.load.InputCollector;
import io.istiolint.load.ObjectReader;
import io.istiolint.model.Origin;
import io.istiolint.model.Resource;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import io.istiolint.testdata.Lint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one informer event costs the webhook's live view in cluster mode (in-process, warm: the server's path,
 * not the CLI's): the generated mesh of 50,403 resources as the view, then single-object changes of four kinds
 * applied as the webhook applies them (laid over the view, {@link LiveView#changed}, and the results updated
 * for what the change can affect), against building the view anew from every object as the webhook did before
 * (the same results update after it). Not part of the normal test run; run it with the command in the README.
 * Prints figures, asserts nothing about time.
 */
class ViewChangeBenchmark {

  private static final int ROUNDS = 7;

  private record Change(String what, Kind kind, Consumer<ObjectNode> edit) {}

  private static final List<Change> CHANGES = List.of(
      new Change("DestinationRule: a subset renamed", Kind.DESTINATION_RULE,
          o -> ((ObjectNode) o.withObject("spec").withArray("subsets").get(1)).put("name", "v9")),
      new Change("VirtualService: a route's subset changed", Kind.VIRTUAL_SERVICE,
          o -> ((ObjectNode) o.withObject("spec").withArray("http").get(0).withArray("route").get(0)).withObject("destination")
              .put("subset", "v1")),
      new Change("Deployment: a pod label added", Kind.DEPLOYMENT,
          o -> o.withObject("spec").withObject("template").withObject("metadata").withObject("labels").put("rollout", "b")),
      new Change("Service: a label added", Kind.SERVICE,
          o -> o.withObject("metadata").withObject("labels").put("tier", "b")));

  @Test
  void measure() throws Exception {
    Path dir = Files.createTempDirectory("istiolint-bench");
    int generated = MeshGenerator.write(dir, 100, 100);
    List<Resource> resources = Linter.load(InputCollector.collect(List.of(dir.toString())).sources(), Lint.DEFAULT_OPTIONS).resources();
    System.out.printf(Locale.ROOT, "view: %,d resources generated, %,d loaded; load average %s%n", generated, resources.size(),
        Files.readString(Path.of("/proc/loadavg")).trim());
    for (Change change : CHANGES) {
      double[] laid = run(resources, change, (view, changed) -> view.changed(List.of(changed), List.of()));
      double[] rebuilt = run(resources, change, (view, changed) -> {
        List<Resource> all = new ArrayList<>(view.snapshot().index().all());
        all.removeIf(r -> r.ref().equals(changed.ref()));
        all.add(changed);
        return view(all);
      });
      System.out.printf(Locale.ROOT, "%-42s laid over: view %6.1f ms + results %6.1f ms (%,.0f objects checked) | built anew: view %7.1f ms%n",
          change.what(), laid[0], laid[1], laid[2], rebuilt[0]);
    }
  }

  /**
   * Applies {@link #ROUNDS} changes of {@code change}'s kind, each to another object, by {@code apply}; returns the
   * medians of the view's time and the results' time in ms, and of the objects checked again.
   */
  private static double[] run(List<Resource> resources, Change change, BiFunction<LiveView, Resource, LiveView> apply) {
    LiveView view = view(resources);
    ResultStore results = view.checkAll();
    List<Resource> targets = view.snapshot().index().ofKind(change.kind());
    double[] viewMs = new double[ROUNDS];
    double[] resultsMs = new double[ROUNDS];
    double[] checked = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      Resource original = targets.get(round * 37 % targets.size());
      ObjectNode object = ((ObjectNode) original.object()).deepCopy();
      change.edit().accept(object);
      Resource changed = new ObjectReader(original.namespace()).read(object, Origin.admission("UPDATE")).resources().get(0);
      long t0 = System.nanoTime();
      LiveView next = apply.apply(view, changed);
      long t1 = System.nanoTime();
      checked[round] = results.update(next.snapshot(), List.of(changed, original));
      long t2 = System.nanoTime();
      viewMs[round] = (t1 - t0) / 1e6;
      resultsMs[round] = (t2 - t1) / 1e6;
      view = next;
    }
    return new double[] {median(viewMs), median(resultsMs), median(checked)};
  }

  private static LiveView view(List<Resource> resources) {
    return new LiveView(BuiltInRules.engine(), CrdSchemaCatalog.bundledIstio(), Lint.DEFAULT_OPTIONS, Policy.DEFAULT,
        Completeness.Coverage.files(true), resources);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
