package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Finding;
import io.istiolint.engine.Engine;
import io.istiolint.engine.Linter;
import io.istiolint.engine.LiveView;
import io.istiolint.engine.Policy;
import io.istiolint.engine.ResultStore;
import io.istiolint.engine.Snapshot;
import io.istiolint.graph.RefGraph;
import io.istiolint.index.Completeness;
import io.istiolint.index.ResourceIndex;
import io.istiolint.index.View;
import io.istiolint.load.InputSource;
import io.istiolint.load.ObjectReader;
import io.istiolint.load.LoadLimits;
import io.istiolint.mesh.MeshConfigLayer;
import io.istiolint.mesh.MeshConfigLoader;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.mesh.ProxyVersions;
import io.istiolint.model.Document;
import io.istiolint.model.Origin;
import io.istiolint.model.Resource;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The snapshot an admission request is judged on is laid over the live one ({@code Snapshot.with}) rather than
 * built anew; this proves the two agree. For every object of every rule fixture and Istio sample, its findings
 * checked on the overlay (the view without it, then it added; the view with it, replaced by itself or by another
 * object's content) equal its findings on a snapshot built from scratch, and so do the other objects' findings on
 * the view it is deleted from. The results a store keeps while following the view through the same changes
 * (checking again only what asked about the changed object) equal those of checking each view whole.
 */
class SnapshotOverlayTest {

  private record Corpus(Path file, Linter.Options options, Engine engine, boolean complete) {}

  @TestFactory
  Stream<DynamicTest> theOverlayAgreesWithABuildFromScratch() throws Exception {
    List<Corpus> corpora = new ArrayList<>();
    try (Stream<Path> fixtures = Files.walk(Path.of("fixtures"))) {
      for (Path path : fixtures.filter(p -> p.getFileName().toString().matches("(ok|bad)-.*\\.(yaml|yml|json)")).sorted().toList()) {
        Fixture fixture = Fixture.read(path);
        Path meshFile = fixture.meshConfig() == null ? null : path.resolveSibling(fixture.meshConfig());
        List<MeshConfigLayer> layers = meshFile == null ? List.of() : MeshConfigLoader.readFile(meshFile, meshFile.toString());
        MeshInfo mesh = fixture.proxyVersions().isEmpty() ? MeshInfo.DEFAULTS
            : MeshInfo.DEFAULTS.withProxies(ProxyVersions.of(fixture.proxyVersions(), "flags"));
        corpora.add(new Corpus(path, new Linter.Options(fixture.namespace(), LoadLimits.DEFAULT, fixture.complete(), mesh, layers),
            fixture.engine(), fixture.complete()));
      }
    }
    try (Stream<Path> samples = Files.walk(Path.of("samples"))) {
      for (Path path : samples.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        corpora.add(new Corpus(path, new Linter.Options("default", LoadLimits.DEFAULT, false, MeshInfo.DEFAULTS, List.of()),
            BuiltInRules.engine(), false));
      }
    }
    return corpora.stream().map(c -> DynamicTest.dynamicTest(c.file().toString(), () -> check(c)));
  }

  private static void check(Corpus corpus) {
    List<Resource> all = Linter.load(List.of(InputSource.file(corpus.file())), corpus.options()).resources();
    Completeness.Coverage coverage = Completeness.Coverage.files(corpus.complete());
    LiveView whole = view(corpus, coverage, all);
    for (Resource r : all) {
      if (!ResourceIndex.understands(r.kind())) {
        continue;
      }
      List<Resource> withIt = View.merge(List.of(r), all, List.of());
      Snapshot scratchWith = view(corpus, coverage, withIt).snapshot();
      List<String> scratch = findings(corpus.engine().run(List.of(Document.of(r)), scratchWith, Policy.DEFAULT));
      List<Resource> withoutIt = View.without(all, List.of(r));
      LiveView without = view(corpus, coverage, withoutIt);
      assertThat(findings(without.admit(r))).as("%s added to the view without it", r.ref().displayName())
          .isEqualTo(scratch);
      // A delete: every other object's findings on the view without r.
      List<Document> others = withoutIt.stream().filter(o -> ResourceIndex.understands(o.kind())).map(Document::of).toList();
      Snapshot removed = whole.snapshot().without(r, index -> without.snapshot().mesh());
      assertThat(findings(corpus.engine().run(others, removed, Policy.DEFAULT))).as("the others once %s is deleted", r.ref().displayName())
          .isEqualTo(findings(corpus.engine().run(others, without.snapshot(), Policy.DEFAULT)));
      assertThat(edges(removed.graph())).as("the graph once %s is deleted", r.ref().displayName())
          .isEqualTo(edges(without.snapshot().graph()));
      Snapshot added = without.snapshot().with(r, index -> whole.snapshot().mesh());
      assertThat(edges(added.graph())).as("the graph once %s is added", r.ref().displayName())
          .isEqualTo(edges(scratchWith.graph()));
      assertThat(findings(whole.admit(r))).as("%s replacing itself", r.ref().displayName()).isEqualTo(scratch);
      // An update: r's identity with the content of another object of its kind.
      Optional<Resource> other = all.stream().filter(o -> o != r && o.kind().equals(r.kind()) && !o.ref().equals(r.ref())).findFirst();
      if (other.isPresent()) {
        ObjectNode content = ((ObjectNode) other.get().object()).deepCopy();
        content.withObject("metadata").put("name", r.name()).put("namespace", r.namespace());
        Resource updated = new ObjectReader(r.namespace()).read(content, Origin.admission("UPDATE")).resources().get(0);
        List<String> updatedScratch = findings(corpus.engine().run(List.of(Document.of(updated)),
            view(corpus, coverage, View.merge(List.of(updated), all, List.of())).snapshot(), Policy.DEFAULT));
        assertThat(findings(whole.admit(updated))).as("%s updated to the content of %s", r.ref().displayName(),
            other.get().ref().displayName()).isEqualTo(updatedScratch);
      }
      follow(corpus, coverage, whole, r, other.map(o -> {
        ObjectNode content = ((ObjectNode) o.object()).deepCopy();
        content.withObject("metadata").put("name", r.name()).put("namespace", r.namespace());
        return new ObjectReader(r.namespace()).read(content, Origin.admission("UPDATE")).resources().get(0);
      }));
    }
  }

  /**
   * The results a store keeps while following the view through {@code r}'s deletion, its creation again and (when
   * given) its update to other content, each change checking again only what asked about it, equal those of a
   * store that checks each view whole.
   */
  private static void follow(Corpus corpus, Completeness.Coverage coverage, LiveView whole, Resource r, Optional<Resource> update) {
    ResultStore followed = whole.checkAll();
    List<Resource> withoutIt = View.without(whole.snapshot().index().all(), List.of(r));
    LiveView gone = whole.changed(List.of(), List.of(r));
    followed.update(gone.snapshot(), gone.changes());
    assertThat(results(followed)).as("kept results once %s is deleted", r.ref().displayName())
        .isEqualTo(results(view(corpus, coverage, withoutIt).checkAll()));
    LiveView back = gone.changed(List.of(r), List.of());
    followed.update(back.snapshot(), back.changes());
    assertThat(results(followed)).as("kept results once %s is created again", r.ref().displayName())
        .isEqualTo(results(view(corpus, coverage, View.merge(List.of(r), withoutIt, List.of())).checkAll()));
    if (update.isPresent()) {
      LiveView updated = back.changed(List.of(update.get()), List.of());
      followed.update(updated.snapshot(), updated.changes());
      assertThat(results(followed)).as("kept results once %s is updated", r.ref().displayName())
          .isEqualTo(results(view(corpus, coverage, View.merge(List.of(update.get()), withoutIt, List.of())).checkAll()));
    }
  }

  private static List<String> results(ResultStore store) {
    return findings(new Engine.Result(store.findings(), Map.of(), store.unverifiedReferences(), List.of(), List.of()));
  }

  private static LiveView view(Corpus corpus, Completeness.Coverage coverage, List<Resource> resources) {
    return new LiveView(corpus.engine(), CrdSchemaCatalog.bundledIstio(), corpus.options(), Policy.DEFAULT, coverage, resources);
  }

  /**
   * The edges of a graph, drawn from where to where, why and by whom; not whether they resolved, which rules never
   * read and an overlay does not recompute for other objects' edges.
   */
  static List<String> edges(RefGraph graph) {
    return graph.edges().stream().map(e -> e.source().label() + " -" + e.relation() + "-> " + e.target().label() + " @" + e.path()
        + " by " + (e.madeBy() == null ? "" : e.madeBy().ref().displayName())).sorted().toList();
  }

  private static List<String> findings(Engine.Result result) {
    List<String> lines = new ArrayList<>();
    for (Finding f : result.findings()) {
      lines.add(f.code() + " " + f.severity() + " " + f.location() + " " + f.path() + ": " + f.message() + " | " + f.hint());
    }
    result.unverifiedReferences().forEach(u -> lines.add("unverified " + u));
    return lines;
  }
}
