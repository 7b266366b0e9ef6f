package io.istiolint.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The webhook over real HTTPS, judging AdmissionReviews against Bookinfo. */
class WebhookHttpsTest {

  private static WebhookServer webhook;

  @BeforeAll
  static void start() throws Exception {
    webhook = WebhookServer.bookinfo();
  }

  @AfterAll
  static void stop() {
    webhook.close();
  }

  private static String fixture(String name) throws Exception {
    return Files.readString(WebhookServer.ADMISSION.resolve(name));
  }

  private static List<String> warnings(JsonNode response) {
    return response.path("warnings").values().stream().map(w -> w.asString("")).toList();
  }

  @Test
  void anUpdateRoutingToAMissingSubsetIsDenied() throws Exception {
    JsonNode response = webhook.review(fixture("update-reviews-v4.json"));

    assertThat(response.path("uid").asString("")).isEqualTo("a1b2c3d4-0001");
    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("code").asInt(0)).isEqualTo(403);
    assertThat(response.path("status").path("message").asString("")).isEqualTo("""
        istiolint: VirtualService bookinfo/reviews has 1 error:
        IL0102 spec.http[0].route[0].destination.subset: subset `v4` is not defined by DestinationRule bookinfo/reviews \
        (host `reviews`), which applies to `reviews` in namespace bookinfo; it defines `v1`, `v2`, `v3` (fix: did you mean `v1`?)""");
  }

  @Test
  void anUpdateRoutingToADefinedSubsetIsAllowed() throws Exception {
    JsonNode response = webhook.review(fixture("update-reviews-v3.json"));

    assertThat(response.path("uid").asString("")).isEqualTo("a1b2c3d4-0002");
    assertThat(response.path("allowed").asBoolean(false)).isTrue();
    assertThat(response.has("warnings")).isFalse();
    assertThat(response.has("status")).isFalse();
  }

  @Test
  void onlyAWarningIsAllowedWithIt() throws Exception {
    JsonNode response = webhook.review(fixture("update-reviews-unreachable-route.json"));

    assertThat(response.path("allowed").asBoolean(false)).isTrue();
    assertThat(warnings(response)).singleElement().asString().startsWith("IL0108 spec.http[1]");
  }

  @Test
  void deletingTheDestinationRulesWarnsOfTheRoutesThatUseThem() throws Exception {
    for (String name : List.of("reviews", "details", "productpage", "ratings")) {
      String review = fixture("delete-destinationrule-reviews.json").replace("\"reviews\"", "\"" + name + "\"");

      JsonNode response = webhook.review(review);

      assertThat(response.path("allowed").asBoolean(false)).as(name).isTrue();
      assertThat(warnings(response)).as(name).singleElement().asString()
          .startsWith("deleting DestinationRule bookinfo/" + name + " breaks VirtualService bookinfo/" + name
              + ": IL0102 spec.http[0].route[0].destination.subset: subset `v1` of `" + name + "` is not defined");
    }
  }

  @Test
  void deletingWhatNothingUsesIsSilent() throws Exception {
    String review = fixture("delete-destinationrule-reviews.json").replace("\"reviews\"", "\"unused\"");

    JsonNode response = webhook.review(review);

    assertThat(response.path("allowed").asBoolean(false)).isTrue();
    assertThat(response.has("warnings")).isFalse();
  }

  @Test
  void anUpdateKeepingAnErrorThatWasAlreadyThereIsAllowed() throws Exception {
    ObjectNode review = (ObjectNode) JsonMapper.shared().readTree(fixture("update-reviews-v4.json"));
    ObjectNode request = (ObjectNode) review.get("request");
    request.set("oldObject", request.get("object").deepCopy());
    ((ObjectNode) request.get("object").get("metadata")).putObject("labels").put("team", "reviews");

    JsonNode response = webhook.review(review.toString());

    assertThat(response.path("allowed").asBoolean(false)).isTrue();
    assertThat(warnings(response)).singleElement().asString().startsWith("IL0102 ").endsWith("[already there before this update]");
  }

  @Test
  void aRequestWithoutAnObjectIsAllowedWithAWarning() throws Exception {
    JsonNode response = webhook.review(fixture("create-without-object.json"));

    assertThat(response.path("allowed").asBoolean(false)).isTrue();
    assertThat(warnings(response)).containsExactly("istiolint: the request carries no object, so it was not checked");
  }

  @Test
  void garbageIsABadRequestAndTheServerGoesOn() throws Exception {
    HttpResponse<String> notJson = webhook.post("{not json".getBytes(StandardCharsets.UTF_8));
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).startsWith("the body is not JSON");

    HttpResponse<String> wrongKind = webhook.post("""
        {"apiVersion": "admission.k8s.io/v1beta1", "kind": "AdmissionReview", "request": {"uid": "x"}}""".getBytes(StandardCharsets.UTF_8));
    assertThat(wrongKind.statusCode()).isEqualTo(400);
    assertThat(wrongKind.body()).contains("expected apiVersion admission.k8s.io/v1").contains("admissionReviewVersions must be [v1]");

    HttpResponse<String> noRequest = webhook.post("""
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview"}""".getBytes(StandardCharsets.UTF_8));
    assertThat(noRequest.statusCode()).isEqualTo(400);
    assertThat(noRequest.body()).isEqualTo("the AdmissionReview has no request\n");

    byte[] huge = new byte[4 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertThat(webhook.post(huge).statusCode()).isEqualTo(413);

    assertThat(webhook.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(webhook.review(fixture("update-reviews-v3.json")).path("allowed").asBoolean(false)).isTrue();
  }

  @Test
  void plainHttpGetsNoAnswer() throws Exception {
    try (Socket socket = new Socket("localhost", webhook.port)) {
      socket.setSoTimeout(5000);
      byte[] body = fixture("update-reviews-v4.json").getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String answer = new String(readUntilClosed(socket.getInputStream()), StandardCharsets.ISO_8859_1);
      assertThat(answer).doesNotContain("HTTP/1.1").doesNotContain("AdmissionReview").doesNotContain("allowed");
    }
  }

  /**
   * What the server sent before it closed the connection. Closing with the request still unread makes the server's
   * TCP stack reset the connection, which the client may see as a reset instead of an end of stream: both are a
   * close, so what arrived before either is the answer.
   */
  private static byte[] readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        received.write(buffer, 0, n);
      }
    } catch (SocketException reset) {
      // closed by a reset: nothing more will come
    }
    return received.toByteArray();
  }

  @Test
  void healthReadinessAndMetrics() throws Exception {
    webhook.review(fixture("update-reviews-v4.json"));

    assertThat(webhook.get("/healthz").body()).isEqualTo("ok\n");
    assertThat(webhook.get("/readyz").body()).isEqualTo("ready\n");
    String metrics = webhook.get("/metrics").body();
    assertThat(metrics).contains("istiolint_snapshot_resources 24.0")
        .contains("istiolint_rule_errors_total 0.0")
        // The view taken as all there is: no ingress gateway pods, so the Gateway's selector matches nothing (IL0301).
        .contains("istiolint_view_findings{severity=\"error\"} 1.0")
        .contains("istiolint_view_findings{severity=\"info\"} 6.0")
        .containsPattern("istiolint_admission_duration_seconds_count\\{dry_run=\"false\",kind=\"VirtualService\",operation=\"UPDATE\",result=\"denied\"} [1-9]")
        .contains("istiolint_admission_violations_total{mode=\"enforce\"}")
        .contains("istiolint_admission_duration_seconds_bucket");
  }
}
