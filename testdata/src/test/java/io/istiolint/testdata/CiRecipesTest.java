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
 * The CI recipes of the README, each run as the recipe runs it (on {@code golden/ci/k8s} instead of
 * {@code k8s/}) and compared with the outputs under {@code golden/ci/}. The README must show exactly these
 * flags. After a deliberate change of output, regenerate with {@code -Dgolden.update=true}.
 */
class CiRecipesTest {

  private static final Path GOLDEN = Path.of("golden", "ci");
  private static final String INPUT = GOLDEN.resolve("k8s").toString();
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the GitHub Actions recipe runs after `istiolint lint k8s/`. */
  static final String GITHUB_FLAGS = "--format sarif=istiolint.sarif --format github --fail-on warning";
  /** What the GitLab CI recipe runs after `istiolint lint k8s/`. */
  static final String GITLAB_FLAGS = "--format junit=istiolint-junit.xml --format codeclimate=gl-code-quality.json --format text";

  @TempDir
  Path dir;

  @Test
  void theReadmeShowsTheseCommands() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains("istiolint lint k8s/ " + GITHUB_FLAGS, "istiolint lint k8s/ " + GITLAB_FLAGS);
  }

  @Test
  void githubActions() throws IOException {
    Cli cli = run(GITHUB_FLAGS);
    assertThat(cli.exitCode()).as("errors fail the job").isEqualTo(1);
    assertThat(cli.err()).isEmpty();
    golden("github-actions.out", cli.out());
    String sarif = Files.readString(dir.resolve("istiolint.sarif"));
    Sarif.assertValid(JSON.readTree(sarif));
    golden("github-actions.sarif", sarif);
  }

  @Test
  void gitlabCi() throws Exception {
    Cli cli = run(GITLAB_FLAGS);
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).isEmpty();
    golden("gitlab.out", cli.out());
    String junit = Files.readString(dir.resolve("istiolint-junit.xml"));
    JunitFormatTest.assertValid(junit);
    golden("gitlab-junit.xml", junit);
    String codeQuality = Files.readString(dir.resolve("gl-code-quality.json"));
    CodeClimateFormatTest.assertValid(JSON.readTree(codeQuality));
    golden("gitlab-code-quality.json", codeQuality);
  }

  /** Runs {@code lint INPUT FLAGS}, output files going to the temporary directory. */
  private Cli run(String flags) {
    List<String> args = new ArrayList<>(List.of("lint", INPUT));
    for (String flag : flags.split(" ")) {
      int eq = flag.indexOf('=');
      args.add(eq < 0 ? flag : flag.substring(0, eq + 1) + dir.resolve(flag.substring(eq + 1)));
    }
    return Cli.run(args.toArray(String[]::new));
  }

  /** Compares with the golden file; what changes from machine to machine is written as @VERSION@ and @SRCROOT@. */
  private static void golden(String name, String actual) throws IOException {
    String normalized = actual.replace(Path.of("").toAbsolutePath().toUri().toString(), "@SRCROOT@")
        .replace("\"" + Version.get() + "\"", "\"@VERSION@\"");
    Path file = GOLDEN.resolve(name);
    if (UPDATE) {
      Files.writeString(file, normalized);
    }
    assertThat(normalized).as("%s (regenerate with -Dgolden.update=true)", file).isEqualTo(Files.readString(file));
  }
}
