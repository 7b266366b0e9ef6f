package io.istiolint.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code istiolint completion bash|zsh|fish}: a completion script generated from the command model, so it always
 * knows the current commands, options and their values. zsh runs picocli's bash script through its bashcompinit;
 * fish has its own ({@link FishCompletion}).
 */
@Command(name = CompletionCommand.NAME, mixinStandardHelpOptions = true,
    description = {"Prints a shell completion script for bash, zsh or fish.",
        "bash: source <(istiolint completion bash), or save it as ~/.local/share/bash-completion/completions/istiolint.",
        "zsh: source <(istiolint completion zsh) in ~/.zshrc.",
        "fish: istiolint completion fish > ~/.config/fish/completions/istiolint.fish"})
final class CompletionCommand implements Callable<Integer> {

  /** Its name; a run of this command needs the whole command model (Istiolint.commandLine). */
  static final String NAME = "completion";

  /** The shells a script is written for. */
  static final class Shells implements Iterable<String> {
    static final List<String> NAMES = List.of("bash", "zsh", "fish");

    @Override
    public java.util.Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }

  /** zsh's own emulation of bash completion, which the bash script needs there. */
  private static final String ZSH_PRELUDE = """
      autoload -U +X compinit && compinit
      autoload -U +X bashcompinit && bashcompinit
      """;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "SHELL", completionCandidates = Shells.class, description = "bash, zsh or fish")
  String shell;

  @Override
  public Integer call() {
    if (!Shells.NAMES.contains(shell)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no completion for shell '" + shell + "': bash, zsh or fish");
    }
    CommandLine root = spec.root().commandLine();
    String script = switch (shell) {
      case "fish" -> FishCompletion.script(root.getCommandSpec());
      case "zsh" -> ZSH_PRELUDE + AutoComplete.bash("istiolint", root);
      default -> AutoComplete.bash("istiolint", root);
    };
    spec.commandLine().getOut().print(script);
    return 0;
  }
}
