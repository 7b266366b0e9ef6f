package io.istiolint.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.cli.Istiolint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kiali's Istio config API on the webhook over real HTTPS, Bookinfo as the view: the paths, shapes and key names of
 * Kiali's Go models (models/istio_validation.go, istio_config.go, istio_reference.go at kiali/kiali d733a09), and the
 * validations exactly those {@code istiolint lint --format kiali} writes for the same files.
 */
class KialiApiTest {

  /** {@code IstioValidation}'s JSON keys, in the order of its Go struct. */
  static final List<String> VALIDATION_KEYS = List.of("name", "namespace", "cluster", "objectGVK", "valid", "checks", "references");
  static final List<String> GVK_KEYS = List.of("Group", "Version", "Kind");
  static final List<String> CHECK_KEYS = List.of("code", "message", "severity", "path");
  static final List<String> REFERENCE_KEY_KEYS = List.of("objectGVK", "name", "namespace", "cluster");
  /** {@code IstioConfigDetails.MarshalJSON}: a Go map, so its keys sorted. */
  static final List<String> DETAILS_KEYS = List.of("cluster", "gvk", "help", "namespace", "permissions", "references", "resource",
      "validation");
  static final List<String> REFERENCES_KEYS = List.of("objectReferences", "serviceReferences", "workloadReferences");
  static final List<String> SUMMARY_KEYS = List.of("errors", "objectCount", "warnings", "namespace", "cluster");

  private static WebhookServer webhook;

  @BeforeAll
  static void start() throws Exception {
    webhook = WebhookServer.bookinfo();
  }

  @AfterAll
  static void stop() {
    webhook.close();
  }

  static List<String> keys(JsonNode node) {
    return List.copyOf(node.propertyNames());
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response = webhook.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return JsonMapper.shared().readTree(response.body());
  }

  /** What {@code istiolint lint --format kiali} writes for the webhook's snapshot (which is all there is: --complete). */
  static JsonNode lintFormatKiali(List<String> files) {
    List<String> args = new ArrayList<>(List.of("lint", "--format", "kiali", "--complete", "-n", "bookinfo"));
    files.forEach(f -> args.add(WebhookServer.BOOKINFO.resolve(f).toString()));
    StringWriter out = new StringWriter();
    Istiolint.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(new StringWriter()));
    return JsonMapper.shared().readTree(out.toString());
  }

  static void assertKialiValidations(JsonNode validations) {
    assertThat(validations.isObject()).isTrue();
    for (String gvk : validations.propertyNames()) {
      assertThat(gvk).matches("[a-z0-9.]*/v[0-9a-z]+, Kind=[A-Za-z]+");
      for (String key : validations.get(gvk).propertyNames()) {
        JsonNode v = validations.get(gvk).get(key);
        assertThat(keys(v)).as(key).isEqualTo(VALIDATION_KEYS);
        assertThat(key).isEqualTo(v.get("name").asString("") + "." + v.get("namespace").asString(""));
        assertThat(keys(v.get("objectGVK"))).isEqualTo(GVK_KEYS);
        assertThat(gvk).isEqualTo(v.get("objectGVK").get("Group").asString("") + "/" + v.get("objectGVK").get("Version").asString("")
            + ", Kind=" + v.get("objectGVK").get("Kind").asString(""));
        for (JsonNode check : v.get("checks")) {
          assertThat(keys(check)).isEqualTo(CHECK_KEYS);
          assertThat(check.get("severity").asString("")).isIn("error", "warning", "unknown");
          assertThat(check.get("path").asString("")).matches("|(spec|metadata|apiVersion|kind)(/[^/]+)*");
        }
        assertThat(v.get("valid").asBoolean(true)).isEqualTo(v.get("checks").values().stream()
            .noneMatch(c -> c.get("severity").asString("").equals("error")));
        for (JsonNode reference : v.get("references")) {
          assertThat(keys(reference)).isEqualTo(REFERENCE_KEY_KEYS);
        }
      }
    }
  }

  @Test
  void aNamespacesConfigIsKialisShapeWithEveryFindingOfLintFormatKiali() throws Exception {
    JsonNode config = get("/api/namespaces/bookinfo/istio?validate=true");

    assertThat(keys(config)).containsExactly("resources", "validations");
    assertKialiValidations(config.get("validations"));
    assertThat(config.get("validations")).isEqualTo(lintFormatKiali(WebhookServer.BOOKINFO_FILES));
    JsonNode checks = config.get("validations").get("networking.istio.io/v1, Kind=Gateway").get("bookinfo-gateway.bookinfo").get("checks");
    assertThat(checks).extracting(c -> c.get("code").asString("") + " " + c.get("severity").asString("") + " " + c.get("path").asString(""))
        .containsExactly("IL0301 error spec/selector");
    assertThat(config.get("validations").get("networking.istio.io/v1, Kind=DestinationRule").get("reviews.bookinfo").get("checks"))
        .as("infos are Kiali's unknown").isNotEmpty().allSatisfy(c -> assertThat(c.get("severity").asString("")).isEqualTo("unknown"));

    JsonNode resources = config.get("resources");
    assertThat(Set.copyOf(keys(resources))).isEqualTo(Set.copyOf(keys(config.get("validations"))));
    assertThat(resources.get("networking.istio.io/v1, Kind=VirtualService")).extracting(r -> r.get("metadata").get("name").asString(""))
        .containsExactly("bookinfo", "details", "productpage", "ratings", "reviews");
    assertThat(resources.get("networking.istio.io/v1, Kind=VirtualService").get(4).get("spec").get("http").get(0).get("route").get(0)
        .get("destination").get("subset").asString("")).isEqualTo("v1");
  }

  @Test
  void theWholeConfigIsTheSameAndObjectsFiltersByGvk() throws Exception {
    assertThat(get("/api/istio/config?validate=true")).isEqualTo(get("/api/namespaces/bookinfo/istio?validate=true"));

    String gvks = URLEncoder.encode("networking.istio.io/v1, Kind=DestinationRule;networking.istio.io/v1, Kind=Gateway", StandardCharsets.UTF_8);
    JsonNode filtered = get("/api/istio/config?validate=true&objects=" + gvks);
    assertThat(keys(filtered.get("resources"))).containsExactly("networking.istio.io/v1, Kind=DestinationRule",
        "networking.istio.io/v1, Kind=Gateway");
    assertThat(keys(filtered.get("validations"))).isEqualTo(keys(filtered.get("resources")));
    assertThat(filtered.get("validations").get("networking.istio.io/v1, Kind=DestinationRule").size()).isEqualTo(4);

    JsonNode unvalidated = get("/api/namespaces/bookinfo/istio");
    assertThat(unvalidated.get("validations").isNull()).as("as Kiali without validate=true").isTrue();
    assertThat(unvalidated.get("resources")).isEqualTo(get("/api/istio/config?validate=true").get("resources"));
  }

  @Test
  void anObjectsEndpointListsWhatItRefersTo() throws Exception {
    JsonNode vs = get("/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/reviews?validate=true");

    assertThat(keys(vs)).isEqualTo(DETAILS_KEYS);
    assertThat(keys(vs.get("gvk"))).isEqualTo(GVK_KEYS);
    assertThat(vs.get("gvk").get("Kind").asString("")).isEqualTo("VirtualService");
    assertThat(keys(vs.get("namespace"))).containsExactly("name", "cluster");
    assertThat(keys(vs.get("permissions"))).containsExactly("create", "update", "delete");
    assertThat(vs.get("resource").get("spec").get("hosts").get(0).asString("")).isEqualTo("reviews");
    assertThat(keys(vs.get("validation"))).isEqualTo(VALIDATION_KEYS);
    assertThat(vs.get("validation")).isEqualTo(lintFormatKiali(WebhookServer.BOOKINFO_FILES)
        .get("networking.istio.io/v1, Kind=VirtualService").get("reviews.bookinfo"));

    JsonNode references = vs.get("references");
    assertThat(keys(references)).isEqualTo(REFERENCES_KEYS);
    assertThat(references.get("objectReferences")).singleElement().satisfies(r -> {
      assertThat(keys(r)).containsExactly("objectGVK", "name", "namespace");
      assertThat(r.get("objectGVK").get("Kind").asString("") + " " + r.get("namespace").asString("") + "/" + r.get("name").asString(""))
          .isEqualTo("DestinationRule bookinfo/reviews");
    });
    assertThat(references.get("serviceReferences")).singleElement().satisfies(r -> {
      assertThat(keys(r)).containsExactly("name", "namespace");
      assertThat(r.get("namespace").asString("") + "/" + r.get("name").asString("")).isEqualTo("bookinfo/reviews");
    });
    assertThat(references.get("workloadReferences")).isEmpty();

    JsonNode dr = get("/api/namespaces/bookinfo/istio/networking.istio.io/v1/DestinationRule/reviews?validate=true").get("references");
    assertThat(dr.get("serviceReferences")).extracting(r -> r.get("name").asString("")).containsExactly("reviews");
    assertThat(dr.get("workloadReferences")).as("what its subsets select").extracting(r -> r.get("name").asString(""))
        .containsExactly("reviews-v1", "reviews-v2", "reviews-v3");

    JsonNode plain = get("/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/reviews");
    assertThat(plain.get("validation").isNull()).isTrue();
    assertThat(plain.get("references").isNull()).isTrue();
  }

  @Test
  void summariesCountErrorsAndWarningsOfTheValidatedObjects() throws Exception {
    JsonNode summaries = get("/api/istio/validations?namespaces=bookinfo");

    assertThat(summaries).singleElement().satisfies(s -> {
      assertThat(keys(s)).isEqualTo(SUMMARY_KEYS);
      // 5 VirtualServices, 4 DestinationRules, 1 Gateway; the Gateway's selector matches no pod (IL0301); infos are not counted.
      assertThat(s.toString()).isEqualTo("{\"errors\":1,\"objectCount\":10,\"warnings\":0,\"namespace\":\"bookinfo\",\"cluster\":\"\"}");
    });
    assertThat(get("/api/namespaces/bookinfo/validations")).isEqualTo(summaries.get(0));
    assertThat(get("/api/istio/validations")).isEqualTo(summaries);
  }

  @Test
  void whatTheViewLacksIsNotFoundWithAJsonError() throws Exception {
    for (String path : List.of("/api/namespaces/shop/istio?validate=true", "/api/namespaces/shop/validations",
        "/api/istio/validations?namespaces=bookinfo,shop", "/api/namespaces/shop/istio/networking.istio.io/v1/VirtualService/reviews")) {
      HttpResponse<String> response = webhook.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(JsonMapper.shared().readTree(response.body()).get("error").asString(""))
          .isEqualTo("namespace shop not found: the view has no object in it");
    }
    HttpResponse<String> noObject = webhook.get("/api/namespaces/bookinfo/istio/networking.istio.io/v1/VirtualService/ratings-v9?validate=true");
    assertThat(noObject.statusCode()).isEqualTo(404);
    assertThat(noObject.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(keys(JsonMapper.shared().readTree(noObject.body()))).containsExactly("error");
    assertThat(noObject.body()).contains("VirtualService bookinfo/ratings-v9 not found");
  }
}
