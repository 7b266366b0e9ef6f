package io.istiolint.model;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import io.istiolint.api.Kind;
import io.istiolint.api.ResourceRef;
import io.istiolint.schemas.PrunedNulls;
import io.istiolint.schemas.ServedTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * One Kubernetes object as loaded: its identity, its content as a JSON tree (scalars typed the way the API
 * server sees them) and where each node was written. Rules read it, never change it.
 */
public final class Resource {

  private final ResourceRef ref;
  private final ObjectNode object;
  private final SourceMap sourceMap;
  private final Origin origin;
  /** Asked for by the engine for every rule on every resource: built once, so its hash is computed once. */
  private final Kind kind;
  /** Read by nearly every rule, often many times per check: looked up once. */
  private final JsonNode spec;
  /** {@link #holdsNull}: 0 not yet walked, 1 no, 2 yes (a race walks twice and finds the same). */
  private byte holdsNull;

  public Resource(ResourceRef ref, ObjectNode object, SourceMap sourceMap, Origin origin) {
    this.ref = ref;
    this.kind = ref.kindRef();
    this.object = object;
    this.spec = object.path("spec");
    this.sourceMap = sourceMap;
    this.origin = origin;
  }

  public ResourceRef ref() {
    return ref;
  }

  public Kind kind() {
    return kind;
  }

  public String group() {
    String group = kind.group();
    String apiVersion = ref.apiVersion();
    // The kind's group, unless the object was written in an older group that served the kind (extensions → apps).
    boolean written = apiVersion.length() > group.length() && apiVersion.charAt(group.length()) == '/' && apiVersion.startsWith(group);
    return written ? group : Kind.groupOf(apiVersion);
  }

  public String version() {
    return Kind.versionOf(ref.apiVersion());
  }

  public String namespace() {
    return ref.namespace();
  }

  public String name() {
    return ref.name();
  }

  /** The whole object (apiVersion, kind, metadata, spec, ...). */
  public JsonNode object() {
    return object;
  }

  /** {@code spec}, or a missing node. */
  public JsonNode spec() {
    return spec;
  }

  /**
   * Whether the object holds an explicit null anywhere. Nearly none does, and then there is nothing for the API
   * server to drop: several rules ask, and the object is walked once.
   */
  public boolean holdsNull() {
    byte known = holdsNull;
    if (known == 0) {
      known = PrunedNulls.anyNull(object) ? (byte) 2 : (byte) 1;
      holdsNull = known;
    }
    return known == 2;
  }

  public Map<String, String> labels() {
    return Json.stringMap(object.path("metadata").path("labels"));
  }

  public Map<String, String> annotations() {
    return Json.stringMap(object.path("metadata").path("annotations"));
  }

  public SourceMap sourceMap() {
    return sourceMap;
  }

  public Origin origin() {
    return origin;
  }

  /** The same object, its positions given by {@code map} (locations written relative to another directory, say). */
  public Resource withSourceMap(SourceMap map) {
    return new Resource(ref, object, map, origin);
  }

  /**
   * {@code metadata.creationTimestamp}, which istiod uses to choose among conflicting objects (the oldest
   * wins); empty when absent or unreadable, as in most files.
   */
  public Optional<Instant> creationTimestamp() {
    JsonNode created = object.path("metadata").path("creationTimestamp");
    if (!created.isString()) {
      return Optional.empty();
    }
    Instant served = ServedTime.parse(created.stringValue());
    if (served != null) {
      return Optional.of(served);
    }
    try {
      return Optional.of(Instant.parse(created.stringValue()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return ref.displayName();
  }
}
