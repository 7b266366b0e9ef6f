package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Kind;
import io.istiolint.api.RuleMeta;
import io.istiolint.engine.Engine;
import io.istiolint.engine.Linter;
import io.istiolint.engine.Policy;
import io.istiolint.index.Reads;
import io.istiolint.load.InputSource;
import io.istiolint.load.LoadLimits;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every rule reads only the kinds it declares ({@code RuleMeta.reads}, and the kinds it targets): what decides
 * which objects are checked again when an object changes. Recorded while the rules run over every fixture and
 * Istio sample, as Istio's analyzers check their declared inputs.
 */
class RuleReadsTest {

  @Test
  void everyRuleReadsOnlyWhatItDeclares() throws Exception {
    Map<String, Set<Kind>> read = new ConcurrentHashMap<>();
    Map<String, RuleMeta> metas = new ConcurrentHashMap<>();
    Engine engine = BuiltInRules.engine().recordingReads((meta, kinds) -> {
      metas.putIfAbsent(meta.code(), meta);
      read.computeIfAbsent(meta.code(), c -> ConcurrentHashMap.newKeySet()).addAll(kinds);
    });
    Linter linter = new Linter(engine, CrdSchemaCatalog.bundledIstio());
    List<Path> inputs = new ArrayList<>();
    for (String root : List.of("fixtures", "samples")) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        files.filter(p -> p.getFileName().toString().matches(".*\\.(yaml|yml|json)")).sorted().forEach(inputs::add);
      }
    }
    for (boolean complete : List.of(false, true)) {
      for (Path input : inputs) {
        linter.lint(new Linter.Inputs(List.of(InputSource.file(input)), List.of(), List.of(), null),
            new Linter.Options("default", LoadLimits.DEFAULT, complete, MeshInfo.DEFAULTS, List.of()), Policy.DEFAULT);
      }
    }

    Map<String, Set<String>> undeclared = new TreeMap<>();
    read.forEach((code, kinds) -> {
      RuleMeta meta = metas.get(code);
      Set<String> extra = new TreeSet<>();
      for (Kind kind : kinds) {
        if (!meta.reads().contains(kind) && !meta.targets().contains(kind) && !meta.targets().isEmpty()) {
          extra.add(kind.equals(Reads.EVERYTHING) ? "every object" : kind.toString());
        }
      }
      if (!extra.isEmpty()) {
        undeclared.put(code + " " + meta.name(), extra);
      }
    });
    assertThat(undeclared).as("kinds rules read but do not declare in RuleMeta.reads").isEmpty();
    assertThat(read).as("rules recorded").hasSizeGreaterThan(40);
  }
}
