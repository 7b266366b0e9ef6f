package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Finding;
import io.istiolint.api.Severity;
import io.istiolint.engine.LintReport;
import io.istiolint.load.InputSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Istio's samples, combined the way they are deployed together, are correct configuration: every rule
 * must stay silent on them (no error, no warning). A finding here is a false positive.
 */
class SamplesTest {

  private static final Path SAMPLES = Path.of("samples", "istio");
  private static final String BOOKINFO_APP = "bookinfo/platform/kube/bookinfo.yaml";
  private static final String BOOKINFO_GATEWAY = "bookinfo/networking/bookinfo-gateway.yaml";

  /** The VirtualService files of Bookinfo, each with the platform files it needs beyond bookinfo.yaml. */
  private static final List<List<String>> BOOKINFO_ROUTINGS = List.of(
      List.of("bookinfo/networking/virtual-service-all-v1.yaml"),
      List.of("bookinfo/networking/virtual-service-reviews-50-v3.yaml"),
      List.of("bookinfo/networking/virtual-service-reviews-80-20.yaml"),
      List.of("bookinfo/networking/virtual-service-reviews-90-10.yaml"),
      List.of("bookinfo/networking/virtual-service-reviews-jason-v2-v3.yaml"),
      List.of("bookinfo/networking/virtual-service-reviews-test-v2.yaml"),
      List.of("bookinfo/networking/virtual-service-reviews-v2-v3.yaml"),
      List.of("bookinfo/networking/virtual-service-reviews-v3.yaml"),
      List.of("bookinfo/networking/virtual-service-ratings-test-abort.yaml"),
      List.of("bookinfo/networking/virtual-service-ratings-test-delay.yaml"),
      List.of("bookinfo/networking/virtual-service-details-v2.yaml", "bookinfo/platform/kube/bookinfo-details-v2.yaml"),
      List.of("bookinfo/networking/virtual-service-ratings-db.yaml", "bookinfo/platform/kube/bookinfo-ratings-v2.yaml",
          "bookinfo/platform/kube/bookinfo-db.yaml"),
      List.of("bookinfo/networking/virtual-service-ratings-mysql.yaml", "bookinfo/platform/kube/bookinfo-ratings-v2-mysql.yaml",
          "bookinfo/platform/kube/bookinfo-mysql.yaml"),
      List.of("bookinfo/networking/virtual-service-all-v1.yaml", "bookinfo/networking/egress-rule-google-apis.yaml"));

  /**
   * Findings in the samples that are true: the one place a sample really is wrong, as Istio's own webhook also
   * says (IST0130). Keyed by file (below {@code samples/istio}) and line, so any other finding still fails.
   */
  static final Set<String> KNOWN_TRUE_FINDINGS = Set.of(
      // the second route, after a route without matches, can never match
      "bookinfo/networking/fault-injection-details-v1.yaml:18 IL0108");

  static Stream<List<String>> deployments() {
    List<List<String>> all = new ArrayList<>();
    for (String rules : List.of("bookinfo/networking/destination-rule-all.yaml", "bookinfo/networking/destination-rule-all-mtls.yaml")) {
      for (List<String> routing : BOOKINFO_ROUTINGS) {
        List<String> files = new ArrayList<>(List.of(BOOKINFO_APP, BOOKINFO_GATEWAY, rules));
        files.addAll(routing);
        all.add(files);
      }
    }
    all.add(List.of(BOOKINFO_APP));
    // It brings its own DestinationRule for details, so it is applied instead of destination-rule-all.
    all.add(List.of(BOOKINFO_APP, BOOKINFO_GATEWAY, "bookinfo/networking/fault-injection-details-v1.yaml"));
    all.add(List.of(BOOKINFO_APP, BOOKINFO_GATEWAY));
    all.add(List.of("helloworld/helloworld.yaml", "helloworld/helloworld-gateway.yaml"));
    all.add(List.of("httpbin/httpbin.yaml", "httpbin/httpbin-gateway.yaml"));
    all.add(List.of("tcp-echo/tcp-echo-services.yaml", "tcp-echo/tcp-echo-all-v1.yaml"));
    all.add(List.of("tcp-echo/tcp-echo-services.yaml", "tcp-echo/tcp-echo-20-v2.yaml"));
    all.add(List.of("websockets/app.yaml", "websockets/route.yaml"));
    all.add(List.of("external/aptget.yaml"));
    all.add(List.of("external/github.yaml"));
    all.add(List.of("external/pypi.yaml"));
    // EnvoyFilters: local rate limiting of productpage, and the global rate limit service at the ingress gateway.
    all.add(List.of(BOOKINFO_APP, "ratelimit/local-rate-limit-service.yaml"));
    all.add(List.of(BOOKINFO_APP, BOOKINFO_GATEWAY, "ratelimit/rate-limit-service.yaml", "bookinfo/policy/productpage_envoy_ratelimit.yaml"));
    all.add(List.of("ratelimit/local-rate-limit-service.yaml"));
    all.add(List.of("bookinfo/policy/productpage_envoy_ratelimit.yaml"));
    all.add(List.of("curl/curl.yaml"));
    all.add(List.of("sleep/sleep.yaml"));
    // The IstioOperator defines the `otel` access log provider the mesh-wide Telemetry uses.
    all.add(List.of("open-telemetry/loki/iop.yaml", "open-telemetry/loki/otel.yaml", "open-telemetry/loki/telemetry.yaml"));
    // Its `otel-tracing` provider is defined at install time (README): without a MeshConfig it stays unverified.
    all.add(List.of("open-telemetry/tracing/telemetry.yaml"));
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("deployments")
  void deployedTogetherLintsClean(List<String> files) {
    List<InputSource> sources = files.stream().map(f -> InputSource.file(SAMPLES.resolve(f))).toList();
    LintReport report = Lint.run(sources);
    List<Finding> problems = report.findings().stream().filter(f -> f.severity().atLeast(Severity.WARNING))
        .filter(f -> f.location() == null || !KNOWN_TRUE_FINDINGS.contains(
            SAMPLES.relativize(Path.of(f.location().file())) + ":" + f.location().line() + " " + f.code()))
        .toList();
    assertThat(problems).extracting(FixtureTest::describe).isEmpty();
  }
}
