package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.Version;
import java.io.IOException;
import tools.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI recipes of the README, each run as the recipe runs it: in the root of a git checkout holding
 * {@code k8s/} (a copy of {@code golden/ci/k8s}), its outputs compared with those under {@code golden/ci/}. The
 * README must show exactly these flags. After a deliberate change of output, regenerate with
 * {@code -Dgolden.update=true}.
 */
class CiRecipesTest {

  private static final Path GOLDEN = Path.of("golden", "ci");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the GitHub Actions recipe runs after `istiolint lint k8s/`. */
  static final String GITHUB_FLAGS = "--format sarif=istiolint.sarif --format github --fail-on warning";
  /** What the GitLab CI recipe runs after `istiolint lint k8s/`. */
  static final String GITLAB_FLAGS = "--format junit=istiolint-junit.xml --format codeclimate=gl-code-quality.json --format text";

  @TempDir
  Path checkout;

  @Test
  void theReadmeShowsTheseCommands() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains("istiolint lint k8s/ " + GITHUB_FLAGS, "istiolint lint k8s/ " + GITLAB_FLAGS);
  }

  @Test
  void githubActions() throws Exception {
    CliProcess cli = run(GITHUB_FLAGS);
    assertThat(cli.exitCode()).as("errors fail the job").isEqualTo(1);
    assertThat(cli.err()).isEmpty();
    golden("github-actions.out", cli.out());
    String sarif = Files.readString(checkout.resolve("istiolint.sarif"));
    Sarif.assertValid(JSON.readTree(sarif));
    golden("github-actions.sarif", sarif);
  }

  @Test
  void gitlabCi() throws Exception {
    CliProcess cli = run(GITLAB_FLAGS);
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).isEmpty();
    golden("gitlab.out", cli.out());
    String junit = Files.readString(checkout.resolve("istiolint-junit.xml"));
    JunitFormatTest.assertValid(junit);
    golden("gitlab-junit.xml", junit);
    String codeQuality = Files.readString(checkout.resolve("gl-code-quality.json"));
    CodeClimateFormatTest.assertValid(JSON.readTree(codeQuality));
    golden("gitlab-code-quality.json", codeQuality);
  }

  /** Runs {@code istiolint lint k8s/ FLAGS} in the checkout, as the recipe's CI job does. */
  private CliProcess run(String flags) throws Exception {
    Files.createDirectory(checkout.resolve(".git"));
    Path k8s = Files.createDirectory(checkout.resolve("k8s"));
    try (var files = Files.list(GOLDEN.resolve("k8s"))) {
      for (Path f : files.toList()) {
        Files.copy(f, k8s.resolve(f.getFileName().toString()));
      }
    }
    List<String> args = new ArrayList<>(List.of("lint", "k8s/"));
    args.addAll(List.of(flags.split(" ")));
    return CliProcess.run(checkout, "", args.toArray(String[]::new));
  }

  private void golden(String name, String actual) throws IOException {
    golden(checkout, name, actual);
  }

  /**
   * Compares the output of a run in {@code checkout} with the golden file; what changes from machine to machine is
   * written as @VERSION@ and @SRCROOT@.
   */
  static void golden(Path checkout, String name, String actual) throws IOException {
    String normalized = actual.replace(checkout.toUri().toString(), "@SRCROOT@")
        .replace("\"" + Version.get() + "\"", "\"@VERSION@\"");
    Path file = GOLDEN.resolve(name);
    if (UPDATE) {
      Files.writeString(file, normalized);
    }
    assertThat(normalized).as("%s (regenerate with -Dgolden.update=true)", file).isEqualTo(Files.readString(file));
  }
}
