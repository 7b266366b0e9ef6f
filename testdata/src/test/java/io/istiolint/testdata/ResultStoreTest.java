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
import java.util.List;
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
    MeshGenerator.write(dir, 4, 6);
    List<Resource> resources = Linter.load(InputCollector.collect(List.of(dir.toString())).sources(), OPTIONS).resources();
    return new LiveView(BuiltInRules.engine(), CrdSchemaCatalog.bundledIstio(), OPTIONS, Policy.DEFAULT,
        Completeness.Coverage.files(true), resources).snapshot();
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

  private static long count(Snapshot snapshot, Kind kind) {
    return snapshot.index().ofKind(kind).size();
  }

  @Test
  void aChangedTelemetryIsCheckedAgainAloneWithWhatReadsTelemetries() throws Exception {
    Snapshot before = mesh();
    ResultStore store = new ResultStore(counting, Policy.DEFAULT, before);
    int everything = invocations.getAndSet(0);

    Resource telemetry = before.index().ofKind(Kind.TELEMETRY).get(0);
    Resource changed = updated(telemetry, o -> o.withObject("spec").putArray("tracing").addObject()
        .putArray("providers").addObject().put("name", "nowhere"));
    Snapshot after = before.with(changed, index -> before.mesh());
    int checked = store.update(after, List.of(changed));

    assertThat(checked).isEqualTo(count(after, Kind.TELEMETRY));
    assertThat(invocations.get()).isPositive().isLessThan(everything / 20);
    assertThat(lines(store.findings())).isEqualTo(lines(new ResultStore(BuiltInRules.engine(), Policy.DEFAULT, after).findings()))
        .anyMatch(f -> f.startsWith("IL0701 Telemetry " + telemetry.namespace() + "/" + telemetry.name()));
  }

  @Test
  void aChangedDestinationRuleIsCheckedAgainWithWhatReadsDestinationRules() throws Exception {
    Snapshot before = mesh();
    ResultStore store = new ResultStore(counting, Policy.DEFAULT, before);
    int everything = invocations.getAndSet(0);

    Resource rule = before.index().ofKind(Kind.DESTINATION_RULE).get(0);
    Resource changed = updated(rule, o -> ((ObjectNode) o.withObject("spec").withArray("subsets").get(1)).put("name", "v9"));
    Snapshot after = before.with(changed, index -> before.mesh());
    int checked = store.update(after, List.of(changed));

    assertThat(checked).isLessThan(after.index().all().size());
    assertThat(invocations.get()).isLessThan(everything);
    assertThat(lines(store.findings())).isEqualTo(lines(new ResultStore(BuiltInRules.engine(), Policy.DEFAULT, after).findings()))
        .anyMatch(f -> f.startsWith("IL0102 VirtualService " + rule.namespace() + "/" + rule.name()));
    assertThat(store.resultOf(rule.ref()).findings()).extracting(Finding::code).contains("IL0206"); // subset v9: no VirtualService routes to it
  }
}
