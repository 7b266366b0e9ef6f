package io.istiolint.cli;

import io.istiolint.cluster.ClusterException;
import io.istiolint.config.ConfigException;
import io.istiolint.config.ConfigLoader;
import io.istiolint.config.LintConfig;
import io.istiolint.engine.Linter;
import io.istiolint.load.InputCollector;
import io.istiolint.load.InputSource;
import io.istiolint.load.LoadLimits;
import io.istiolint.mesh.MeshConfigLayer;
import io.istiolint.mesh.MeshConfigLoader;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.mesh.ProxyVersions;
import io.istiolint.rules.BuiltInRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inputs of a run, shared by {@code lint} and {@code graph}. */
final class InputOptions {

  @Parameters(arity = "0..*", paramLabel = "PATH",
      description = "Files or directories (recursive: *.yaml, *.yml, *.json; hidden files and directories and Helm chart sources skipped); - reads standard input."
          + " Optional with --cluster.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--stdin-filename", paramLabel = "NAME",
      description = "Name standard input (-) as this file in findings, as eslint and ruff do: NAME:line:col, a SARIF location"
          + " code scanning accepts, and the config file's ignore.paths.")
  String stdinFilename;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "Namespace of objects that name none, as kubectl -n (default: default); with --cluster, the namespaces"
          + " to read (repeatable; default: the context's namespace).")
  List<String> namespaces = new ArrayList<>();

  @CommandLine.Mixin
  ClusterOptions cluster;

  @Option(names = "--delete", paramLabel = "PATH",
      description = "Lint as if the objects defined in PATH (file or directory; repeatable) were deleted, as kubectl delete -f:"
          + " they leave the cluster's and --reference's objects, so what still refers to them is reported.")
  List<String> deletes = new ArrayList<>();

  @Option(names = "--complete",
      description = "The inputs are everything there is: a reference to an object not given is an error, not 'unverified'.")
  boolean complete;

  @Option(names = "--mesh-config", paramLabel = "FILE",
      description = "Istio's MeshConfig: a MeshConfig YAML file, the istio ConfigMap or an IstioOperator. It wins over"
          + " an istio ConfigMap or IstioOperator among the inputs; without either, Istio's defaults apply.")
  Path meshConfig;

  /** The {@code --mesh-config} file, read by {@link #collect}. */
  private List<MeshConfigLayer> meshConfigLayers = List.of();

  @Option(names = "--proxy-version", paramLabel = "V", converter = VersionConverter.class,
      description = "An Istio proxy version running in the mesh, e.g. 1.30.3 (1.30: any 1.30.x); repeat for several."
          + " Wins over the versions found in the inputs (proxy images, istiod's image, IstioOperator spec.tag).")
  List<String> proxyVersions = new ArrayList<>();

  @Option(names = "--istio-version", paramLabel = "V", converter = VersionConverter.class,
      description = "The Istio release of the control plane: the version of the proxies it injects.")
  String istioVersion;


  /** Accepts what {@link ProxyVersions#isVersion} accepts; anything else is a usage error naming the value. */
  static final class VersionConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!ProxyVersions.isVersion(value)) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an Istio version (write 1.30.3, or 1.30 for any 1.30.x)");
      }
      return value;
    }
  }

  @Option(names = "--reference", paramLabel = "PATH",
      description = "Also load PATH (file or directory; repeatable) to resolve references against, without reporting on it:"
          + " lint only the changed files, resolved against the whole repository.")
  List<String> references = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "The config file (default: the " + ConfigLoader.FILE_NAME + " in the working directory or the nearest one above).")
  Path configFile;

  /** The config file read by {@link #config}: its MeshConfig file is read by {@link #collect} unless a flag names one. */
  private LintConfig loadedConfig = LintConfig.NONE;

  /** The options of the run: flags win over the config file's mesh facts. */
  Linter.Options linterOptions(LintConfig config) {
    List<String> versions = new ArrayList<>(proxyVersions);
    if (istioVersion != null) {
      versions.add(istioVersion);
    }
    MeshInfo mesh = config.meshInfo();
    ProxyVersions proxies = versions.isEmpty() ? mesh.proxies() : ProxyVersions.of(versions, "flags");
    return new Linter.Options(defaultNamespace(), LoadLimits.DEFAULT, complete, mesh.withProxies(proxies), meshConfigLayers);
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
      loadedConfig = ConfigLoader.load(file.get(), BuiltInRules.catalogue());
      return Optional.of(loadedConfig);
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
    Path meshConfigFile = meshConfig != null ? meshConfig : loadedConfig.mesh().meshConfig();
    if (meshConfigFile != null && !readMeshConfig(meshConfigFile, err)) {
      return Optional.empty();
    }
    InputCollector.Inputs inputs;
    try {
      inputs = InputCollector.collect(paths);
    } catch (InputCollector.MissingPathException e) {
      err.println("istiolint: " + e.getMessage());
      return Optional.empty();
    }
    if (stdinFilename != null) {
      Optional<InputCollector.Inputs> named = nameStdin(inputs, err);
      if (named.isEmpty()) {
        return named;
      }
      inputs = named.get();
    }
    for (String link : inputs.brokenLinks()) {
      err.println("istiolint: warning: skipped " + link + ": the link leads nowhere");
    }
    if (!inputs.sources().isEmpty()) { // else the error below says the same
      for (String dir : inputs.directoriesWithoutYaml()) {
        err.println("istiolint: warning: no .yaml, .yml or .json files under " + dir);
      }
    }
    if (paths.isEmpty() && !cluster.cluster) {
      err.println("istiolint: nothing to lint: give files, directories, - (standard input) or --cluster");
      return Optional.empty();
    }
    if (inputs.sources().isEmpty() && !paths.isEmpty()) {
      err.println("istiolint: nothing to lint: no .yaml, .yml or .json files in " + String.join(", ", paths));
      return Optional.empty();
    }
    return Optional.of(inputs);
  }

  /** {@code inputs} with standard input named {@code --stdin-filename}, or empty after telling {@code err} it is not read. */
  private Optional<InputCollector.Inputs> nameStdin(InputCollector.Inputs inputs, PrintWriter err) {
    if (stdinFilename.isBlank() || !paths.contains("-")) {
      err.println("istiolint: --stdin-filename " + stdinFilename + ": "
          + (stdinFilename.isBlank() ? "give a file name" : "standard input is not read: add - to the paths"));
      return Optional.empty();
    }
    List<InputSource> sources = inputs.sources().stream()
        .map(s -> s.isStdin() ? new InputSource(stdinFilename, null) : s)
        .toList();
    return Optional.of(new InputCollector.Inputs(sources, inputs.directoriesWithoutYaml(), inputs.brokenLinks()));
  }

  /** Reads the MeshConfig file (of {@code --mesh-config} or the config file); false after telling {@code err} what is wrong with it. */
  private boolean readMeshConfig(Path meshConfig, PrintWriter err) {
    if (!Files.isRegularFile(meshConfig)) {
      err.println("istiolint: --mesh-config " + meshConfig + ": " + (Files.exists(meshConfig) ? "not a file" : "no such file"));
      return false;
    }
    try {
      meshConfigLayers = MeshConfigLoader.readFile(meshConfig, meshConfig.toString());
      return true;
    } catch (MeshConfigLoader.InvalidMeshConfigException e) {
      e.problems().forEach(p -> err.println("istiolint: --mesh-config " + p));
    } catch (IOException e) {
      err.println("istiolint: --mesh-config " + meshConfig + ": cannot read: " + e.getMessage());
    }
    return false;
  }

  /** The files given with {@code flag} ({@code --reference}, {@code --delete}), or empty after telling {@code err} what is wrong. */
  private static Optional<List<InputSource>> collectFiles(List<String> given, String flag, PrintWriter err) throws IOException {
    if (given.contains("-")) {
      err.println("istiolint: " + flag + " reads files and directories, not standard input");
      return Optional.empty();
    }
    try {
      return Optional.of(InputCollector.collect(given).sources());
    } catch (InputCollector.MissingPathException e) {
      err.println("istiolint: " + flag + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The namespace of objects that name none: the first {@code -n}, else {@code default}. */
  String defaultNamespace() {
    return namespaces.isEmpty() ? "default" : namespaces.get(0);
  }

  /** What a run reads, or the exit code that ends it (after telling {@code err} why). */
  record Read(Linter.Inputs inputs, int exitCode) {}

  /**
   * Everything the run reads: the files to lint, {@code --reference} and {@code --delete} files, and the cluster
   * with {@code --cluster}. A usage mistake ends the run with {@link Istiolint#USAGE}, a cluster that cannot be
   * read with {@link Istiolint#IO_ERROR}.
   */
  Read read(PrintWriter err) throws IOException {
    String stray = cluster.flagNeedingCluster();
    if (stray != null) {
      err.println("istiolint: " + stray + " reads a cluster: add --cluster");
      return new Read(null, Istiolint.USAGE);
    }
    Optional<InputCollector.Inputs> inputs = collect(err);
    Optional<List<InputSource>> refs = inputs.isEmpty() ? Optional.empty() : collectFiles(references, "--reference", err);
    Optional<List<InputSource>> deleted = refs.isEmpty() ? Optional.empty() : collectFiles(deletes, "--delete", err);
    if (deleted.isEmpty()) {
      return new Read(null, Istiolint.USAGE);
    }
    try {
      Linter.Cluster live = cluster.read(namespaces, err);
      return new Read(new Linter.Inputs(inputs.get().sources(), refs.get(), deleted.get(), live), 0);
    } catch (ClusterException e) {
      err.println("istiolint: " + e.getMessage());
      return new Read(null, Istiolint.IO_ERROR);
    }
  }
}
