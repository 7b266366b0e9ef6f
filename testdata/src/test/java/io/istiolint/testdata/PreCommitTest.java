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
import java.util.Map;
import java.util.regex.Pattern;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.istiolint.testdata.InstalledCopy.Run;
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

  /** A Service as JSON and a VirtualService routing to it, under k8s/: the manifests among a repository's other files. */
  private void writeReviewsManifests() throws IOException {
    write("k8s/service.json", """
        {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "reviews", "namespace": "bookinfo"},
         "spec": {"selector": {"app": "reviews"}, "ports": [{"name": "http", "port": 9080}]}}
        """);
    write("k8s/virtual-service.yaml", """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews}
        """);
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
      assertThat(hook.get("types_or")).extracting(JsonNode::asString).containsExactly("yaml", "json");
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

  /** The hooks leave out what is not manifests: pre-commit would name those files, and named files are linted. */
  @Test
  void theHooksExcludeToolConfiguration() throws Exception {
    YamlText.Parsed hooks = YamlText.parseOne(Files.readString(Path.of("..", ".pre-commit-hooks.yaml")), ".pre-commit-hooks.yaml");
    for (JsonNode hook : hooks.root()) {
      // pre-commit matches with Python's re.search; this pattern means the same in Java.
      Pattern exclude = Pattern.compile(hook.get("exclude").asString(""));
      assertThat(List.of(".pre-commit-config.yaml", ".github/workflows/ci.yml", ".gitlab-ci.yml", "k8s/.helm/values.yaml",
          "docker-compose.yml", "deploy/compose.yaml", "azure-pipelines.yml", "bitbucket-pipelines.yml"))
          .allMatch(f -> exclude.matcher(f).find());
      assertThat(List.of("k8s/virtual-service.yaml", "istio/gateway.yml", "k8s/service.json", "compose/gateway.yaml"))
          .noneMatch(f -> exclude.matcher(f).find());
    }
  }

  /**
   * A directory holds other YAML and JSON too: a file found there none of whose documents has an apiVersion or a kind
   * is skipped quietly, and reported when named. JSON manifests are linted like YAML ones.
   */
  @Test
  void aDirectoryWalkSkipsWhatIsNotMeantAsKubernetesObjects() throws IOException {
    repo = tmp.resolve("walk");
    write("ci/pipeline.yml", "stages: [build, test]\nbuild:\n  script: [mvn verify]\n");
    write("docker-compose.yml", "services:\n  web: {image: nginx}\n");
    write("ansible/site.yml", "- hosts: all\n  tasks: []\n");
    write("web/package.json", "{\"name\": \"web\", \"version\": \"1.0.0\"}\n");
    writeReviewsManifests();
    Path kindOnly = write("k8s/kind-only.yaml", "kind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n");
    Path mixed = write("k8s/mixed.yaml", """
        metadata: {name: stray}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ratings, namespace: bookinfo}
        spec:
          ports: [{name: http, port: 9080}]
        """);

    Cli cli = Cli.run("lint", "--format", "json", repo.toString());
    JsonNode report = cli.json();
    assertThat(report.get("findings")).as("what says it is an object but is not one, and a stray document in a file of objects")
        .extracting(f -> f.get("code").asString("") + " " + f.get("location").get("file").asString("") + ":" + f.get("location").get("line").asInt(0))
        .containsExactlyInAnyOrder("IL0002 " + kindOnly + ":1", "IL0002 " + mixed + ":1");
    assertThat(report.get("summary").get("resources").asInt(0)).as("the Services from JSON and mixed.yaml, the VirtualService")
        .isEqualTo(3);
    assertThat(cli.err()).isEmpty();

    for (String named : List.of("docker-compose.yml", "web/package.json", "ansible/site.yml")) {
      Cli alone = Cli.run("lint", "--format", "json", repo.resolve(named).toString());
      assertThat(alone.json().get("findings")).as(named + " named is reported").extracting(f -> f.get("code").asString(""))
          .containsExactly("IL0002");
    }
    Cli both = Cli.run("lint", "--format", "json", repo.toString(), repo.resolve("docker-compose.yml").toString());
    assertThat(both.json().get("findings")).as("named and found in the directory: named").extracting(f -> f.get("location").get("file").asString(""))
        .containsExactlyInAnyOrder(kindOnly.toString(), mixed.toString(), repo.resolve("docker-compose.yml").toString());
  }

  private static Run git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=istiolint", "-c", "user.email=istiolint@example.invalid",
        "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
    command.addAll(Arrays.asList(args));
    Run run = InstalledCopy.execAsTester(Map.of(), command, dir);
    assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
    return run;
  }

  private static boolean onPath(String program) {
    return Arrays.stream(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }

  /**
   * Both hooks, run by the real pre-commit (Debian's 3.0.4) in a repository with CI files, JSON and YAML manifests:
   * {@code istiolint} from this repository, which pre-commit clones and whose launcher builds the jar on first use,
   * and {@code istiolint-system}, the installed copy on the PATH. Maven stands in for itself through a script that
   * writes what Debian's Maven 3.8.7 writes for {@code mvn -B -q package} (ANSI resets, even in batch mode) and
   * puts the built jar in place, so the first build costs seconds, not minutes.
   */
  @Test
  void theRealPreCommitRunsBothHooksOnManifestsOnly() throws Exception {
    assumeTrue(onPath("pre-commit") && onPath("git"), "pre-commit (Debian's package, installed by .ci/run) and git are needed");
    InstalledCopy install = InstalledCopy.in(tmp);
    Path hooks = InstalledCopy.writableDirectory(tmp.resolve("hooks"));
    Files.createDirectories(hooks.resolve("bin"));
    Files.copy(Path.of("..", ".pre-commit-hooks.yaml"), hooks.resolve(".pre-commit-hooks.yaml"));
    Files.copy(Path.of("..", "bin", "istiolint"), hooks.resolve("bin/istiolint"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    git(hooks, "init", "-q");
    git(hooks, "add", ".");
    git(hooks, "commit", "-q", "-m", "hooks");
    String rev = git(hooks, "rev-parse", "HEAD").out().strip();

    Path maven = InstalledCopy.writableDirectory(tmp.resolve("maven"));
    Files.writeString(maven.resolve("mvn"), """
        #!/usr/bin/env bash
        set -e
        while [ "$1" != "-f" ]; do shift; done
        printf '\\033[0m\\033[0m'
        mkdir -p "$(dirname "$2")/cli/target"
        cp '%s' "$(dirname "$2")/cli/target/istiolint.jar"
        printf '\\033[0m\\033[0m'
        """.formatted(InstalledCopy.JAR));
    Files.setPosixFilePermissions(maven.resolve("mvn"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

    repo = tmp.resolve("project");
    write(".pre-commit-config.yaml", """
        repos:
        - repo: %s
          rev: %s
          hooks:
          - id: istiolint
          - id: istiolint-system
        """.formatted(hooks, rev));
    write(".github/workflows/ci.yml", "on: [push]\njobs:\n  lint: {runs-on: ubuntu-latest, steps: [{run: make}]}\n");
    write(".gitlab-ci.yml", "lint:\n  script: [make]\n");
    write("docker-compose.yml", "services:\n  web: {image: nginx}\n");
    writeReviewsManifests();
    git(repo, "init", "-q");
    git(repo, "add", ".");

    Path home = InstalledCopy.writableDirectory(tmp.resolve("home"));
    Map<String, String> env = Map.of("HOME", home.toString(), "PRE_COMMIT_HOME", home.resolve("pre-commit").toString(),
        "PATH", install.bin() + ":" + maven + ":" + System.getenv("PATH"));
    List<String> preCommit = List.of("pre-commit", "run", "--all-files", "--verbose", "--color", "never");
    Run clean = InstalledCopy.execAsTester(env, preCommit, repo);
    String output = clean.out() + clean.err();
    assertThat(clean.exitCode()).as(output).isZero();
    assertThat(output).as("both hooks saw the two manifests and nothing else")
        .containsSubsequence("no problems in 2 resources in 2 files", "no problems in 2 resources in 2 files")
        .contains("building").doesNotContain("\u001b");

    write("k8s/destination-rule.json", """
        {"apiVersion": "networking.istio.io/v1", "kind": "DestinationRule", "metadata": {"name": "reviews", "namespace": "bookinfo"},
         "spec": {"host": "reviews", "subset": []}}
        """);
    git(repo, "add", ".");
    Run broken = InstalledCopy.execAsTester(env, preCommit, repo);
    String brokenOutput = broken.out() + broken.err();
    assertThat(broken.exitCode()).as(brokenOutput).isEqualTo(1);
    assertThat(brokenOutput).containsSubsequence("k8s/destination-rule.json:2", "k8s/destination-rule.json:2")
        .doesNotContain("building", "\u001b");
  }
}
