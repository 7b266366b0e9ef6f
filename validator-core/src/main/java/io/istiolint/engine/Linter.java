package io.istiolint.engine;

import io.istiolint.api.Finding;
import io.istiolint.api.Severity;
import io.istiolint.index.ResourceIndex;
import io.istiolint.load.InputSource;
import io.istiolint.load.LoadLimits;
import io.istiolint.load.Loader;
import io.istiolint.mesh.MeshConfig;
import io.istiolint.mesh.MeshConfigLayer;
import io.istiolint.mesh.MeshConfigLoader;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.mesh.ProxyVersionDiscovery;
import io.istiolint.model.Document;
import io.istiolint.model.Resource;
import io.istiolint.schemas.SchemaCatalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/** The whole pipeline for file inputs: read, index, check, count. The same for the CLI and its tests. */
public final class Linter {

  /**
   * How inputs are read.
   *
   * @param defaultNamespace the namespace of objects that name none, as {@code kubectl -n} does
   * @param complete         the inputs are the whole world: a reference to anything not loaded is an error
   * @param mesh             what is known of the mesh before reading the inputs (flags, Istio's defaults)
   * @param meshConfigFile   the {@code --mesh-config} file's MeshConfig, applied after the MeshConfig sources
   *                         among the inputs (it wins)
   */
  public record Options(String defaultNamespace, LoadLimits limits, boolean complete, MeshInfo mesh,
      List<MeshConfigLayer> meshConfigFile) {

    public Options {
      meshConfigFile = List.copyOf(meshConfigFile);
    }

    /** Options without a {@code --mesh-config} file. */
    public Options(String defaultNamespace, LoadLimits limits, boolean complete, MeshInfo mesh) {
      this(defaultNamespace, limits, complete, mesh, List.of());
    }
  }

  private final Engine engine;
  private final SchemaCatalog schemas;

  public Linter(Engine engine, SchemaCatalog schemas) {
    this.engine = engine;
    this.schemas = schemas;
  }

  /** The documents read from every input, in input order, and the inputs that could not be read. */
  public record Loaded(List<Document> documents, List<String> inputErrors) {
    public List<Resource> resources() {
      return documents.stream().flatMap(d -> d.resources().stream()).toList();
    }
  }

  public LintReport lint(List<InputSource> sources, Options options) {
    Loaded loaded = load(sources, options);
    List<Resource> resources = loaded.resources();
    Snapshot snapshot = snapshot(loaded, options);
    Engine.Result result = engine.run(loaded.documents(), snapshot);
    List<Finding> findings = result.findings();
    int ignored = (int) resources.stream().filter(r -> !ResourceIndex.understands(r.kind())).count();
    LintReport.Summary summary = new LintReport.Summary(resources.size(), sources.size(),
        count(findings, Severity.ERROR), count(findings, Severity.WARNING), count(findings, Severity.INFO),
        0, result.unverified().values().stream().mapToInt(Integer::intValue).sum(), ignored);
    return new LintReport(findings, summary, snapshot.mesh(), result.unverified(), loaded.inputErrors());
  }

  /**
   * What rules would see of {@code loaded}: the index, host resolution, the reference graph, and the mesh
   * facts, with the proxy versions found in the inputs unless the options name some.
   */
  public Snapshot snapshot(Loaded loaded, Options options) {
    ResourceIndex index = new ResourceIndex(loaded.resources(), options.complete());
    return Snapshot.of(index, schemas, mesh(index, options));
  }

  /**
   * The mesh facts of the options, with the MeshConfig of the inputs and of the {@code --mesh-config} file,
   * and the proxy versions found in the inputs unless the options name some.
   */
  private static MeshInfo mesh(ResourceIndex index, Options options) {
    MeshInfo given = options.mesh();
    MeshConfig config = MeshConfigLoader.resolve(given.config(), index.all(), options.meshConfigFile());
    if (options.complete() && !config.known()) {
      config = config.withSource("complete"); // no MeshConfig among everything there is: Istio's defaults are the truth
    }
    return new MeshInfo(ProxyVersionDiscovery.resolve(given.proxies(), index.all()), config, given.domainSuffix());
  }

  /** Reads every input; files are read in parallel and put back in input order so output is stable. */
  public static Loaded load(List<InputSource> sources, Options options) {
    Loader loader = new Loader(options.limits(), options.defaultNamespace());
    Map<Integer, List<Document>> loaded = new ConcurrentHashMap<>();
    Map<Integer, String> errors = new ConcurrentHashMap<>();
    IntStream.range(0, sources.size()).parallel().forEach(i -> {
      InputSource source = sources.get(i);
      try {
        loaded.put(i, loader.load(source));
      } catch (IOException e) {
        errors.put(i, source.name() + ": " + describe(e));
      }
    });
    List<Document> documents = new ArrayList<>();
    List<String> inputErrors = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      documents.addAll(loaded.getOrDefault(i, List.of()));
      if (errors.containsKey(i)) {
        inputErrors.add(errors.get(i));
      }
    }
    return new Loaded(documents, inputErrors);
  }

  private static int count(List<Finding> findings, Severity severity) {
    return (int) findings.stream().filter(f -> f.severity() == severity).count();
  }

  private static String describe(IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return reason;
  }
}
