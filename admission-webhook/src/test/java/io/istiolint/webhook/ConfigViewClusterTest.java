package io.istiolint.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.testdata.cluster.MockApiServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --cluster}: an informer event changes the Kiali API's answers and tells open pages, without a restart. */
class ConfigViewClusterTest {

  private static final String REVIEWS = "/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/reviews?validate=true";

  @TempDir
  Path dir;

  private static JsonNode get(WebhookServer webhook, String path) throws Exception {
    HttpResponse<String> response = webhook.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JsonMapper.shared().readTree(response.body());
  }

  private static JsonNode until(WebhookServer webhook, String path, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode answer = get(webhook, path);
    while (!done.test(answer) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      answer = get(webhook, path);
    }
    return answer;
  }

  /** The {@code data} of the next {@code view} event whose generation is past {@code after}; fails after 20 s. */
  private static long nextGeneration(BlockingQueue<String> events, long after) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      String line = events.poll(200, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith("data:")) {
        long generation = JsonMapper.shared().readTree(line.substring("data:".length())).get("generation").asLong(0);
        if (generation > after) {
          return generation;
        }
      }
    }
    throw new AssertionError("no view event after generation " + after);
  }

  @Test
  void anInformerEventChangesTheApisAnswerAndTellsThePage() throws Exception {
    try (MockApiServer cluster = MockApiServer.start(0)) {
      cluster.installIstioCrds();
      for (String file : WebhookServer.BOOKINFO_FILES) {
        cluster.create(Files.readString(WebhookServer.BOOKINFO.resolve(file)), "bookinfo");
      }
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"), "mock", "default");

      try (WebhookServer webhook = WebhookServer.start(null, List.of("--cluster", "--kubeconfig", kubeconfig.toString(),
          "-n", "bookinfo", "--self-signed", "--service", "localhost.default"))) {
        JsonNode before = get(webhook, REVIEWS).get("validation");
        assertThat(before.get("valid").asBoolean(false)).isTrue();
        assertThat(before.get("checks")).isEmpty();
        assertThat(get(webhook, REVIEWS).get("references").get("objectReferences")).extracting(r -> r.get("name").asString(""))
            .containsExactly("reviews");
        long first = get(webhook, "/api/istiolint/objects").get("generation").asLong(0);

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        var stream = webhook.client.sendAsync(HttpRequest.newBuilder(webhook.uri("/api/istiolint/events")).GET().build(),
            HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
              @Override
              public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(String line) {
                events.add(line);
              }

              @Override
              public void onError(Throwable throwable) {
                events.add("error: " + throwable);
              }

              @Override
              public void onComplete() {
                events.add("end");
              }
            }));
        assertThat(nextGeneration(events, first - 1)).as("the stream starts with the generation now").isEqualTo(first);

        // DestinationRule reviews is deleted: no DestinationRule defines subset v1 of reviews any more.
        cluster.delete("networking.istio.io/v1", "DestinationRule", "bookinfo", "reviews");

        assertThat(nextGeneration(events, first)).isGreaterThan(first);
        JsonNode after = until(webhook, REVIEWS, r -> !r.get("validation").get("valid").asBoolean(true)).get("validation");
        assertThat(after.get("valid").asBoolean(true)).isFalse();
        assertThat(after.get("checks")).extracting(c -> c.get("code").asString("") + " " + c.get("path").asString(""))
            .containsExactly("IL0102 spec/http[0]/route[0]/destination/subset");
        assertThat(get(webhook, REVIEWS).get("references").get("objectReferences")).isEmpty();
        assertThat(get(webhook, "/api/namespaces/bookinfo/validations").get("errors").asInt(0))
            .isEqualTo(get(webhook, "/api/namespaces/bookinfo/istio?validate=true").get("validations").values().stream()
                .flatMap(gvk -> gvk.values().stream()).flatMap(v -> v.get("checks").values().stream())
                .filter(c -> c.get("severity").asString("").equals("error")).count());
        assertThat(get(webhook, "/api/istiolint/objects").get("objects").values().stream()
            .filter(o -> o.get("kind").asString("").equals("VirtualService") && o.get("name").asString("").equals("reviews"))
            .map(o -> o.get("status").asString(""))).containsExactly("error");
        // The page's view of it: the object as read from the cluster, written as YAML, the finding at its line.
        JsonNode page = get(webhook, "/api/istiolint/objects/bookinfo/networking.istio.io/v1/VirtualService/reviews");
        assertThat(page.get("source").asString("")).isEqualTo("cluster://mock/bookinfo/VirtualService/reviews");
        JsonNode finding = page.get("findings").get(0);
        assertThat(finding.get("code").asString("")).isEqualTo("IL0102");
        assertThat(page.get("lines").get(finding.get("line").asInt(0) - page.get("firstLine").asInt(0)).asString("").strip())
            .isEqualTo("subset: v1");
        stream.cancel(true);
      }
    }
  }
}
