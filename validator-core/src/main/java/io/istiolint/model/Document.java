package io.istiolint.model;

import io.istiolint.api.Location;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.YamlPath;
import java.util.List;

/**
 * One YAML document of an input file and what loading it showed: a syntax error, repeated keys, or why it
 * is not a Kubernetes object. A document yields zero resources (error, empty), one, or many ({@code kind:
 * List}). Where it starts is asked of its source map only when needed: finding it means parsing the document
 * again with marks.
 */
public final class Document {

  private final SourceMap positions;
  private final Problem syntaxError;
  private final List<Problem> notResources;
  private final List<DuplicateKey> duplicateKeys;
  private final List<Resource> resources;

  /**
   * @param start where the document begins
   * @param syntaxError set when the document could not be parsed; nothing else is then known
   * @param notResources why the document (or an item of a {@code kind: List}) is not a Kubernetes object
   */
  public Document(Location start, Problem syntaxError, List<Problem> notResources, List<DuplicateKey> duplicateKeys,
      List<Resource> resources) {
    this(path -> start, syntaxError, notResources, duplicateKeys, resources);
  }

  private Document(SourceMap positions, Problem syntaxError, List<Problem> notResources, List<DuplicateKey> duplicateKeys,
      List<Resource> resources) {
    this.positions = positions;
    this.syntaxError = syntaxError;
    this.notResources = List.copyOf(notResources);
    this.duplicateKeys = List.copyOf(duplicateKeys);
    this.resources = List.copyOf(resources);
  }

  /** A parsed document whose paths {@code positions} locates (its root: where it begins). */
  public static Document parsed(SourceMap positions, List<Problem> notResources, List<DuplicateKey> duplicateKeys,
      List<Resource> resources) {
    return new Document(positions, null, notResources, duplicateKeys, resources);
  }

  /** A document of one object that has no text of its own (read from a cluster or an admission request). */
  public static Document of(Resource resource) {
    return new Document(resource.sourceMap().locate(YamlPath.ROOT), null, List.of(), List.of(), List.of(resource));
  }

  /** A document that could not be read at all. */
  public static Document unreadable(Problem syntaxError) {
    return new Document(syntaxError.location(), syntaxError, List.of(), List.of(), List.of());
  }

  /** Where the document begins. */
  public Location start() {
    return positions.locate(YamlPath.ROOT);
  }

  /** Set when the document could not be parsed; nothing else is then known. */
  public Problem syntaxError() {
    return syntaxError;
  }

  /** Why the document (or an item of a {@code kind: List}) is not a Kubernetes object. */
  public List<Problem> notResources() {
    return notResources;
  }

  public List<DuplicateKey> duplicateKeys() {
    return duplicateKeys;
  }

  public List<Resource> resources() {
    return resources;
  }

  /** A problem at a position, described in istiolint's words. {@code hint} may be null. */
  public record Problem(Location location, String message, String hint) {}

  /**
   * A mapping key written twice; the later value wins (as with kubectl), so the earlier one is lost.
   *
   * @param resource the resource the key belongs to, or null when outside any resource
   * @param path     the repeated key, relative to that resource (or the document)
   */
  public record DuplicateKey(ResourceRef resource, YamlPath path, Location location, Location firstLocation) {}
}
