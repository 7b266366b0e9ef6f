package io.istiolint.cli;

import io.istiolint.Version;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code istiolint} command: lint, graph, rules, explain, init, version, completion. */
@Command(name = Istiolint.ROOT_NAME,
    description = "Validates Istio configuration: schema, references, conflicts, proxy versions.",
    mixinStandardHelpOptions = true,
    versionProvider = Istiolint.VersionProvider.class,
    subcommands = {LintCommand.class, GraphCommand.class, RulesCommand.class, ExplainCommand.class, InitCommand.class,
        VersionCommand.class, CompletionCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:no finding at or above --fail-on",
        "1:findings at or above --fail-on",
        "2:usage or configuration error (bad flag, missing path, no input)",
        "3:an input could not be read, or istiolint failed"})
public final class Istiolint implements Runnable {

  static final String ROOT_NAME = "istiolint";

  /** Exit code for findings at or above the threshold. */
  static final int FINDINGS = 1;
  /** Exit code for a usage error; picocli uses the same for bad flags. */
  static final int USAGE = 2;
  /** Exit code for an input that could not be read, or an internal failure. */
  static final int IO_ERROR = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(LintCommand.NAME)) {
      // A lint reads the index of the bundled CRDs before it judges its first document; read on the second core
      // while picocli builds the command line, it leaves a cold start's critical path. A failure here is met
      // again, and reported, where the lint reads it.
      CompletableFuture.runAsync(() -> CrdSchemaCatalog.bundledIstio().groups());
    }
    System.exit(run(args, new PrintWriter(System.out, false, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** Runs the command line and returns the exit code; output goes to {@code out}, diagnostics to {@code err}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine(args)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(out)
        .setErr(err)
        .setParameterExceptionHandler(Istiolint::usageError)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("istiolint: internal error: " + e);
          return IO_ERROR;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The command line a run needs. Picocli builds the model of every subcommand it is given, by reflection over
   * their annotations, before it parses a word; a run that starts with a command's name gets a root holding only
   * that command (README "Benchmarks": the cold start). Completion describes every command, and anything else (no
   * command, a mistyped one, {@code --help}) gets the whole model with its listing and "did you mean".
   */
  private static CommandLine commandLine(String[] args) {
    if (args.length > 0 && !args[0].equals(CompletionCommand.NAME)) {
      for (Class<?> command : Istiolint.class.getAnnotation(Command.class).subcommands()) {
        if (command.getAnnotation(Command.class).name().equals(args[0])) {
          CommandLine root = new CommandLine(CommandLine.Model.CommandSpec.create().name(ROOT_NAME));
          return root.addSubcommand(instantiate(command));
        }
      }
    }
    return new CommandLine(new Istiolint());
  }

  private static Object instantiate(Class<?> command) {
    try {
      var constructor = command.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create the " + command.getSimpleName(), e);
    }
  }

  /**
   * A bad flag or value: one line saying what is wrong (with picocli's "did you mean" for a mistyped option) and
   * where the options are listed, rather than the whole usage, which buries the message.
   */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("istiolint: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
    return USAGE;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code --version} output. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"istiolint " + Version.get()};
    }
  }
}
