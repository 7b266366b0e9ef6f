package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Finding;
import io.istiolint.engine.Engine;
import io.istiolint.engine.Linter;
import io.istiolint.engine.LiveView;
import io.istiolint.engine.Policy;
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
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The snapshot an admission request is judged on is laid over the live one ({@code Snapshot.with}) rather than
 * built anew; this proves the two agree. For every object of every rule fixture and Istio sample, its findings
 * checked on the overlay (the view without it, then it added; and the view with it, replaced by itself) equal its
 * findings on a snapshot built from scratch.
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
      List<String> scratch = findings(corpus.engine().run(List.of(Document.of(r)), view(corpus, coverage, withIt).snapshot(), Policy.DEFAULT));
      List<Resource> withoutIt = View.without(all, List.of(r));
      assertThat(findings(view(corpus, coverage, withoutIt).admit(r))).as("%s added to the view without it", r.ref().displayName())
          .isEqualTo(scratch);
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
    }
  }

  private static LiveView view(Corpus corpus, Completeness.Coverage coverage, List<Resource> resources) {
    return new LiveView(corpus.engine(), CrdSchemaCatalog.bundledIstio(), corpus.options(), Policy.DEFAULT, coverage, resources);
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
