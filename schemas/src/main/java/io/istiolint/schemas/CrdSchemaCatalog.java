package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * A {@link SchemaCatalog} made of CustomResourceDefinitions: Istio's own, bundled with istiolint, or any
 * other set (a newer Istio release, or the CRDs read from a live cluster).
 *
 * <p>Validation follows the API server: fields that a structural schema would prune are reported as
 * unknown, explicit nulls it drops before validating are dropped first ({@link NullPruning}), {@code nullable}
 * and {@code x-kubernetes-int-or-string} are honoured, and integer formats are
 * range-checked (see {@link StructuralSchemas}). The CEL rules in {@code x-kubernetes-validations} are not
 * evaluated, and list-map key uniqueness is not checked.
 *
 * <p>Everything is lazy and thread-safe: the bundled CRDs' index (their kinds and versions, without schemas)
 * is parsed once, on first use; a CRD's schemas are read on its kind's first validation, and the schema of
 * each (group, version, kind) is compiled once.
 */
public final class CrdSchemaCatalog implements SchemaCatalog {

  /** Written at build time from {@code istio/crd-all.gen.yaml} by {@link CrdBundleGenerator}. */
  private static final String BUNDLED_INDEX = CrdBundleGenerator.INDEX;
  private static final String BUNDLED_SOURCE = "Istio 1.31 CRDs (bundled)";

  private final String source;
  private final Supplier<CrdIndex> loader;
  private final ConcurrentMap<Gvk, CompiledSchema> compiled = new ConcurrentHashMap<>();
  private volatile CrdIndex index;

  private record Gvk(String group, String version, String kind) {}

  private CrdSchemaCatalog(String source, Supplier<CrdIndex> loader) {
    this.source = source;
    this.loader = loader;
  }

  /** The CRDs of the Istio release istiolint is built against; one shared instance. */
  public static CrdSchemaCatalog bundledIstio() {
    return Bundled.INSTANCE;
  }

  /**
   * A catalog of the given {@code apiextensions.k8s.io/v1} CustomResourceDefinition objects.
   *
   * @param source a short label for messages, e.g. "CRDs of cluster prod-eu"
   * @throws IllegalArgumentException if an object is not such a CRD or lacks its group, kind or plural,
   *                                  or two CRDs define one kind
   */
  public static CrdSchemaCatalog fromCrds(String source, List<JsonNode> crdObjects) {
    CrdIndex index = CrdIndex.of(crdObjects);
    return new CrdSchemaCatalog(source, () -> index);
  }

  @Override
  public Optional<CrdInfo> crd(String group, String kind) {
    return index().entry(group, kind).map(CrdIndex.Entry::info);
  }

  @Override
  public Set<String> groups() {
    return index().groups();
  }

  @Override
  public Set<String> kinds(String group) {
    return index().kinds(group);
  }

  @Override
  public List<SchemaViolation> validate(String group, String version, String kind, JsonNode object) {
    return compiled.computeIfAbsent(new Gvk(group, version, kind), this::compile).validate(object);
  }

  @Override
  public List<SchemaViolation> validateStored(String group, String version, String kind, JsonNode stored) {
    return compiled.computeIfAbsent(new Gvk(group, version, kind), this::compile).validateStored(stored);
  }

  @Override
  public PrunedNulls pruneNulls(String group, String version, String kind, JsonNode object) {
    return compiled.computeIfAbsent(new Gvk(group, version, kind), this::compile).pruneNulls(object);
  }

  @Override
  public String source() {
    return source;
  }

  private CompiledSchema compile(Gvk gvk) {
    JsonNode openApiV3Schema = index().entry(gvk.group(), gvk.kind())
        .map(entry -> entry.schemas().get(gvk.version()))
        .orElseThrow(() -> new IllegalArgumentException(
            "%s/%s %s is not served by %s".formatted(gvk.group(), gvk.version(), gvk.kind(), source)));
    return CompiledSchema.compile(openApiV3Schema);
  }

  private CrdIndex index() {
    CrdIndex loaded = index;
    if (loaded == null) {
      synchronized (this) {
        loaded = index;
        if (loaded == null) {
          loaded = loader.get();
          index = loaded;
        }
      }
    }
    return loaded;
  }

  private static CrdIndex loadBundled() {
    List<JsonNode> crds = new ArrayList<>();
    readBundled(BUNDLED_INDEX).forEach(crds::add);
    return CrdIndex.of(crds, name -> readBundled(CrdBundleGenerator.crdResource(name)));
  }

  private static JsonNode readBundled(String resource) {
    try (InputStream in = CrdSchemaCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return JsonMapper.shared().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Holder: the bundled catalog object exists from the first call; its CRDs are parsed on first use. */
  private static final class Bundled {
    static final CrdSchemaCatalog INSTANCE = new CrdSchemaCatalog(BUNDLED_SOURCE, CrdSchemaCatalog::loadBundled);
  }
}
