package io.istiolint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Finding;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.Destinations;
import io.istiolint.load.InputSource;
import io.istiolint.load.LoadLimits;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Severity overrides, rules off, ignores, inline suppressions and references, as the engine applies them. */
class PolicyTest {

  /** Reports every VirtualService at its hosts. */
  private static final class EveryVs implements Rule {
    static final RuleMeta META = new RuleMeta("IL9001", "every-vs", Severity.WARNING, Set.of(Kind.VIRTUAL_SERVICE), Set.of(),
        "test", "none", List.of("IST0101", "KIA1101"));

    @Override
    public RuleMeta meta() {
      return META;
    }

    @Override
    public void check(Resource target, RuleContext ctx) {
      ctx.report(target, YamlPath.of("spec", "hosts"), "seen " + target.name(), null);
    }
  }

  /** A subset must be defined by a DestinationRule of the VirtualService's namespace, when those are known. */
  private static final class SubsetDefined implements Rule {
    static final RuleMeta META = new RuleMeta("IL9002", "subset-defined", Severity.ERROR, Set.of(Kind.VIRTUAL_SERVICE),
        Set.of(Kind.DESTINATION_RULE), "test", "none", List.of());

    @Override
    public RuleMeta meta() {
      return META;
    }

    @Override
    public void check(Resource vs, RuleContext ctx) {
      for (Destinations.Destination d : Destinations.of(vs)) {
        if (d.subset() == null) {
          continue;
        }
        if (!ctx.index().completeness().isComplete(Kind.DESTINATION_RULE, vs.namespace())) {
          ctx.unverified(vs, d.path(), "no DestinationRules loaded for namespace " + vs.namespace());
          continue;
        }
        boolean defined = ctx.index().ofKind(Kind.DESTINATION_RULE).stream()
            .filter(dr -> dr.namespace().equals(vs.namespace()) && Json.text(dr.spec().path("host"), "").equals(d.host()))
            .flatMap(dr -> Json.items(dr.spec().path("subsets")).stream())
            .anyMatch(s -> Json.text(s.path("name"), "").equals(d.subset()));
        if (!defined) {
          ctx.report(vs, d.path().field("subset"), "subset " + d.subset() + " is defined nowhere", null);
        }
      }
    }
  }

  /** Reports an object loaded twice. */
  private static final class Twice implements Rule {
    static final RuleMeta META = new RuleMeta("IL9003", "twice", Severity.ERROR, Set.of(), Set.of(), "test", "none", List.of());

    @Override
    public RuleMeta meta() {
      return META;
    }

    @Override
    public void check(Resource target, RuleContext ctx) {
      if (ctx.index().sameIdentity(target).size() > 1) {
        ctx.report(target, YamlPath.of("metadata", "name"), "loaded twice", null);
      }
    }
  }

  private static final Linter LINTER = new Linter(new Engine(List.of(new EveryVs(), new SubsetDefined(), new Twice()), List.of()),
      CrdSchemaCatalog.bundledIstio());
  private static final Linter.Options OPTIONS = new Linter.Options("default", LoadLimits.DEFAULT, false, MeshInfo.DEFAULTS, List.of());

  @TempDir
  Path dir;

  private Path vs(String file, String name, String annotations) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: %s
          namespace: shop
          annotations: {%s}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v1}
        """.formatted(name, annotations));
  }

  private Path dr(String file) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: shop}
        spec:
          host: reviews
          subsets:
          - {name: v1, labels: {version: v1}}
        """);
  }

  private static LintReport lint(Policy policy, Path... files) {
    return LINTER.lint(sources(files), List.of(), OPTIONS, policy);
  }

  private static List<InputSource> sources(Path... files) {
    return java.util.Arrays.stream(files).map(InputSource::file).toList();
  }

  private static List<String> codes(LintReport report) {
    return report.findings().stream().map(Finding::code).toList();
  }

  @Test
  void severitiesAndRulesFollowThePolicy() throws IOException {
    Path vs = vs("vs.yaml", "reviews", "");
    assertThat(lint(Policy.DEFAULT, vs).findings()).extracting(Finding::code, Finding::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("IL9001", Severity.WARNING));
    Policy louder = new Policy(Set.of(), Map.of("IL9001", Severity.ERROR), true, dir, List.of(), List.of(), FailOn.ERROR);
    LintReport loud = lint(louder, vs);
    assertThat(loud.findings()).extracting(Finding::severity).containsExactly(Severity.ERROR);
    assertThat(loud.summary().errors()).isEqualTo(1);
    assertThat(louder.fails(loud)).isTrue();
    assertThat(Policy.DEFAULT.fails(lint(Policy.DEFAULT, vs))).as("a warning under fail-on error").isFalse();
    assertThat(Policy.DEFAULT.withFailOn(FailOn.WARNING).fails(lint(Policy.DEFAULT, vs))).isTrue();
    assertThat(louder.withFailOn(FailOn.NEVER).fails(loud)).isFalse();
    LintReport off = lint(Policy.DEFAULT.withRules(List.of(), List.of("IL9001")), vs);
    assertThat(off.findings()).isEmpty();
    assertThat(off.summary().suppressed()).as("a rule turned off does not run: nothing to count").isZero();
    assertThat(lint(Policy.DEFAULT.withRules(List.of(), List.of("IL9001")).withRules(List.of("IL9001"), List.of()), vs).findings())
        .hasSize(1);
  }

  @Test
  void annotationsSuppressAndAreCounted() throws IOException {
    Path own = vs("own.yaml", "own", "istiolint.io/ignore: \"IL0101, IL9001: managed elsewhere, see TICKET-1\"");
    Path byName = vs("name.yaml", "by-name", "istiolint.io/ignore: every-vs");
    Path istio = vs("istio.yaml", "istio", "galley.istio.io/analyze-suppress: \"IST0102,IST0101\"");
    Path all = vs("all.yaml", "all", "galley.istio.io/analyze-suppress: \"*\"");
    Path other = vs("other.yaml", "other", "istiolint.io/ignore: \"IL9002\", galley.istio.io/analyze-suppress: IST0118");
    Path reasonOnly = vs("reason.yaml", "reason", "istiolint.io/ignore: \"IL0101: not IL9001 here\"");
    LintReport report = lint(Policy.DEFAULT, own, byName, istio, all, other, reasonOnly);
    assertThat(report.findings()).extracting(f -> f.resource().name()).containsExactlyInAnyOrder("other", "reason");
    assertThat(report.summary().suppressed()).isEqualTo(4);
    assertThat(report.notices()).isEmpty();
  }

  @Test
  void forbiddenInlineSuppressionsAreReportedAndSaidOnce() throws IOException {
    Path own = vs("own.yaml", "own", "istiolint.io/ignore: IL9001");
    Path istio = vs("istio.yaml", "istio", "galley.istio.io/analyze-suppress: \"*\"");
    Policy strict = new Policy(Set.of(), Map.of(), false, dir, List.of(), List.of(), FailOn.ERROR);
    LintReport report = lint(strict, own, istio);
    assertThat(codes(report)).containsExactly("IL9001", "IL9001");
    assertThat(report.summary().suppressed()).isZero();
    assertThat(report.notices()).singleElement().asString()
        .contains("allowInlineSuppressions: false", "2 findings are reported", "istiolint.io/ignore");
  }

  @Test
  void ignoredPathsAndResourcesAreSuppressed() throws IOException {
    Path vendored = vs("vendor/charts/vs.yaml", "vendored", "");
    Path legacy = vs("apps/legacy.yaml", "legacy-reviews", "");
    Path kept = vs("apps/vs.yaml", "reviews", "");
    Policy policy = new Policy(Set.of(), Map.of(), true, dir, List.of("vendor/**"), List.of("VirtualService/shop/legacy-*"),
        FailOn.ERROR);
    LintReport report = lint(policy, vendored, legacy, kept);
    assertThat(report.findings()).extracting(f -> f.resource().name()).containsExactly("reviews");
    assertThat(report.summary().suppressed()).isEqualTo(2);
  }

  /** A changed file linted alone resolves against the rest of the repository, which is not reported on. */
  @Test
  void referencesResolveButAreNotReported() throws Exception {
    Path changed = vs("apps/reviews/vs.yaml", "reviews", "");
    dr("platform/destination-rules/dr.yaml");
    vs("platform/other/vs.yaml", "other", "");
    Policy onlySubsets = Policy.DEFAULT.withRules(List.of(), List.of("IL9001"));

    LintReport alone = LINTER.lint(sources(changed), List.of(), OPTIONS, onlySubsets);
    assertThat(alone.findings()).isEmpty();
    assertThat(alone.summary().unverifiedReferences()).as("no DestinationRules known").isEqualTo(1);

    List<InputSource> repository = io.istiolint.load.InputCollector.collect(List.of(dir.toString())).sources();
    LintReport withRepo = LINTER.lint(sources(changed), repository, OPTIONS, onlySubsets);
    assertThat(withRepo.summary().unverifiedReferences()).as("the DestinationRule in another directory is known").isZero();
    assertThat(withRepo.findings()).as("the subset resolves; the changed file is loaded once").isEmpty();
    assertThat(withRepo.summary().resources()).isEqualTo(1);
    assertThat(withRepo.summary().files()).isEqualTo(1);
    assertThat(withRepo.resources()).extracting(Resource::name).containsExactly("reviews");

    LintReport everyRule = LINTER.lint(sources(changed), repository, OPTIONS, Policy.DEFAULT);
    assertThat(everyRule.findings()).as("only the changed file is reported on").extracting(f -> f.resource().name())
        .containsExactly("reviews");

    Files.writeString(dir.resolve("platform/destination-rules/dr.yaml"),
        Files.readString(dir.resolve("platform/destination-rules/dr.yaml")).replace("name: v1,", "name: v2,"));
    LintReport broken = LINTER.lint(sources(changed), repository, OPTIONS, onlySubsets);
    assertThat(broken.findings()).extracting(Finding::message).containsExactly("subset v1 is defined nowhere");
  }

  @Test
  void listedCodesKeepTheCodesAndDropTheReasons() {
    assertThat(Policy.listedCodes("IL0101,IL0206")).containsExactly("IL0101", "IL0206");
    assertThat(Policy.listedCodes(" IL0101: external host, managed elsewhere , IL0206")).containsExactly("IL0101", "IL0206");
    assertThat(Policy.listedCodes("vs-gateway-not-found: shared gateway")).containsExactly("vs-gateway-not-found");
    assertThat(Policy.listedCodes("")).isEmpty();
  }
}
