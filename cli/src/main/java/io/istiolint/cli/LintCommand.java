package io.istiolint.cli;

import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code istiolint lint}: checks manifests and prints findings. */
@Command(name = LintCommand.NAME, mixinStandardHelpOptions = true,
    description = "Checks Istio configuration in files, directories, standard input or a live cluster (--cluster), or files on top of the cluster.",
    exitCodeListHeading = "%nExit codes (the same for every format):%n",
    exitCodeList = {
        "0:no finding at or above --fail-on",
        "1:findings at or above --fail-on",
        "2:usage or config error, a path that does not exist, or no YAML/JSON found",
        "3:an input could not be read (the others were still linted), the cluster could not be read, or an output file could not be written"})
final class LintCommand implements Callable<Integer> {

  static final String NAME = "lint";

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
      throw new CommandLine.TypeConversionException("unknown format " + name + "; " + suggestion(value, name));
    }

    /** What was probably meant: a file (the old meaning of --output), a misspelt format, or the list. */
    private static String suggestion(String value, String name) {
      boolean looksLikeFile = name.contains(".") || name.contains("/") || name.contains(java.io.File.separator)
          || Files.exists(Path.of(name));
      if (value.indexOf('=') < 0 && looksLikeFile) {
        return "did you mean --output-file " + value + "?";
      }
      List<String> names = Arrays.stream(Format.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
      return Suggestions.closest(name, names).map(c -> "did you mean " + c + "?")
          .orElse("use one of " + String.join(", ", names) + ", each optionally =FILE");
    }
  }

  /** Formats read against a checkout (code scanning, annotations, CI test reports): their files are named from the {@link PathBase}. */
  private static final Set<Format> REPOSITORY_FORMATS = EnumSet.of(Format.SARIF, Format.GITHUB, Format.JUNIT, Format.CHECKSTYLE, Format.CODECLIMATE);

  enum ColorMode { AUTO, ALWAYS, NEVER }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  InputOptions input;

  @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT[=FILE]", converter = FormatSpecConverter.class,
      description = "Output format: text, json, sarif, junit, github, checkstyle, kiali or codeclimate (default: text), to FILE or stdout."
          + " Repeatable: -o sarif=out.sarif -o text. Machine formats keep stdout pure.")
  List<FormatSpec> formats = new ArrayList<>();

  @Option(names = "--output-file", paramLabel = "FILE",
      description = "Write the format that would go to stdout to FILE instead.")
  Path outputFile;

  @Option(names = "--fail-on", paramLabel = "LEVEL",
      description = "Exit 1 when a finding is at least this severe: error, warning, info or never"
          + " (default: the config file's failOn, else error).")
  String failOn;

  @Option(names = "--min-severity", paramLabel = "LEVEL", converter = MinSeverity.Converter.class,
      description = "Show only findings at least this severe: error, warning or info (default: info, all of them);"
          + " the summary counts the others, and --fail-on still sees them.")
  Severity minSeverity = Severity.INFO;

  @Option(names = "--suppress", paramLabel = "CODE=RESOURCE", converter = Suppression.Converter.class,
      description = "Suppress a rule's findings on some resources, as istioctl -S: 'IL0101=VirtualService shop/*'"
          + " (Kind namespace/name, or Kind name; * and ? in each part); counted as suppressed. Repeatable.")
  List<Suppression> suppressions = new ArrayList<>();

  @Option(names = "--path-base", paramLabel = "DIR",
      description = "File names in sarif, github, junit and checkstyle output are relative to DIR"
          + " (default: the root of the git repository around the working directory, else the working directory).")
  Path pathBase;

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
    PathBase base = pathBase(err);
    if (policy.isEmpty() || outputs == null || base == null) {
      return Istiolint.USAGE;
    }
    InputOptions.Read read = input.read(err);
    if (read.inputs() == null) {
      return read.exitCode();
    }
    Linter linter = BuiltInRules.linter();
    LintReport linted = linter.lint(read.inputs(), input.linterOptions(config.get()), policy.get());
    LintReport report = MinSeverity.hideBelow(linted, minSeverity);
    LintReport fromBase = null; // made once, for the first format that needs it
    boolean written = true;
    for (FormatSpec output : outputs) {
      Reporter reporter = reporter(output, config.get(), policy.get().failOn(), base.directory(), err);
      LintReport shown = report;
      if (REPOSITORY_FORMATS.contains(output.format())) {
        fromBase = fromBase == null ? base.apply(report) : fromBase;
        shown = fromBase;
      }
      if (output.file() == null) {
        reporter.write(shown, out);
        out.flush();
      } else {
        try (Writer file = Files.newBufferedWriter(output.file(), StandardCharsets.UTF_8)) {
          reporter.write(shown, file);
        } catch (IOException e) {
          err.println("istiolint: cannot write " + output.file() + ": " + IoErrors.describe(e));
          written = false;
        }
      }
    }
    if (outputs.stream().allMatch(o -> o.file() != null)) {
      // Every report went to a file: the terminal still says how the run went.
      err.println("istiolint: " + TextReporter.summary(report.summary(), input.complete));
    }
    report.notices().forEach(n -> err.println("istiolint: note: " + n));
    for (String error : report.inputErrors()) {
      err.println("istiolint: cannot read " + error);
    }
    if (!report.inputErrors().isEmpty() || !written) {
      return Istiolint.IO_ERROR;
    }
    return policy.get().fails(linted) ? Istiolint.FINDINGS : 0;
  }

  /**
   * The formats to write, {@code --output-file} applied to the one going to stdout; null (after saying why) when two
   * would go to stdout, {@code --output-file} has no format to take, or two formats would write one file.
   */
  private List<FormatSpec> outputs(PrintWriter err) {
    List<FormatSpec> specs = formats.isEmpty() ? List.of(new FormatSpec(Format.TEXT, null)) : formats;
    List<FormatSpec> toStdout = specs.stream().filter(s -> s.file() == null).toList();
    if (toStdout.size() > 1) {
      err.println("istiolint: only one --output format can go to stdout (" + names(toStdout)
          + "); write the others to files: --output sarif=out.sarif");
      return null;
    }
    if (outputFile != null && toStdout.isEmpty()) {
      err.println("istiolint: --output-file " + outputFile + ": every format already goes to its own file");
      return null;
    }
    List<FormatSpec> resolved = specs.stream()
        .map(s -> s.file() == null ? new FormatSpec(s.format(), outputFile) : s).toList();
    Map<Path, FormatSpec> byFile = new HashMap<>();
    for (FormatSpec s : resolved) {
      FormatSpec other = s.file() == null ? null : byFile.putIfAbsent(s.file().toAbsolutePath().normalize(), s);
      if (other != null) {
        err.println("istiolint: " + names(List.of(other, s)) + " would both write " + s.file() + ": give each its own file");
        return null;
      }
    }
    return resolved;
  }

  private static String names(List<FormatSpec> specs) {
    return specs.stream().map(s -> s.format().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" and "));
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
    policy = policy.withRules(on, off);
    for (Suppression s : suppressions) {
      policy = policy.withSuppressed(s.code(), s.resources());
    }
    return Optional.of(policy);
  }

  /** Where repository-facing formats' file names are relative to; null (after saying why) for a --path-base that is no directory. */
  private PathBase pathBase(PrintWriter err) {
    Path workingDirectory = Path.of("");
    if (pathBase == null) {
      return new PathBase(PathBase.repositoryRoot(workingDirectory), workingDirectory);
    }
    if (!Files.isDirectory(pathBase)) {
      err.println("istiolint: --path-base " + pathBase + ": " + (Files.exists(pathBase) ? "not a directory" : "no such directory"));
      return null;
    }
    return new PathBase(pathBase, workingDirectory);
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

  private Reporter reporter(FormatSpec spec, LintConfig config, FailOn threshold, Path base, PrintWriter err) {
    return switch (spec.format()) {
      case TEXT -> new TextReporter(spec.file() == null && useColor(), input.complete);
      case JSON -> new JsonReporter();
      case SARIF -> new SarifReporter(BuiltInRules.catalogue(), config.docsUrl(), RuleDocs::page, base);
      case JUNIT -> new JunitReporter(threshold, BuiltInRules.catalogue());
      case GITHUB -> new GithubReporter(System.getenv(), err, input.complete);
      case CHECKSTYLE -> new CheckstyleReporter();
      case KIALI -> new KialiReporter("");
      case CODECLIMATE -> new CodeClimateReporter(base);
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
