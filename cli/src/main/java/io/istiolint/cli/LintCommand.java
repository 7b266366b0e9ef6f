package io.istiolint.cli;

import io.istiolint.api.Severity;
import io.istiolint.engine.LintReport;
import io.istiolint.engine.Linter;
import io.istiolint.load.InputCollector;
import io.istiolint.report.JsonReporter;
import io.istiolint.report.Reporter;
import io.istiolint.report.TextReporter;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code istiolint lint}: checks manifests and prints findings. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Checks Istio configuration in files, directories or standard input.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:no finding at or above --fail-on",
        "1:findings at or above --fail-on",
        "2:usage error, a path that does not exist, or no YAML/JSON found",
        "3:an input could not be read (the others were still linted)"})
final class LintCommand implements Callable<Integer> {

  enum Format { TEXT, JSON }

  enum FailOn {
    ERROR(Severity.ERROR), WARNING(Severity.WARNING), INFO(Severity.INFO), NEVER(null);

    final Severity threshold;

    FailOn(Severity threshold) {
      this.threshold = threshold;
    }
  }

  enum ColorMode { AUTO, ALWAYS, NEVER }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  InputOptions input;

  @Option(names = {"-o", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). Machine formats keep stdout pure.")
  Format format;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
      description = "Exit 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Color text output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: only on a terminal, never with NO_COLOR set).")
  ColorMode color;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<InputCollector.Inputs> inputs = input.collect(err);
    if (inputs.isEmpty()) {
      return Istiolint.USAGE;
    }
    Linter linter = new Linter(BuiltInRules.engine(), CrdSchemaCatalog.bundledIstio());
    LintReport report = linter.lint(inputs.get().sources(), input.linterOptions());
    reporter().write(report, out);
    out.flush();
    for (String error : report.inputErrors()) {
      err.println("istiolint: cannot read " + error);
    }
    if (!report.inputErrors().isEmpty()) {
      return Istiolint.IO_ERROR;
    }
    return failOn.threshold != null && report.hasFindingsAtLeast(failOn.threshold) ? Istiolint.FINDINGS : 0;
  }

  private Reporter reporter() {
    return switch (format) {
      case TEXT -> new TextReporter(useColor());
      case JSON -> new JsonReporter();
    };
  }

  private boolean useColor() {
    return switch (color) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
    };
  }
}
