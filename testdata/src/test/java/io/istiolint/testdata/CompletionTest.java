package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.istiolint.testdata.InstalledCopy.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code istiolint completion}: each script is valid in its shell, and the shell itself completes with it. */
class CompletionTest {

  @TempDir
  Path tmp;

  /**
   * What bash offers for the words typed so far (the last one being completed), through the function the script
   * registered for {@code istiolint}, as bash calls it on TAB.
   */
  private static List<String> complete(Path script, String... words) throws Exception {
    String driver = """
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        function=$(complete -p istiolint | sed -n 's/.* -F \\([^ ]*\\) .*/\\1/p')
        "$function" istiolint "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\\n' "${COMPREPLY[@]}"
        """;
    List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", driver, "bash", script.toString()));
    command.addAll(List.of(words));
    Run run = InstalledCopy.execAsTester(Map.of(), command, script.getParent());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out().lines().filter(l -> !l.isBlank()).map(String::strip).toList();
  }

  private Path script(String shell) throws Exception {
    Cli cli = Cli.run("completion", shell);
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    return Files.writeString(tmp.resolve("istiolint." + shell), cli.out());
  }

  @Test
  void theBashScriptIsBashAndCompletesCommandsOptionsAndValues() throws Exception {
    Path script = script("bash");
    Run syntax = InstalledCopy.execAsTester(Map.of(), List.of("bash", "-n", script.toString()), tmp);
    assertThat(syntax.exitCode()).as(syntax.err()).isZero();
    assertThat(complete(script, "istiolint", "li")).containsExactly("lint");
    assertThat(complete(script, "istiolint", "lint", "--fail-")).containsExactly("--fail-on");
    assertThat(complete(script, "istiolint", "completion", "")).containsExactlyInAnyOrder("bash", "zsh", "fish");
  }

  @Test
  void theZshScriptLoadsBashCompletionFirstAndRegistersItself() throws Exception {
    Path script = script("zsh");
    assertThat(Files.readString(script)).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
        .endsWith(Files.readString(script("bash")));
    assumeTrue(onPath("zsh"), "zsh (Debian's, installed by .ci/run) runs the script");
    // -f: no user start-up files; compinit -u would only skip its ownership check of the function directories.
    Run run = InstalledCopy.execAsTester(Map.of("HOME", tmp.toString()), List.of("zsh", "-f", "-c",
        "source \"$1\" && print -r -- ${_comps[istiolint]}", "zsh", script.toString()), tmp);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().strip()).as("the completion function zsh calls for istiolint").isNotEmpty();
  }

  /** What fish offers for the command line typed so far, as it does on TAB ({@code complete -C}). */
  private static List<String> fishComplete(Path script, String line) throws Exception {
    Run run = InstalledCopy.execAsTester(Map.of("HOME", script.getParent().toString()), List.of("fish", "--no-config", "-c",
        "source $argv[1]; complete -C $argv[2]", script.toString(), line), script.getParent());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out().lines().map(l -> l.split("\t")[0]).toList();
  }

  @Test
  void theFishScriptCompletesCommandsOptionsAndValues() throws Exception {
    Path script = script("fish");
    assumeTrue(onPath("fish"), "fish (Debian's, installed by .ci/run) runs the script");
    Run syntax = InstalledCopy.execAsTester(Map.of(), List.of("fish", "--no-execute", script.toString()), tmp);
    assertThat(syntax.exitCode()).as(syntax.err()).isZero();
    assertThat(fishComplete(script, "istiolint li")).containsExactly("lint");
    assertThat(fishComplete(script, "istiolint lint --fail-")).containsExactly("--fail-on");
    assertThat(fishComplete(script, "istiolint lint --color ")).containsExactlyInAnyOrder("auto", "always", "never");
    assertThat(fishComplete(script, "istiolint completion ")).containsExactlyInAnyOrder("bash", "zsh", "fish");
    assertThat(fishComplete(script, "istiolint explain --")).as("only explain's own options").contains("--help")
        .doesNotContain("--fail-on");
  }

  private static boolean onPath(String program) {
    return java.util.Arrays.stream(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }

  @Test
  void anUnknownShellIsAUsageError() {
    Cli cli = Cli.run("completion", "tcsh");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).startsWith("istiolint: no completion for shell 'tcsh': bash, zsh or fish\n");
  }
}
