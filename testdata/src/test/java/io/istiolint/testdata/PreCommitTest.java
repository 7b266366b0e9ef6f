package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.istiolint.load.YamlText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-commit hook: given only the changed file, it resolves that file's references against the whole
 * repository ({@code --reference .}) and reports on nothing else.
 */
class PreCommitTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private Path repo;

  private Path write(String file, String text) throws IOException {
    Path p = repo.resolve(file);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  /** A repository whose routing, destination rules, services and gateway live in different directories. */
  private Path repository() throws IOException {
    repo = tmp.resolve("repo");
    write("platform/bookinfo/destination-rules.yaml", """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          host: reviews
          subsets:
          - {name: v1, labels: {version: v1}}
        """);
    write("platform/bookinfo/services.yaml", """
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          selector: {app: reviews}
          ports: [{name: http, port: 9080}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews-v1, namespace: bookinfo}
        spec:
          selector: {matchLabels: {app: reviews, version: v1}}
          template:
            metadata: {labels: {app: reviews, version: v1}}
            spec: {containers: [{name: reviews, image: reviews:1}]}
        """);
    write("platform/ingress/gateway.yaml", """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: istio-system}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: ["*"]
        """);
    write("platform/legacy/broken.yaml", """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: legacy, namespace: bookinfo}
        spec:
          hosts: [legacy]
          htp: []
        """);
    return write("apps/reviews/virtual-service.yaml", """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          gateways: [istio-system/public]
          http:
          - route:
            - destination: {host: reviews, subset: v1}
        """);
  }

  private static List<String> references(Path kiali) throws IOException {
    JsonNode vs = JSON.readTree(kiali.toFile()).get("networking.istio.io/v1, Kind=VirtualService").get("reviews.bookinfo");
    List<String> refs = new ArrayList<>();
    vs.get("references").forEach(r -> refs.add(r.get("objectGVK").get("Kind").asString("") + " " + r.get("namespace").asString("")
        + "/" + r.get("name").asString("")));
    return refs;
  }

  @Test
  void theChangedFileResolvesAgainstTheWholeRepository() throws IOException {
    Path changed = repository();
    Path kiali = tmp.resolve("kiali-alone.json");
    Cli alone = Cli.run("lint", "--format", "kiali=" + kiali, changed.toString());
    assertThat(alone.exitCode()).isZero();
    assertThat(references(kiali)).as("nothing to resolve against").isEmpty();

    Path withRepo = tmp.resolve("kiali-repo.json");
    Cli cli = Cli.run("lint", "--reference", repo.toString(), "--format", "kiali=" + withRepo, "--format", "json", changed.toString());
    assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
    assertThat(references(withRepo)).containsExactly("DestinationRule bookinfo/reviews", "Gateway istio-system/public",
        "Service bookinfo/reviews");
    JsonNode report = cli.json();
    assertThat(report.get("findings")).as("nothing reported on the other files (broken.yaml has an unknown field),"
        + " and the changed file, also under --reference, is not a duplicate of itself").isEmpty();
    assertThat(report.get("summary").get("resources").asInt(0)).isEqualTo(1);
    assertThat(report.get("summary").get("files").asInt(0)).isEqualTo(1);
    assertThat(report.get("summary").get("unverifiedReferences").asInt(0)).isZero();

    assertThat(Cli.run("lint", platformFile("legacy/broken.yaml")).exitCode()).as("broken.yaml is broken").isEqualTo(1);
  }

  @Test
  void aSubsetTheRepositoryDoesNotDefineIsFoundOnlyWithTheReference() throws IOException {
    repository();
    Path changed = write("apps/reviews/virtual-service.yaml", """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v2}
        """);
    JsonNode alone = JSON.readTree(Cli.run("lint", "--format", "json", changed.toString()).out());
    assertThat(alone.get("findings")).as("without the repository nothing can be judged").isEmpty();
    assertThat(alone.get("summary").get("unverifiedReferences").asInt(0)).isPositive();

    Cli cli = Cli.run("lint", "--format", "json", "--reference", repo.toString(), changed.toString());
    assertThat(cli.exitCode()).isEqualTo(1);
    JsonNode findings = JSON.readTree(cli.out()).get("findings");
    assertThat(findings).extracting(f -> f.get("code").asString("") + " " + f.get("location").get("file").asString("")
        + ":" + f.get("location").get("line").asInt(0)).containsExactly("IL0102 " + changed + ":8");
    assertThat(findings.get(0).get("hint").asString("")).contains("v1");
  }

  private String platformFile(String name) {
    return repo.resolve("platform").resolve(name).toString();
  }

  @Test
  void theGraphOfTheChangedFileReachesIntoTheRepository() throws IOException {
    Path changed = repository();
    Cli cli = Cli.run("graph", "--format", "json", "--reference", repo.toString(), "--focus", "VirtualService/bookinfo/reviews",
        changed.toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    JsonNode graph = cli.json();
    assertThat(graph.get("edges")).extracting(e -> e.get("relation").asString("") + (e.get("resolved").asBoolean(false) ? "" : "?"))
        .contains("route", "subset", "defined-by", "gateway", "served-by", "selects").doesNotContain("gateway?");
  }

  /** Each hook of .pre-commit-hooks.yaml, run as pre-commit runs it: its entry, then the changed files. */
  @Test
  void theHooksRunWithTheirEntryArguments() throws Exception {
    YamlText.Parsed hooks = YamlText.parseOne(Files.readString(Path.of("..", ".pre-commit-hooks.yaml")), ".pre-commit-hooks.yaml");
    assertThat(hooks.root()).hasSize(2);
    Path changed = repository();
    for (JsonNode hook : hooks.root()) {
      assertThat(hook.get("language").asString("")).isIn("script", "system");
      assertThat(hook.get("require_serial").asBoolean(false)).as("one run sees every changed file").isTrue();
      assertThat(hook.get("types")).extracting(JsonNode::asString).containsExactly("yaml");
      List<String> entry = Arrays.asList(hook.get("entry").asString("").split(" "));
      assertThat(entry.get(0)).isIn("bin/istiolint", "istiolint");
      if (entry.get(0).startsWith("bin/")) {
        assertThat(Path.of("..").resolve(entry.get(0))).isExecutable();
      }
      // pre-commit runs the hook from the repository's root: "." is the repository.
      List<String> args = new ArrayList<>(entry.subList(1, entry.size()).stream().map(a -> a.equals(".") ? repo.toString() : a).toList());
      args.add(changed.toString());
      Cli cli = Cli.run(args.toArray(String[]::new));
      assertThat(cli.exitCode()).as(hook.get("id") + ": " + cli.out()).isZero();
      assertThat(cli.out()).isEqualTo("no problems in 1 resource in 1 file\n");
    }
  }
}
