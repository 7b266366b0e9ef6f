package io.istiolint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Finding;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.index.Completeness;
import io.istiolint.index.ResourceIndex;
import io.istiolint.load.TestInputs;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Document;
import io.istiolint.model.Resource;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {

  @TempDir
  Path dir;

  /** Throws on one resource, reports on the others. */
  private static final class Flaky implements Rule {
    static final RuleMeta META = new RuleMeta("IL9999", "flaky", Severity.WARNING, Set.of(Kind.SERVICE), Set.of(),
        "test rule", "none", List.of("IST0000"));

    @Override
    public RuleMeta meta() {
      return META;
    }

    @Override
    public void check(Resource target, RuleContext ctx) {
      if (target.name().equals("boom")) {
        throw new IllegalStateException("kaput");
      }
      ctx.report(target, YamlPath.of("metadata", "name"), "seen " + target.name(), null);
    }
  }

  @Test
  void throwingRuleBecomesInternalErrorAndTheRunGoesOn() throws IOException {
    Path file = dir.resolve("svc.yaml");
    Files.writeString(file, """
        apiVersion: v1
        kind: Service
        metadata: {name: ok}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: boom}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: not-targeted}
        """);
    List<Document> docs = TestInputs.documents(file);
    List<Resource> resources = docs.stream().flatMap(d -> d.resources().stream()).toList();
    Snapshot snapshot = Snapshot.of(new ResourceIndex(resources, Completeness.Coverage.files(false)), CrdSchemaCatalog.bundledIstio(), MeshInfo.DEFAULTS);
    List<Finding> findings = new Engine(List.of(new Flaky()), List.of()).run(docs, snapshot).findings();
    assertThat(findings).extracting(Finding::code).containsExactly("IL9999", "IL0000");
    Finding seen = findings.get(0);
    assertThat(seen.location().line()).isEqualTo(3);
    assertThat(seen.equivalents()).containsExactly("IST0000");
    Finding internal = findings.get(1);
    assertThat(internal.message()).contains("IL9999", "Service default/boom", "kaput");
    assertThat(internal.location().line()).as("the resource start").isEqualTo(5);
  }
}
