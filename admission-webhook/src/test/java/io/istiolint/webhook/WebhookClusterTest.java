package io.istiolint.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.testdata.cluster.MockApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code --cluster}: the view kept by informers from fabric8's CRUD mock API server follows the cluster. */
class WebhookClusterTest {

  @TempDir
  Path dir;

  private static JsonNode until(WebhookServer webhook, String review, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode response = webhook.review(review);
    while (!done.test(response) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      response = webhook.review(review);
    }
    return response;
  }

  /** The value of a counter or gauge without labels in Prometheus' text format. */
  private static double metric(WebhookServer webhook, String name) throws Exception {
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(webhook.get("/metrics").body());
    assertThat(m.find()).as(name).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void theNextAnswerFollowsWhatChangesInTheCluster() throws Exception {
    try (MockApiServer cluster = MockApiServer.start(0)) {
      cluster.installIstioCrds();
      for (String file : WebhookServer.BOOKINFO_FILES) {
        cluster.create(Files.readString(WebhookServer.BOOKINFO.resolve(file)), "bookinfo");
      }
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"), "mock", "default");
      String v4 = Files.readString(WebhookServer.ADMISSION.resolve("update-reviews-v4.json"));
      String v3 = Files.readString(WebhookServer.ADMISSION.resolve("update-reviews-v3.json"));

      try (WebhookServer webhook = WebhookServer.start(null, List.of("--cluster", "--kubeconfig", kubeconfig.toString(),
          "-n", "bookinfo", "--self-signed", "--service", "localhost.default"))) {
        assertThat(webhook.log).contains("view of cluster");
        assertThat(webhook.get("/readyz").statusCode()).isEqualTo(200);
        assertThat(webhook.review(v4).path("allowed").asBoolean(true)).isFalse();
        assertThat(webhook.review(v3).path("allowed").asBoolean(false)).isTrue();
        double loaded = metric(webhook, "istiolint_view_checked_objects_total");
        assertThat(loaded).as("every object checked once at load").isPositive();

        // The DestinationRule gains subset v4: the same request is now allowed.
        cluster.delete("networking.istio.io/v1", "DestinationRule", "bookinfo", "reviews");
        cluster.create("""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews}
            spec:
              host: reviews
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v3, labels: {version: v3}}
              - {name: v4, labels: {version: v3}}
            """, "bookinfo");
        assertThat(until(webhook, v4, r -> r.path("allowed").asBoolean(false)).path("allowed").asBoolean(false)).isTrue();

        // It is deleted: now no DestinationRule defines any subset of reviews, and v3 is denied.
        cluster.delete("networking.istio.io/v1", "DestinationRule", "bookinfo", "reviews");
        JsonNode denied = until(webhook, v3, r -> !r.path("allowed").asBoolean(true));
        assertThat(denied.path("allowed").asBoolean(true)).isFalse();
        assertThat(denied.path("status").path("message").asString("")).contains("IL0102").contains("no DestinationRule");

        // Each change set was laid over the view and checked again only where it can be seen: fewer objects than a
        // full check per change set.
        double changes = metric(webhook, "istiolint_view_changes_total") - 1;
        double checked = metric(webhook, "istiolint_view_checked_objects_total") - loaded;
        assertThat(changes).isPositive();
        assertThat(checked).isPositive().isLessThan(changes * loaded);

        // The view's own results followed: VirtualService reviews routes to subsets no DestinationRule defines now.
        String metrics = webhook.get("/metrics").body();
        assertThat(metrics).containsPattern("istiolint_informer_events_total [1-9]")
            .containsPattern("istiolint_view_findings\\{severity=\"error\"} [1-9]");
      }
    }
  }
}
