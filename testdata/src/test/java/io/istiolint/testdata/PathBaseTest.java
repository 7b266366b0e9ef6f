package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A CI step run in a subdirectory ({@code working-directory: deploy}) still points SARIF, GitHub annotations, JUnit
 * and checkstyle at files of the repository: their names are relative to the repository root (the git work tree
 * around the working directory), or to {@code --path-base}. Text and JSON keep the names as given.
 */
class PathBaseTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A name of the repository's files as the working directory sees it, not preceded by the subdirectory. */
  private static final Pattern FROM_WORKING_DIRECTORY = Pattern.compile("(?<!deploy/)k8s/");
  private static final List<String> FILES = List.of("destination-rules.yaml", "reviews.yaml", "services.yaml");

  @TempDir
  Path tmp;

  /** A repository whose manifests (two errors and an info in two files, and a clean third) are in deploy/k8s. */
  private Path repository(boolean gitFile) throws IOException {
    Path repo = tmp.resolve("repo");
    Path k8s = Files.createDirectories(repo.resolve("deploy/k8s"));
    for (String f : FILES) {
      Files.copy(Path.of(FormatsTest.THREE_FINDINGS, f), k8s.resolve(f));
    }
    if (gitFile) { // a worktree or submodule: .git is a file naming the git directory
      Files.writeString(repo.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/repo\n");
    } else {
      Files.createDirectories(repo.resolve(".git/objects"));
    }
    return repo;
  }

  @Test
  void namesAreRelativeToTheRepositoryRootFromASubdirectory() throws Exception {
    Path repo = repository(false);
    Path deploy = repo.resolve("deploy");
    CliProcess cli = CliProcess.run(deploy, "", "lint", "k8s", "-o", "sarif=out.sarif", "-o", "github=out.github",
        "-o", "junit=out.xml", "-o", "checkstyle=checkstyle.xml", "-o", "json=out.json", "-o", "text");
    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(1);

    JsonNode sarif = JSON.readTree(deploy.resolve("out.sarif").toFile());
    Sarif.assertValid(sarif);
    JsonNode run = sarif.get("runs").get(0);
    URI root = URI.create(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asString(""));
    assertThat(Path.of(root)).isEqualTo(repo.toRealPath());
    List<String> uris = new ArrayList<>();
    for (JsonNode result : run.get("results")) {
      JsonNode artifact = result.get("locations").get(0).get("physicalLocation").get("artifactLocation");
      assertThat(artifact.get("uriBaseId").asString("")).isEqualTo("%SRCROOT%");
      uris.add(artifact.get("uri").asString(""));
      assertThat(Path.of(root.resolve(artifact.get("uri").asString("")))).isRegularFile();
    }
    assertThat(uris).containsExactly("deploy/k8s/destination-rules.yaml", "deploy/k8s/reviews.yaml", "deploy/k8s/reviews.yaml");

    List<String> annotations = Files.readAllLines(deploy.resolve("out.github"));
    assertThat(annotations).hasSize(3).allMatch(a -> a.contains(" file=deploy/k8s/"));

    assertThat(Files.readString(deploy.resolve("out.xml"))).contains("deploy/k8s/reviews.yaml", "deploy/k8s/destination-rules.yaml");
    Document checkstyle = FormatsTest.xml(Files.readString(deploy.resolve("checkstyle.xml")));
    assertThat(named(checkstyle, "file")).containsExactly(
        "deploy/k8s/destination-rules.yaml", "deploy/k8s/reviews.yaml", "deploy/k8s/services.yaml");
    for (String report : List.of("out.sarif", "out.github", "out.xml", "checkstyle.xml")) {
      assertThat(FROM_WORKING_DIRECTORY.matcher(Files.readString(deploy.resolve(report))).find())
          .as("%s names no file from the working directory", report).isFalse();
    }

    assertThat(cli.out()).as("text keeps the names given").startsWith("k8s/destination-rules.yaml:15:3: error IL0006");
    assertThat(JSON.readTree(deploy.resolve("out.json").toFile()).get("findings").get(0).get("location").get("file").asString(""))
        .as("so does JSON").isEqualTo("k8s/destination-rules.yaml");
  }

  @Test
  void aWorktreeRootIsFoundByItsGitFile() throws Exception {
    Path repo = repository(true);
    CliProcess cli = CliProcess.run(repo.resolve("deploy/k8s"), "", "lint", "reviews.yaml", "-o", "github");
    assertThat(cli.out().lines().toList()).hasSize(2).allMatch(a -> a.contains(" file=deploy/k8s/reviews.yaml,"));
  }

  @Test
  void pathBaseOverridesTheRepositoryRoot() throws Exception {
    Path repo = repository(false);
    Path k8s = repo.resolve("deploy/k8s");
    Cli cli = Cli.run("lint", "--path-base", repo.resolve("deploy").toString(), "-o", "checkstyle", k8s.toString());
    assertThat(named(FormatsTest.xml(cli.out()), "file")).containsExactly("k8s/destination-rules.yaml", "k8s/reviews.yaml", "k8s/services.yaml");
    Cli outside = Cli.run("lint", "--path-base", repo.resolve("deploy").toString(), "-o", "github",
        k8s.resolve("reviews.yaml").toString(), FormatsTest.THREE_FINDINGS + "/destination-rules.yaml");
    assertThat(outside.out()).as("a file outside the base keeps its absolute path")
        .contains(" file=k8s/reviews.yaml,", " file=" + Path.of(FormatsTest.THREE_FINDINGS, "destination-rules.yaml").toAbsolutePath() + ",");
  }

  @Test
  void aPathBaseThatIsNoDirectoryIsAUsageError() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "");
    OutputOptionsTest.assertOneLineUsageError(Cli.run("lint", "--path-base", tmp.resolve("none").toString(), FormatsTest.THREE_FINDINGS),
        "--path-base " + tmp.resolve("none") + ": no such directory");
    OutputOptionsTest.assertOneLineUsageError(Cli.run("lint", "--path-base", file.toString(), FormatsTest.THREE_FINDINGS),
        "--path-base " + file + ": not a directory");
  }

  private static List<String> named(Document doc, String tag) {
    NodeList nodes = doc.getElementsByTagName(tag);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      names.add(((Element) nodes.item(i)).getAttribute("name"));
    }
    return names;
  }
}
