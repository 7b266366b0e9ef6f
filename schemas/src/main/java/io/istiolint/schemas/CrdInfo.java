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
    return versions.stream().filter(v -> v.name().equals(name)).findFirst();
  }
}
