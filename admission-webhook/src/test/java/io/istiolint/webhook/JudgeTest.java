package io.istiolint.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.engine.Engine;
import io.istiolint.engine.Linter;
import io.istiolint.engine.LiveView;
import io.istiolint.engine.Policy;
import io.istiolint.index.Completeness;
import io.istiolint.load.InputCollector;
import io.istiolint.load.LoadLimits;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Resource;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the judge decides, by mode and operation, without HTTP around it. */
class JudgeTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static final Linter.Options OPTIONS = new Linter.Options("bookinfo", LoadLimits.DEFAULT, true, MeshInfo.DEFAULTS, List.of());

  private static List<Resource> bookinfo(String... extraYaml) throws Exception {
    List<String> paths = new ArrayList<>();
    for (String file : List.of("platform/kube/bookinfo.yaml", "networking/destination-rule-all.yaml",
        "networking/bookinfo-gateway.yaml", "networking/virtual-service-all-v1.yaml")) {
      paths.add(WebhookServer.BOOKINFO.resolve(file).toString());
    }
    List<Resource> resources = new ArrayList<>(Linter.load(InputCollector.collect(paths).sources(), OPTIONS).resources());
    for (String yaml : extraYaml) {
      var file = Files.createTempFile("extra", ".yaml");
      Files.writeString(file, yaml);
      resources.addAll(Linter.load(InputCollector.collect(List.of(file.toString())).sources(), OPTIONS).resources());
    }
    return resources;
  }

  private Judge judge(Engine engine, Judge.Mode mode, boolean denyDeletes, List<Resource> view) {
    LiveView live = new LiveView(engine, CrdSchemaCatalog.bundledIstio(), OPTIONS, Policy.DEFAULT, Completeness.Coverage.files(true), view);
    WebhookState state = new WebhookState(mode, denyDeletes);
    state.load(live);
    return new Judge(state::view, mode, denyDeletes, new WebhookMetrics(registry, live::size, state));
  }

  private static AdmissionRequest request(String fixture) throws Exception {
    return AdmissionRequest.parse(Files.readAllBytes(WebhookServer.ADMISSION.resolve(fixture)));
  }

  @Test
  void aRuleThatThrowsLetsTheObjectInWithAWarningAndIsCounted() throws Exception {
    Rule broken = new Rule() {
      @Override
      public RuleMeta meta() {
        return new RuleMeta("IL9999", "always-throws", Severity.ERROR, Set.of(Kind.VIRTUAL_SERVICE), Set.of(), "throws", "none", List.of());
      }

      @Override
      public void check(Resource target, io.istiolint.api.RuleContext ctx) {
        throw new IllegalStateException("boom");
      }
    };
    Judge judge = judge(new Engine(List.of(broken), List.of()), Judge.Mode.ENFORCE, false, bookinfo());

    AdmissionResponse response = judge.judge(request("update-reviews-v3.json"));

    assertThat(response.allowed()).isTrue();
    assertThat(response.warnings()).singleElement().asString()
        .startsWith("istiolint: a rule failed on this object, so it was not fully checked: ").contains("boom");
    assertThat(registry.get("istiolint.rule.errors").counter().count()).isEqualTo(1.0);
  }

  @Test
  void warnModeTurnsErrorsIntoWarningsAndAuditModeIntoMetricsOnly() throws Exception {
    AdmissionResponse warned = judge(BuiltInRules.engine(), Judge.Mode.WARN, false, bookinfo()).judge(request("update-reviews-v4.json"));
    assertThat(warned.allowed()).isTrue();
    assertThat(warned.warnings()).singleElement().asString().startsWith("istiolint (warn mode, would deny): IL0102 ");

    AdmissionResponse audited = judge(BuiltInRules.engine(), Judge.Mode.AUDIT, false, bookinfo()).judge(request("update-reviews-v4.json"));
    assertThat(audited.allowed()).isTrue();
    assertThat(audited.warnings()).isEmpty();
    assertThat(registry.get("istiolint.admission.violations").tag("mode", "audit").counter().count()).isEqualTo(1.0);
  }

  @Test
  void aNamespaceLabelOverridesTheMode() throws Exception {
    List<Resource> view = bookinfo("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: bookinfo, labels: {istiolint.io/mode: warn}}
        """);

    AdmissionResponse response = judge(BuiltInRules.engine(), Judge.Mode.ENFORCE, false, view).judge(request("update-reviews-v4.json"));

    assertThat(response.allowed()).isTrue();
    assertThat(response.warnings()).singleElement().asString().startsWith("istiolint (warn mode, would deny): IL0102 ");
  }

  @Test
  void aMistypedNamespaceLabelKeepsTheWebhooksMode() throws Exception {
    List<Resource> view = bookinfo("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: bookinfo, labels: {istiolint.io/mode: off}}
        """);

    assertThat(judge(BuiltInRules.engine(), Judge.Mode.ENFORCE, false, view).judge(request("update-reviews-v4.json")).allowed()).isFalse();
  }

  @Test
  void breakingDeletesAreDeniedWhenConfigured() throws Exception {
    AdmissionResponse response = judge(BuiltInRules.engine(), Judge.Mode.ENFORCE, true, bookinfo())
        .judge(request("delete-destinationrule-reviews.json"));

    assertThat(response.allowed()).isFalse();
    assertThat(response.message()).startsWith("istiolint: DestinationRule bookinfo/reviews is still in use:\n"
        + "deleting DestinationRule bookinfo/reviews breaks VirtualService bookinfo/reviews: IL0102 ");
  }
}
