package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The custom resource definitions istiolint validates against: which (group, kind, version) triples are
 * served, and the structural schema of each. Implementations are thread-safe; schemas are built lazily.
 */
public interface SchemaCatalog {

  /** The CRD serving {@code kind} in {@code group}, if any. */
  Optional<CrdInfo> crd(String group, String kind);

  /** Every group with at least one CRD in this catalog. */
  Set<String> groups();

  /** Every kind served in {@code group} (empty when the group is unknown). */
  Set<String> kinds(String group);

  /**
   * Validates a whole object (apiVersion, kind, metadata, spec, ...) against the schema of the served
   * (group, version, kind). Unknown fields, which the API server would prune silently, are violations. Explicit
   * nulls the API server drops before validating ({@link #pruneNulls}) are not: the object is validated without them.
   *
   * @throws IllegalArgumentException if the triple is not served by this catalog
   */
  List<SchemaViolation> validate(String group, String version, String kind, JsonNode object);

  /**
   * As {@link #validate}, for an object as the API server keeps it ({@link #pruneNulls}'s object, or one that holds
   * no null at all), which is validated as it is: a caller that knows the object holds no null saves a walk of it.
   *
   * @throws IllegalArgumentException if the triple is not served by this catalog
   */
  List<SchemaViolation> validateStored(String group, String version, String kind, JsonNode stored);

  /**
   * The object as the API server keeps it: without the explicit nulls of fields that are neither {@code nullable}
   * nor defaulted, which it drops before validation, and the paths of those it dropped.
   *
   * @throws IllegalArgumentException if the triple is not served by this catalog
   */
  PrunedNulls pruneNulls(String group, String version, String kind, JsonNode object);

  /** A short label for where the CRDs came from, e.g. "Istio 1.31 CRDs (bundled)". */
  String source();
}
