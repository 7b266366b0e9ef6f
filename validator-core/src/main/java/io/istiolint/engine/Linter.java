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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** These documents followed by {@code more}'s. */
    public Loaded plus(Loaded more) {
      List<Document> all = new ArrayList<>(documents);
      all.addAll(more.documents);
      List<String> errors = new ArrayList<>(inputErrors);
      errors.addAll(more.inputErrors);
      return new Loaded(all, errors);
    }
  }

  /** Lints {@code sources} with every rule at its default severity. */
  public LintReport lint(List<InputSource> sources, Options options) {
    return lint(sources, List.of(), options, Policy.DEFAULT);
  }

  /**
   * Lints {@code sources} under {@code policy}. {@code references} are loaded too, so that references into
   * them resolve and their scopes count as known, but nothing is reported on them; a file that is both a
   * source and a reference is a source (read once).
   */
  public LintReport lint(List<InputSource> sources, List<InputSource> references, Options options, Policy policy) {
    Loaded loaded = load(sources, options);
    Loaded context = load(withoutSources(references, sources), options);
    List<Resource> resources = loaded.resources();
    Snapshot snapshot = snapshot(loaded.plus(context), options);
    Engine.Result result = engine.run(loaded.documents(), snapshot, policy);
    List<Finding> findings = result.findings();
    int ignored = (int) resources.stream().filter(r -> !ResourceIndex.understands(r.kind())).count();
    LintReport.Summary summary = new LintReport.Summary(resources.size(), sources.size(),
        count(findings, Severity.ERROR), count(findings, Severity.WARNING), count(findings, Severity.INFO),
        result.suppressed(), result.unverified().values().stream().mapToInt(Integer::intValue).sum(), ignored);
    List<String> notices = new ArrayList<>();
    if (result.reportedDespiteAnnotation() > 0) {
      notices.add("inline suppressions are turned off (allowInlineSuppressions: false), so "
          + result.reportedDespiteAnnotation() + " finding" + (result.reportedDespiteAnnotation() == 1 ? " is" : "s are")
          + " reported although an " + Policy.IGNORE_ANNOTATION + " or " + Policy.ISTIO_SUPPRESS_ANNOTATION
          + " annotation asks to suppress " + (result.reportedDespiteAnnotation() == 1 ? "it" : "them"));
    }
    List<String> inputErrors = new ArrayList<>(loaded.inputErrors());
    inputErrors.addAll(context.inputErrors());
    return new LintReport(findings, summary, snapshot.mesh(), result.unverified(), inputErrors, notices, resources,
        snapshot.graph());
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

  /** {@code references} without the files that are also in {@code sources} (compared as absolute paths). */
  public static List<InputSource> withoutSources(List<InputSource> references, List<InputSource> sources) {
    Set<Path> given = new HashSet<>();
    sources.stream().filter(s -> !s.isStdin()).forEach(s -> given.add(s.path().toAbsolutePath().normalize()));
    return references.stream().filter(r -> r.isStdin() || !given.contains(r.path().toAbsolutePath().normalize())).toList();
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
