package io.istiolint.cli;

import io.istiolint.config.ConfigException;
import io.istiolint.config.ConfigLoader;
import io.istiolint.config.LintConfig;
import io.istiolint.engine.Linter;
import io.istiolint.load.InputCollector;
import io.istiolint.load.InputSource;
import io.istiolint.load.LoadLimits;
import io.istiolint.rules.BuiltInRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inputs of a run, shared by {@code lint} and {@code graph}. */
final class InputOptions {

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Files or directories (recursive: *.yaml, *.yml, *.json; hidden files and directories skipped); - reads standard input.")
  List<String> paths;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
      description = "Namespace of objects that name none, as kubectl -n (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--complete",
      description = "The inputs are everything there is: a reference to an object not given is an error, not 'unverified'.")
  boolean complete;

  @Option(names = "--reference", paramLabel = "PATH",
      description = "Also load PATH (file or directory; repeatable) to resolve references against, without reporting on it:"
          + " lint only the changed files, resolved against the whole repository.")
  List<String> references = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "The config file (default: the " + ConfigLoader.FILE_NAME + " in the working directory or the nearest one above).")
  Path configFile;

  Linter.Options linterOptions(LintConfig config) {
    return new Linter.Options(namespace, LoadLimits.DEFAULT, complete, config.meshInfo());
  }

  /**
   * The config file's settings ({@link LintConfig#NONE} when there is none), or empty after telling
   * {@code err} what is wrong with it: the caller then exits with {@link Istiolint#USAGE}.
   */
  Optional<LintConfig> config(PrintWriter err) {
    Optional<Path> file = configFile != null ? Optional.of(configFile) : ConfigLoader.find(Path.of(""));
    if (file.isEmpty()) {
      return Optional.of(LintConfig.NONE);
    }
    if (!Files.isRegularFile(file.get())) {
      err.println("istiolint: --config " + file.get() + ": no such file");
      return Optional.empty();
    }
    try {
      return Optional.of(ConfigLoader.load(file.get(), BuiltInRules.catalogue()));
    } catch (ConfigException e) {
      err.println("istiolint: " + e.getMessage());
    } catch (IOException e) {
      err.println("istiolint: cannot read " + file.get() + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * The input files, or empty after telling {@code err} why there are none (a missing path, no YAML): the
   * caller then exits with {@link Istiolint#USAGE}.
   */
  Optional<InputCollector.Inputs> collect(PrintWriter err) throws IOException {
    InputCollector.Inputs inputs;
    try {
      inputs = InputCollector.collect(paths);
    } catch (InputCollector.MissingPathException e) {
      err.println("istiolint: " + e.getMessage());
      return Optional.empty();
    }
    for (String dir : inputs.directoriesWithoutYaml()) {
      err.println("istiolint: warning: no .yaml, .yml or .json files under " + dir);
    }
    if (inputs.sources().isEmpty()) {
      err.println("istiolint: nothing to lint: no .yaml, .yml or .json files in " + String.join(", ", paths));
      return Optional.empty();
    }
    return Optional.of(inputs);
  }

  /** The files given with {@code --reference}, or empty after telling {@code err} what is wrong. */
  Optional<List<InputSource>> collectReferences(PrintWriter err) throws IOException {
    if (references.contains("-")) {
      err.println("istiolint: --reference reads files and directories, not standard input");
      return Optional.empty();
    }
    try {
      return Optional.of(InputCollector.collect(references).sources());
    } catch (InputCollector.MissingPathException e) {
      err.println("istiolint: --reference: " + e.getMessage());
      return Optional.empty();
    }
  }
}
