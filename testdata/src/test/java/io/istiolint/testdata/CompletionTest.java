package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.testdata.InstalledCopy.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code istiolint completion}: the script is bash, and bash itself completes with it. */
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
    assertThat(complete(script, "istiolint", "completion", "")).containsExactlyInAnyOrder("bash", "zsh");
  }

  @Test
  void theZshScriptLoadsBashCompletionFirst() throws Exception {
    String zsh = Files.readString(script("zsh"));
    assertThat(zsh).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
        .endsWith(Files.readString(script("bash")));
  }

  @Test
  void anUnknownShellIsAUsageError() {
    Cli cli = Cli.run("completion", "tcsh");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).startsWith("istiolint: no completion for shell 'tcsh': bash or zsh\n");
  }
}
