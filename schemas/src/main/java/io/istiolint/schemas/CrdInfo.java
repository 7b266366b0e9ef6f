package io.istiolint.schemas;

import java.util.List;
import java.util.Optional;

/** What a CustomResourceDefinition declares about one kind. */
public record CrdInfo(String group, String kind, String plural, boolean namespaced, List<ServedVersion> versions) {

  public CrdInfo {
    versions = List.copyOf(versions);
  }

  /** A version listed by the CRD with {@code served: true}. */
  public record ServedVersion(String name, boolean storage, boolean deprecated, String deprecationWarning) {}

  public Optional<ServedVersion> version(String name) {
    for (ServedVersion v : versions) { // asked by several rules of every object: a loop, not a stream
      if (v.name().equals(name)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
