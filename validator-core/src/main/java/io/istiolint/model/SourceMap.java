package io.istiolint.model;

import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;

/** Maps a path inside one resource to where it was written. */
@FunctionalInterface
public interface SourceMap {

  /** For inputs without positions (a cluster, an AdmissionReview). */
  SourceMap NONE = path -> null;

  /**
   * Where {@code path} (relative to the resource root) was written; the nearest written ancestor when the
   * path itself is absent (a missing required field points at its parent); null when positions are unknown.
   */
  Location locate(YamlPath path);
}
