package io.istiolint.cli;

import io.istiolint.api.RuleMeta;
import io.istiolint.config.LintConfig;
import io.istiolint.engine.FailOn;
import io.istiolint.engine.LintReport;
import io.istiolint.engine.Linter;
import io.istiolint.engine.Policy;
import io.istiolint.load.IoErrors;
import io.istiolint.load.InputCollector;
import io.istiolint.load.InputSource;
import io.istiolint.report.CheckstyleReporter;
import io.istiolint.report.CodeClimateReporter;
import io.istiolint.report.GithubReporter;
import io.istiolint.report.JsonReporter;
import io.istiolint.report.JunitReporter;
import io.istiolint.report.KialiReporter;
import io.istiolint.report.Reporter;
import io.istiolint.report.SarifReporter;
import io.istiolint.report.TextReporter;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.rules.RuleDocs;
import io.istiolint.schemas.Suggestions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code istiolint lint}: checks manifests and prints findings. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Checks Istio configuration in files, directories, standard input or a live cluster (--cluster), or files on top of the cluster.",
    exitCodeListHeading = "%nExit codes (the same for every format):%n",
    exitCodeList = {
        "0:no finding at or above --fail-on",
        "1:findings at or above --fail-on",
        "2:usage or config error, a path that does not exist, or no YAML/JSON found",
        "3:an input could not be read (the others were still linted), the cluster could not be read, or an output file could not be written"})
final class LintCommand implements Callable<Integer> {

  enum Format { TEXT, JSON, SARIF, JUNIT, GITHUB, CHECKSTYLE, KIALI, CODECLIMATE }

  /** One {@code --format}: a format, written to a file or (no file) to stdout. */
  record FormatSpec(Format format, Path file) {}

  /** Reads {@code FORMAT} or {@code FORMAT=FILE}. */
  static final class FormatSpecConverter implements CommandLine.ITypeConverter<FormatSpec> {
    @Override
    public FormatSpec convert(String value) {
      int eq = value.indexOf('=');
      String name = eq < 0 ? value : value.substring(0, eq);
      for (Format f : Format.values()) {
        if (f.name().equalsIgnoreCase(name)) {
          if (eq >= 0 && eq == value.length() - 1) {
            throw new CommandLine.TypeConversionException("`" + value + "`: name the file after =, e.g. sarif=istiolint.sarif");
          }
          return new FormatSpec(f, eq < 0 ? null : Path.of(value.substring(eq + 1)));
        }
      }
      throw new CommandLine.TypeConversionException("unknown format `" + name + "`; use one of text, json, sarif, junit,"
          + " github, checkstyle, kiali, codeclimate, each optionally =FILE");
    }
  }

  enum ColorMode { AUTO, ALWAYS, NEVER }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  InputOptions input;

  @Option(names = {"-o", "--format"}, paramLabel = "FORMAT[=FILE]", converter = FormatSpecConverter.class,
      description = "Output format: text, json, sarif, junit, github, checkstyle, kiali or codeclimate (default: text), to FILE or stdout."
          + " Repeatable: --format sarif=out.sarif --format text. Machine formats keep stdout pure.")
  List<FormatSpec> formats = new ArrayList<>();

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the format that would go to stdout to FILE instead.")
  Path output;

  @Option(names = "--fail-on", paramLabel = "LEVEL",
      description = "Exit 1 when a finding is at least this severe: error, warning, info or never"
          + " (default: the config file's failOn, else error).")
  String failOn;

  @Option(names = "--enable", paramLabel = "CODE", split = ",",
      description = "Run this rule even if the config file turns it off (code or name; repeatable, or a comma list).")
  List<String> enable = new ArrayList<>();

  @Option(names = "--disable", paramLabel = "CODE", split = ",",
      description = "Do not run this rule (code or name; repeatable, or a comma list: IL0007,IL0006).")
  List<String> disable = new ArrayList<>();

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Color text output: auto, always or never (default: ${DEFAULT-VALUE}: only on a terminal, never with NO_COLOR set).")
  ColorMode color;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<LintConfig> config = input.config(err);
    if (config.isEmpty()) {
      return Istiolint.USAGE;
    }
    Optional<Policy> policy = policy(config.get(), err);
    List<FormatSpec> outputs = outputs(err);
    if (policy.isEmpty() || outputs == null) {
      return Istiolint.USAGE;
    }
    InputOptions.Read read = input.read(err);
    if (read.inputs() == null) {
      return read.exitCode();
    }
    Linter linter = BuiltInRules.linter();
    LintReport report = linter.lint(read.inputs(), input.linterOptions(config.get()), policy.get());
    boolean written = true;
    for (FormatSpec output : outputs) {
      Reporter reporter = reporter(output, config.get(), policy.get().failOn(), err);
      if (output.file() == null) {
        reporter.write(report, out);
        out.flush();
      } else {
        try (Writer file = Files.newBufferedWriter(output.file(), StandardCharsets.UTF_8)) {
          reporter.write(report, file);
        } catch (IOException e) {
          err.println("istiolint: cannot write " + output.file() + ": " + IoErrors.describe(e));
          written = false;
        }
      }
    }
    if (outputs.stream().allMatch(o -> o.file() != null)) {
      // Every report went to a file: the terminal still says how the run went.
      err.println("istiolint: " + TextReporter.summary(report.summary()));
    }
    report.notices().forEach(n -> err.println("istiolint: note: " + n));
    for (String error : report.inputErrors()) {
      err.println("istiolint: cannot read " + error);
    }
    if (!report.inputErrors().isEmpty() || !written) {
      return Istiolint.IO_ERROR;
    }
    return policy.get().fails(report) ? Istiolint.FINDINGS : 0;
  }

  /** The formats to write; null (after saying why) when two would go to stdout. */
  private List<FormatSpec> outputs(PrintWriter err) {
    List<FormatSpec> specs = formats.isEmpty() ? List.of(new FormatSpec(Format.TEXT, null)) : formats;
    List<FormatSpec> resolved = new ArrayList<>();
    int toStdout = 0;
    for (FormatSpec s : specs) {
      if (s.file() == null) {
        toStdout++;
        resolved.add(new FormatSpec(s.format(), output));
      } else {
        resolved.add(s);
      }
    }
    if (toStdout > 1) {
      err.println("istiolint: only one --format can go to stdout; write the others to files: --format sarif=out.sarif");
      return null;
    }
    return resolved;
  }

  /** The config file's policy with the flags applied; empty (after saying why) for an unknown level or rule. */
  private Optional<Policy> policy(LintConfig config, PrintWriter err) {
    Policy policy = config.policy();
    if (failOn != null) {
      Optional<FailOn> level = FailOn.parse(failOn);
      if (level.isEmpty()) {
        err.println("istiolint: --fail-on " + failOn + ": use error, warning, info or never");
        return Optional.empty();
      }
      policy = policy.withFailOn(level.get());
    }
    List<String> on = codes(enable, "--enable", err);
    List<String> off = codes(disable, "--disable", err);
    if (on == null || off == null) {
      return Optional.empty();
    }
    return Optional.of(policy.withRules(on, off));
  }

  private static List<String> codes(List<String> given, String flag, PrintWriter err) {
    List<String> codes = new ArrayList<>();
    for (String g : given) {
      Optional<RuleMeta> rule = BuiltInRules.find(g);
      if (rule.isEmpty()) {
        Optional<String> close = Suggestions.closest(g.toUpperCase(Locale.ROOT),
            BuiltInRules.catalogue().stream().map(RuleMeta::code).toList());
        err.println("istiolint: " + flag + " " + g + ": no such rule" + close.map(c -> "; did you mean " + c + "?").orElse(""));
        return null;
      }
      codes.add(rule.get().code());
    }
    return codes;
  }

  private Reporter reporter(FormatSpec spec, LintConfig config, FailOn threshold, PrintWriter err) {
    return switch (spec.format()) {
      case TEXT -> new TextReporter(spec.file() == null && useColor());
      case JSON -> new JsonReporter();
      case SARIF -> new SarifReporter(BuiltInRules.catalogue(), config.docsUrl(), RuleDocs::page, Path.of(""));
      case JUNIT -> new JunitReporter(threshold, BuiltInRules.catalogue());
      case GITHUB -> new GithubReporter(System.getenv(), err);
      case CHECKSTYLE -> new CheckstyleReporter();
      case KIALI -> new KialiReporter("");
      case CODECLIMATE -> new CodeClimateReporter(Path.of(""));
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
