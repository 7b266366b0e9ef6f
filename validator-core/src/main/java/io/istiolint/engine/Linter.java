package io.istiolint.engine;

import io.istiolint.api.Finding;
import io.istiolint.api.Severity;
import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import io.istiolint.index.Completeness;
import io.istiolint.index.ResourceIndex;
import io.istiolint.index.View;
import io.istiolint.load.InputSource;
import io.istiolint.load.IoErrors;
import io.istiolint.load.LoadLimits;
import io.istiolint.load.Loader;
import io.istiolint.mesh.MeshConfig;
import io.istiolint.mesh.MeshConfigLayer;
import io.istiolint.mesh.MeshConfigLoader;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.mesh.ProxyVersionDiscovery;
import io.istiolint.model.Document;
import io.istiolint.model.Resource;
import io.istiolint.schemas.CrdSchemaCatalog;
import io.istiolint.schemas.SchemaCatalog;
import java.util.Collections;
import java.util.IdentityHashMap;
import tools.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
  }

  /**
   * What a run reads.
   *
   * @param sources    files (and standard input) whose objects are checked
   * @param references files loaded so that references into them resolve and their scopes count as known; nothing
   *                   is reported on them (a file that is also a source is a source, read once)
   * @param deletes    files whose objects are removed from the cluster's and the references' ({@code --delete})
   * @param cluster    objects read from a cluster, checked too unless a source replaces them; null without one
   */
  public record Inputs(List<InputSource> sources, List<InputSource> references, List<InputSource> deletes, Cluster cluster) {

    public Inputs {
      sources = List.copyOf(sources);
      references = List.copyOf(references);
      deletes = List.copyOf(deletes);
    }
  }

  /**
   * What a cluster read gave: its objects, what it covered, and the Istio CRDs it serves (their schemas replace
   * the bundled ones; empty when they could not be read).
   *
   * @param resources the objects of the namespaces asked for, checked like files
   * @param context   objects read only to resolve references (the root namespace's Istio configuration, istiod,
   *                  the MeshConfig, when their namespace was not asked for): never reported on
   */
  public record Cluster(String name, List<Resource> resources, List<Resource> context,
      Completeness.ClusterCoverage coverage, List<JsonNode> crds) {

    public Cluster {
      resources = List.copyOf(resources);
      context = List.copyOf(context);
      crds = List.copyOf(crds);
    }
  }

  /**
   * The view of a run: the documents whose resources are checked, what rules see, and the inputs that could not
   * be read.
   */
  public record Prepared(List<Document> targets, Snapshot snapshot, List<String> inputErrors) {

    public List<Resource> targetResources() {
      return targets.stream().flatMap(d -> d.resources().stream()).toList();
    }
  }

  /** Lints {@code sources} with every rule at its default severity. */
  public LintReport lint(List<InputSource> sources, Options options) {
    return lint(new Inputs(sources, List.of(), List.of(), null), options, Policy.DEFAULT);
  }

  /** Lints {@code sources} under {@code policy}, resolving references against {@code references} too. */
  public LintReport lint(List<InputSource> sources, List<InputSource> references, Options options, Policy policy) {
    return lint(new Inputs(sources, references, List.of(), null), options, policy);
  }

  /** Lints {@code inputs} under {@code policy}. */
  public LintReport lint(Inputs inputs, Options options, Policy policy) {
    Staged staged = stage(inputs, options);
    // The view is built on its own thread while the rules that need none run on the others.
    CompletableFuture<Snapshot> building = CompletableFuture.supplyAsync(staged.snapshot(), task -> {
      Thread thread = new Thread(task, "istiolint-snapshot");
      thread.setDaemon(true);
      thread.start();
    });
    ResultStore results = new ResultStore(engine, policy, staged.schemas(), building, staged.targets());
    Snapshot snapshot = results.snapshot();
    Prepared prepared = new Prepared(staged.targets(), snapshot, staged.inputErrors());
    List<Resource> resources = prepared.targetResources();
    List<Finding> findings = results.findings();
    Map<String, Integer> unverified = results.unverifiedByReason();
    int ignored = (int) resources.stream().filter(r -> !ResourceIndex.understands(r.kind())).count();
    LintReport.Summary summary = new LintReport.Summary(resources.size(), inputs.sources().size(),
        count(findings, Severity.ERROR), count(findings, Severity.WARNING), count(findings, Severity.INFO),
        results.suppressed(), unverified.values().stream().mapToInt(Integer::intValue).sum(), ignored,
        inputs.cluster() == null ? null : inputs.cluster().name());
    List<String> notices = new ArrayList<>();
    int despite = results.reportedDespiteAnnotation();
    if (despite > 0) {
      notices.add("inline suppressions are turned off (allowInlineSuppressions: false), so "
          + despite + " finding" + (despite == 1 ? " is" : "s are")
          + " reported although an " + Policy.IGNORE_ANNOTATION + " or " + Policy.ISTIO_SUPPRESS_ANNOTATION
          + " annotation asks to suppress " + (despite == 1 ? "it" : "them"));
    }
    if (inputs.cluster() != null) {
      notices.add("schemas: " + snapshot.schemas().source());
    }
    return new LintReport(findings, summary, snapshot.mesh(), unverified, results.unverifiedReferences(),
        prepared.inputErrors(), notices, resources, snapshot.graph());
  }

  /**
   * Reads the files of {@code inputs} and merges them with the cluster's objects into the view rules see
   * ({@link View}): the documents to check (the sources', then the cluster objects no source replaces) and the
   * snapshot over everything.
   */
  public Prepared prepare(Inputs inputs, Options options) {
    Staged staged = stage(inputs, options);
    return new Prepared(staged.targets(), staged.snapshot().get(), staged.inputErrors());
  }

  /** What {@link #prepare} reads, with the snapshot still to be built (by {@code snapshot}, over its schemas). */
  private record Staged(List<Document> targets, SchemaCatalog schemas, Supplier<Snapshot> snapshot, List<String> inputErrors) {}

  private Staged stage(Inputs inputs, Options options) {
    Loaded sources = load(inputs.sources(), options);
    Loaded references = load(withoutSources(inputs.references(), inputs.sources()), options);
    Loaded deletes = load(inputs.deletes(), options);
    List<Resource> view = new ArrayList<>(sources.resources());
    view.addAll(View.without(references.resources(), deletes.resources()));
    List<Document> targets = new ArrayList<>(sources.documents());
    Completeness.ClusterCoverage coverage = null;
    SchemaCatalog schemaCatalog = schemas;
    if (inputs.cluster() != null) {
      Cluster cluster = inputs.cluster();
      List<Resource> read = new ArrayList<>(cluster.resources());
      read.addAll(cluster.context());
      view = View.merge(view, read, deletes.resources());
      Set<Resource> kept = Collections.newSetFromMap(new IdentityHashMap<>());
      kept.addAll(view);
      for (Resource r : cluster.resources()) {
        if (kept.contains(r)) {
          targets.add(Document.of(r));
        }
      }
      coverage = cluster.coverage();
      if (!cluster.crds().isEmpty()) {
        schemaCatalog = CrdSchemaCatalog.fromCrds("the Istio CRDs served by cluster " + cluster.name(), cluster.crds());
      }
    }
    List<Resource> viewed = view;
    Completeness.Coverage covered = new Completeness.Coverage(options.complete(), coverage);
    SchemaCatalog catalog = schemaCatalog;
    Supplier<Snapshot> snapshot = () -> snapshot(viewed, covered, catalog, options);
    List<String> inputErrors = new ArrayList<>(sources.inputErrors());
    inputErrors.addAll(references.inputErrors());
    inputErrors.addAll(deletes.inputErrors());
    return new Staged(targets, schemaCatalog, snapshot, inputErrors);
  }

  /**
   * The view rules see over {@code resources} read from files (index, host resolution, reference graph, mesh
   * facts), as {@link #lint} builds it: what follows reading the inputs.
   */
  public Snapshot snapshot(List<Resource> resources, Options options) {
    return snapshot(resources, new Completeness.Coverage(options.complete(), null), schemas, options);
  }

  private static Snapshot snapshot(List<Resource> resources, Completeness.Coverage coverage, SchemaCatalog schemas,
      Options options) {
    ResourceIndex index = new ResourceIndex(resources, coverage);
    return Snapshot.of(index, schemas, mesh(index, options));
  }

  /**
   * The mesh facts of the options, with the MeshConfig of the inputs and of the {@code --mesh-config} file,
   * and the proxy versions found in the inputs unless the options name some.
   */
  static MeshInfo mesh(ResourceIndex index, Options options) {
    MeshInfo given = options.mesh();
    MeshConfig config = MeshConfigLoader.resolve(given.config(), index.all(), options.meshConfigFile());
    if (options.complete() && !config.known()) {
      config = config.withSource("complete"); // no MeshConfig among everything there is: Istio's defaults are the truth
    }
    List<Resource> showingVersions = new ArrayList<>();
    ProxyVersionDiscovery.SHOWING_KINDS.forEach(kind -> showingVersions.addAll(index.ofKind(kind)));
    return new MeshInfo(ProxyVersionDiscovery.resolve(given.proxies(), showingVersions), config, given.domainSuffix());
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
        errors.put(i, source.name() + ": " + IoErrors.describe(e));
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
}
