package io.istiolint.api;

import io.istiolint.graph.References;
import io.istiolint.hosts.HostLookup;
import io.istiolint.index.Index;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Resource;
import io.istiolint.schemas.SchemaCatalog;
import java.time.Clock;

/** What a rule sees of a run, and how it reports. One context per rule, shared by all its targets. */
public interface RuleContext {

  /** The objects of the view: a whole one, or one laid over another for an admission request. */
  Index index();

  SchemaCatalog schemas();

  /** Host resolution, as istiod resolves hosts. */
  HostLookup hosts();

  /** Who refers to what. */
  References graph();

  MeshInfo mesh();

  /** The time of the run, for what depends on it (certificate validity); fixed in tests so results repeat. */
  Clock clock();

  /**
   * Reports a problem of {@code target} at {@code at} (relative to the resource); the engine finds the
   * position. {@code hint} says how to fix it, or is null.
   */
  void report(Resource target, YamlPath at, String message, String hint);

  /**
   * Reports a problem whose position is already known (from loading). {@code resource} and {@code at} are
   * null when the problem lies outside any resource.
   */
  void report(ResourceRef resource, YamlPath at, Location location, String message, String hint);

  /**
   * Counts a reference that cannot be checked because its target's scope was not loaded
   * ({@code reason}, e.g. "no Services loaded for namespace shop"). Not a finding: absence of evidence is
   * not evidence of a problem.
   */
  void unverified(Resource target, YamlPath at, String reason);
}
