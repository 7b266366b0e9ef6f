package io.istiolint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.DocumentRule;
import io.istiolint.api.Finding;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.StandaloneRule;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

  /** Completes the snapshot of the run when it checks a resource, and asks the view if told to. */
  private static final class BuildsTheView implements StandaloneRule {
    static final RuleMeta META = new RuleMeta("IL9998", "builds-the-view", Severity.INFO, Set.of(), Set.of(),
        "test rule", "none", List.of());
    final CompletableFuture<Snapshot> view;
    final Snapshot built;
    final boolean asksTheView;

    BuildsTheView(CompletableFuture<Snapshot> view, Snapshot built, boolean asksTheView) {
      this.view = view;
      this.built = built;
      this.asksTheView = asksTheView;
    }

    @Override
    public RuleMeta meta() {
      return META;
    }

    @Override
    public void check(Resource target, RuleContext ctx) {
      view.complete(built);
      if (asksTheView) {
        ctx.index();
      }
      ctx.report(target, YamlPath.ROOT, "checked " + target.name(), null);
    }
  }

  /** The documents of a file holding one Service, {@code ok}. */
  private List<Document> oneService() throws IOException {
    Path file = Files.writeString(dir.resolve("svc.yaml"), """
        apiVersion: v1
        kind: Service
        metadata: {name: ok}
        """);
    return TestInputs.documents(file);
  }

  private Snapshot services(List<Document> docs) {
    List<Resource> resources = docs.stream().flatMap(d -> d.resources().stream()).toList();
    return Snapshot.of(new ResourceIndex(resources, Completeness.Coverage.files(false)), CrdSchemaCatalog.bundledIstio(), MeshInfo.DEFAULTS);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void standaloneRulesRunBeforeTheViewIsBuiltAndTheOthersAfter() throws IOException {
    List<Document> docs = oneService();
    CompletableFuture<Snapshot> view = new CompletableFuture<>();
    // Only the standalone rule completes the view: the run would wait for ever if it waited for the view first.
    Engine engine = new Engine(List.of(new BuildsTheView(view, services(docs), false), new Flaky()), List.of());
    List<Finding> findings = engine.run(docs, CrdSchemaCatalog.bundledIstio(), view, Policy.DEFAULT, null).findings();
    assertThat(findings).extracting(Finding::message).containsExactlyInAnyOrder("checked ok", "seen ok");
  }

  @Test
  void aStandaloneRuleThatAsksTheViewFails() throws IOException {
    List<Document> docs = oneService();
    Snapshot snapshot = services(docs);
    Engine engine = new Engine(List.of(new BuildsTheView(new CompletableFuture<>(), snapshot, true)), List.of());
    List<Finding> findings = engine.run(docs, snapshot).findings();
    assertThat(findings).extracting(Finding::code).containsExactly("IL0000");
    assertThat(findings.get(0).message()).contains("IL9998", "runs before the view is built");
  }

  /** Reports each object of a document by its reference, as a rule of what loading showed does. */
  private static final class ByReference implements DocumentRule {
    static final RuleMeta META = new RuleMeta("IL9997", "by-reference", Severity.WARNING, Set.of(), Set.of(),
        "test rule", "none", List.of());

    @Override
    public RuleMeta meta() {
      return META;
    }

    @Override
    public void check(Document document, RuleContext ctx) {
      document.resources().forEach(r -> ctx.report(r.ref(), YamlPath.ROOT, document.start(), "on " + r.name(), null));
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aFindingByReferenceBeforeTheViewIsBuiltHonoursTheObjectsAnnotation() throws IOException {
    Path file = dir.resolve("svc.yaml");
    Files.writeString(file, """
        apiVersion: v1
        kind: Service
        metadata: {name: quiet, annotations: {%s: IL9997}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: loud}
        """.formatted(Policy.IGNORE_ANNOTATION));
    List<Document> docs = TestInputs.documents(file);
    CompletableFuture<Snapshot> view = new CompletableFuture<>();
    Engine engine = new Engine(List.of(new BuildsTheView(view, services(docs), false)), List.of(new ByReference()));
    Engine.Result result = engine.run(docs, CrdSchemaCatalog.bundledIstio(), view, Policy.DEFAULT, null);
    assertThat(result.findings()).extracting(Finding::message).containsExactlyInAnyOrder("on loud", "checked quiet", "checked loud");
    assertThat(result.suppressed()).extracting(Finding::message).containsExactly("on quiet");
  }
}
