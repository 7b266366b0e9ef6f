package io.istiolint.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads validating at once, starting together on a fresh catalog so that lazy compilation races. */
class ConcurrencyTest {

  private static final int THREADS = 8;
  private static final int ROUNDS = 50;

  private record Job(String group, String version, String kind, JsonNode object) {}

  @Test
  void parallelValidationGivesTheSameResultsAsSequential() throws Exception {
    List<JsonNode> crds = TestDocs.bundledCrdYaml();
    List<Job> jobs = jobs();
    SchemaCatalog reference = CrdSchemaCatalog.fromCrds("reference", crds);
    List<List<SchemaViolation>> expected = jobs.stream()
        .map(j -> reference.validate(j.group(), j.version(), j.kind(), j.object()))
        .toList();
    assertThat(expected).anySatisfy(violations -> assertThat(violations).isNotEmpty());

    SchemaCatalog catalog = CrdSchemaCatalog.fromCrds("shared", crds);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<List<SchemaViolation>>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          start.await();
          List<List<SchemaViolation>> found = new ArrayList<>(Collections.nCopies(jobs.size(), null));
          for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < jobs.size(); i++) {
              // Each thread starts with a different kind, so that compilations overlap.
              int index = (i + offset) % jobs.size();
              Job job = jobs.get(index);
              found.set(index, catalog.validate(job.group(), job.version(), job.kind(), job.object()));
            }
          }
          return found;
        }));
      }
      start.countDown();
      for (Future<List<List<SchemaViolation>>> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Job> jobs() {
    List<Job> jobs = new ArrayList<>();
    for (String file : List.of("bookinfo/networking/destination-rule-all.yaml",
        "bookinfo/networking/virtual-service-all-v1.yaml", "bookinfo/networking/bookinfo-gateway.yaml",
        "bookinfo/policy/productpage_envoy_ratelimit.yaml", "open-telemetry/tracing/telemetry.yaml")) {
      for (JsonNode doc : TestDocs.resource("samples/" + file)) {
        String[] apiVersion = doc.path("apiVersion").asString("").split("/");
        jobs.add(new Job(apiVersion[0], apiVersion[1], doc.path("kind").asString(""), doc));
      }
    }
    jobs.add(new Job("networking.istio.io", "v1", "VirtualService", TestDocs.yaml("""
        metadata: {name: bad, lables: {}}
        spec:
          hosts: [reviews]
          http:
          - retires: {}
            match: [{uri: {exact: /a, prefix: /b}}]
            route: [{destination: {host: reviews}, weight: abc}]
        """)));
    jobs.add(new Job("networking.istio.io", "v1beta1", "DestinationRule", TestDocs.yaml("""
        spec:
          trafficPolicy: {tls: {mode: SIMPLEX}}
        """)));
    return jobs;
  }
}
