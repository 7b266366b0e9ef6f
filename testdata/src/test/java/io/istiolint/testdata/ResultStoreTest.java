package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Finding;
import io.istiolint.api.Kind;
import io.istiolint.engine.Engine;
import io.istiolint.engine.Linter;
import io.istiolint.engine.LiveView;
import io.istiolint.engine.Policy;
import io.istiolint.engine.ResultStore;
import io.istiolint.engine.Snapshot;
import io.istiolint.index.Completeness;
import io.istiolint.load.InputCollector;
import io.istiolint.load.LoadLimits;
import io.istiolint.load.ObjectReader;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Origin;
import io.istiolint.model.Resource;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import io.istiolint.testdata.bench.MeshGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Results kept per object: after one object changes, only what reads its kind is checked again (counted in rule
 * invocations), and the results are those of checking the new view from scratch.
 */
class ResultStoreTest {

  private static final Linter.Options OPTIONS = new Linter.Options("default", LoadLimits.DEFAULT, true, MeshInfo.DEFAULTS, List.of());

  @TempDir
  Path dir;

  private final AtomicInteger invocations = new AtomicInteger();
  private final Engine counting = BuiltInRules.engine().recordingReads((rule, kinds) -> invocations.incrementAndGet());

  private Snapshot mesh() throws Exception {
    return liveMesh().snapshot();
  }

  private LiveView liveMesh() throws Exception {
    MeshGenerator.write(dir, 4, 6);
    return view(Linter.load(InputCollector.collect(List.of(dir.toString())).sources(), OPTIONS).resources());
  }

  private LiveView view(List<Resource> resources) {
    return new LiveView(counting, CrdSchemaCatalog.bundledIstio(), OPTIONS, Policy.DEFAULT, Completeness.Coverage.files(true), resources);
  }

  /** {@code original} with {@code change} applied to a copy of its object, as an update would bring it. */
  private static Resource updated(Resource original, java.util.function.Consumer<ObjectNode> change) {
    ObjectNode object = ((ObjectNode) original.object()).deepCopy();
    change.accept(object);
    return new ObjectReader(original.namespace()).read(object, Origin.admission("UPDATE")).resources().get(0);
  }

  private static List<String> lines(List<Finding> findings) {
    return findings.stream().map(f -> f.code() + " " + f.resource().displayName() + " " + f.path() + ": " + f.message()).sorted().toList();
  }

  /**
   * Follows {@code view} through {@code upserted} and {@code removed}, as the webhook follows informer events,
   * and checks the result against a view built from scratch of the same objects; returns how many objects the
   * change had checked again.
   */
  private int follow(LiveView[] view, ResultStore store, List<Resource> upserted, List<Resource> removed) {
    Set<String> changed = new HashSet<>();
    Stream.concat(upserted.stream(), removed.stream()).forEach(r -> changed.add(r.kind() + " " + r.namespace() + "/" + r.name()));
    List<Resource> expected = new ArrayList<>(upserted);
    view[0].snapshot().index().all().stream().filter(r -> !changed.contains(r.kind() + " " + r.namespace() + "/" + r.name()))
        .forEach(expected::add);
    LiveView next = view[0].changed(upserted, removed);
    int checked = store.update(next.snapshot(), next.changes());
    assertThat(next.snapshot().settled()).as("settled: a request's change is laid over a whole index").isSameAs(next.snapshot());
    LiveView scratch = view(expected);
    assertThat(next.snapshot().index().all()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(SnapshotOverlayTest.edges(next.snapshot().graph())).isEqualTo(SnapshotOverlayTest.edges(scratch.snapshot().graph()));
    assertThat(next.snapshot().mesh()).isEqualTo(scratch.snapshot().mesh());
    assertThat(lines(store.findings())).isEqualTo(lines(scratch.checkAll().findings()));
    view[0] = next;
    return checked;
  }

  @Test
  void aViewFollowsChangeSetsAsABuildFromScratchWouldSeeThem() throws Exception {
    LiveView[] view = {liveMesh()};
    ResultStore store = view[0].checkAll();
    int objects = store.objects().size();
    List<Resource> rules = view[0].snapshot().index().ofKind(Kind.DESTINATION_RULE);
    List<Resource> routes = view[0].snapshot().index().ofKind(Kind.VIRTUAL_SERVICE);

    // One DestinationRule, then one VirtualService on top of that: laid over the view, not built anew.
    Resource renamed = updated(rules.get(0), o -> ((ObjectNode) o.withObject("spec").withArray("subsets").get(1)).put("name", "v9"));
    assertThat(follow(view, store, List.of(renamed), List.of())).isLessThan(objects);
    Resource rerouted = updated(routes.get(1), o -> ((ObjectNode) o.withObject("spec").withArray("http").get(0)
        .withArray("route").get(0)).withObject("destination").put("subset", "v7"));
    assertThat(follow(view, store, List.of(rerouted), List.of())).isLessThan(objects);
    assertThat(store.resultOf(rerouted.ref()).findings()).extracting(Finding::code).contains("IL0102");

    // A Service deleted: every reference to its host is drawn again.
    Resource service = view[0].snapshot().index().ofKind(Kind.SERVICE).get(2);
    follow(view, store, List.of(), List.of(service));

    // A Deployment relabelled: the workload tables change; the proxy versions do not, so not everything is checked.
    Resource deployment = view[0].snapshot().index().ofKind(Kind.DEPLOYMENT).get(3);
    Resource relabelled = updated(deployment, o -> o.withObject("spec").withObject("template").withObject("metadata")
        .withObject("labels").put("version", "v8"));
    assertThat(follow(view, store, List.of(relabelled), List.of())).isLessThan(objects);

    // A burst of many changes, and two Services at once: built anew once.
    List<Resource> burst = view[0].snapshot().index().all().stream().filter(r -> r.kind().isIstio())
        .map(r -> updated(r, o -> o.withObject("metadata").withObject("labels").put("burst", "yes"))).toList();
    assertThat(burst).hasSizeGreaterThan(64);
    follow(view, store, burst, List.of());
    List<Resource> services = view[0].snapshot().index().ofKind(Kind.SERVICE);
    follow(view, store, List.of(), services.subList(0, 2));
  }

  private static long count(Snapshot snapshot, Kind kind) {
    return snapshot.index().ofKind(kind).size();
  }

  @Test
  void aChangedTelemetryIsCheckedAgainAloneWithWhatReadsTelemetries() throws Exception {
    Snapshot before = mesh();
    ResultStore store = ResultStore.of(counting, Policy.DEFAULT, before);
    int everything = invocations.getAndSet(0);

    Resource telemetry = before.index().ofKind(Kind.TELEMETRY).get(0);
    Resource changed = updated(telemetry, o -> o.withObject("spec").putArray("tracing").addObject()
        .putArray("providers").addObject().put("name", "nowhere"));
    Snapshot after = before.with(changed, index -> before.mesh());
    int checked = store.update(after, List.of(changed, telemetry));

    assertThat(checked).isPositive().isLessThanOrEqualTo((int) count(after, Kind.TELEMETRY));
    assertThat(invocations.get()).isPositive().isLessThan(everything / 20);
    assertThat(lines(store.findings())).isEqualTo(lines(ResultStore.of(BuiltInRules.engine(), Policy.DEFAULT, after).findings()))
        .anyMatch(f -> f.startsWith("IL0701 Telemetry " + telemetry.namespace() + "/" + telemetry.name()));
  }

  @Test
  void aChangedDestinationRuleIsCheckedAgainWithWhatReadsDestinationRules() throws Exception {
    Snapshot before = mesh();
    ResultStore store = ResultStore.of(counting, Policy.DEFAULT, before);
    int everything = invocations.getAndSet(0);

    Resource rule = before.index().ofKind(Kind.DESTINATION_RULE).get(0);
    Resource changed = updated(rule, o -> ((ObjectNode) o.withObject("spec").withArray("subsets").get(1)).put("name", "v9"));
    Snapshot after = before.with(changed, index -> before.mesh());
    int checked = store.update(after, List.of(changed, rule));

    assertThat(checked).isLessThan(after.index().all().size());
    assertThat(invocations.get()).isLessThan(everything);
    assertThat(lines(store.findings())).isEqualTo(lines(ResultStore.of(BuiltInRules.engine(), Policy.DEFAULT, after).findings()))
        .anyMatch(f -> f.startsWith("IL0102 VirtualService " + rule.namespace() + "/" + rule.name()));
    assertThat(store.resultOf(rule.ref()).findings()).extracting(Finding::code).contains("IL0206"); // subset v9: no VirtualService routes to it
  }
}
