package io.istiolint.engine;

import io.istiolint.graph.RefGraph;
import io.istiolint.hosts.HostResolver;
import io.istiolint.index.ResourceIndex;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.schemas.SchemaCatalog;

/**
 * Everything rules see of one run, immutable: the resources, their schemas, host resolution, the
 * reference graph and the mesh facts.
 */
public record Snapshot(ResourceIndex index, SchemaCatalog schemas, HostResolver hosts, RefGraph graph, MeshInfo mesh) {

  /** Builds host resolution and the reference graph over {@code index}. */
  public static Snapshot of(ResourceIndex index, SchemaCatalog schemas, MeshInfo mesh) {
    HostResolver hosts = new HostResolver(index, mesh);
    return new Snapshot(index, schemas, hosts, RefGraph.build(index, hosts), mesh);
  }
}
