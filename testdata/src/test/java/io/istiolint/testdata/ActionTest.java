package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.Version;
import io.istiolint.testdata.InstalledCopy.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.ObjectMapper;

/**
 * The composite GitHub Action (action.yml) run as a runner runs it: each {@code run} step with bash -eo pipefail,
 * the step's environment with the inputs put in, and the runner's variables; the install step downloads the
 * distribution's tarball (from dist/target, through a file: URL where a release's would be), the lint step runs in a
 * checkout holding k8s/ with the GitHub Actions recipe's flags. It must write what that recipe writes
 * (golden/ci/github-actions.*), and the upload step must upload the SARIF log it wrote.
 */
class ActionTest {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void theActionInstallsTheDistributionAndWritesWhatTheRecipeWrites() throws Exception {
    DistributionTest.tarball();
    Map<String, Object> action = (Map<String, Object>) new Load(LoadSettings.builder().build())
        .loadFromString(Files.readString(InstalledCopy.CHECKOUT.resolve("action.yml")));
    Map<String, String> inputs = new HashMap<>();
    ((Map<String, Map<String, Object>>) action.get("inputs")).forEach((name, input) -> inputs.put(name, String.valueOf(input.getOrDefault("default", ""))));
    inputs.putAll(Map.of("version", Version.get(), "paths", "k8s/", "args", "--fail-on warning",
        "tarball-url", DistributionTest.DIST_TARGET.toUri() + "istiolint-{version}-linux-x64.tar.gz"));

    Path checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.createDirectory(checkout.resolve(".git"));
    Path k8s = Files.createDirectory(checkout.resolve("k8s"));
    try (var files = Files.list(Path.of("golden", "ci", "k8s"))) {
      for (Path f : files.toList()) {
        Files.copy(f, k8s.resolve(f.getFileName().toString()));
      }
    }
    Path githubPath = Files.createFile(tmp.resolve("github_path"));
    Map<String, String> runner = new HashMap<>(Map.of("RUNNER_OS", "Linux", "RUNNER_ARCH", "X64",
        "RUNNER_TEMP", Files.createDirectories(tmp.resolve("runner-temp")).toString(), "GITHUB_PATH", githubPath.toString()));

    List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
    assertThat(((Map<String, Object>) action.get("runs")).get("using")).isEqualTo("composite");
    assertThat(steps).hasSize(3);

    Run install = runStep(steps.get(0), inputs, runner, checkout);
    assertThat(install.exitCode()).as(install.err()).isZero();
    List<String> added = Files.readAllLines(githubPath);
    assertThat(added).singleElement().satisfies(bin -> assertThat(Path.of(bin, "istiolint")).isExecutable());
    runner.put("PATH", added.get(0) + ":" + System.getenv("PATH"));

    Run lint = runStep(steps.get(1), inputs, runner, checkout);
    assertThat(lint.exitCode()).as("errors fail the job").isEqualTo(1);
    assertThat(lint.err()).isEmpty();
    CiRecipesTest.golden(checkout, "github-actions.out", lint.out());
    String sarif = Files.readString(checkout.resolve(inputs.get("sarif-file")));
    Sarif.assertValid(JSON.readTree(sarif));
    CiRecipesTest.golden(checkout, "github-actions.sarif", sarif);

    Map<String, Object> upload = steps.get(2);
    assertThat((String) upload.get("uses")).startsWith("github/codeql-action/upload-sarif@v");
    assertThat((String) upload.get("if")).as("uploads after a failed lint").startsWith("always()");
    Map<String, String> with = (Map<String, String>) upload.get("with");
    assertThat(checkout.resolve(substitute(with.get("sarif_file"), inputs))).isRegularFile();
  }

  /** Runs a {@code run} step as a runner does with {@code shell: bash}, in {@code workspace}. */
  @SuppressWarnings("unchecked")
  private static Run runStep(Map<String, Object> step, Map<String, String> inputs, Map<String, String> runner, Path workspace)
      throws Exception {
    assertThat(step.get("shell")).isEqualTo("bash");
    String script = (String) step.get("run");
    assertThat(script).as("inputs reach the script through its environment, not pasted into it").doesNotContain("${{");
    Map<String, String> env = new HashMap<>(runner);
    ((Map<String, String>) step.getOrDefault("env", Map.of())).forEach((name, value) -> env.put(name, substitute(value, inputs)));
    List<String> command = new ArrayList<>(List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script));
    return InstalledCopy.execAsTester(env, command, workspace);
  }

  /** Puts the inputs into {@code ${{ inputs.NAME }}}; any other expression fails the test. */
  private static String substitute(String value, Map<String, String> inputs) {
    Matcher m = EXPRESSION.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      assertThat(m.group(1)).startsWith("inputs.");
      String input = inputs.get(m.group(1).substring("inputs.".length()));
      assertThat(input).as("input of %s", m.group()).isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(input));
    }
    return m.appendTail(out).toString();
  }
}
