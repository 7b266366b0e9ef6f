package io.istiolint.engine;

import io.istiolint.api.Kind;
import io.istiolint.graph.RefGraph;
import io.istiolint.hosts.HostResolver;
import io.istiolint.index.ResourceIndex;
import io.istiolint.index.Workload;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Resource;
import io.istiolint.schemas.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

  /**
   * This snapshot with {@code added} in place of the objects of its identity, as {@link #of} would build it, at
   * the cost of what the change touches: the index, host resolution and graph are laid over this snapshot's,
   * which stays as it is (a change to a service, or to what the mesh facts come from, is built anew: the edges
   * of every object that routes to the host depend on it). {@code meshOf} gives the mesh facts of an index: asked only when the change is
   * one they are learnt from (a MeshConfig ConfigMap, an IstioOperator, a workload's proxy image).
   */
  public Snapshot with(Resource added, Function<ResourceIndex, MeshInfo> meshOf) {
    List<Resource> replaced = index.namesakes(added);
    ResourceIndex next = index.with(added);
    if (affectsMesh(added) || replaced.stream().anyMatch(Snapshot::affectsMesh)) {
      ResourceIndex whole = next.settled(); // drawn anew over a whole index, not through the change laid over one
      return of(whole, schemas, meshOf.apply(whole));
    }
    if (isService(added) || replaced.stream().anyMatch(Snapshot::isService)) {
      return of(next.settled(), schemas, mesh); // other objects' edges follow the services of a host: drawn anew
    }
    List<Resource> changed = new ArrayList<>(replaced);
    changed.add(added);
    HostResolver nextHosts = hosts.with(next, changed);
    return new Snapshot(next, schemas, nextHosts, graph.with(next, nextHosts, added, replaced), mesh);
  }

  /** This snapshot without the objects of {@code removed}'s identity, as {@link #with} lays a change over it. */
  public Snapshot without(Resource removed, Function<ResourceIndex, MeshInfo> meshOf) {
    List<Resource> gone = index.namesakes(removed);
    ResourceIndex next = index.without(removed);
    if (gone.stream().anyMatch(Snapshot::affectsMesh)) {
      ResourceIndex whole = next.settled();
      return of(whole, schemas, meshOf.apply(whole));
    }
    if (gone.stream().anyMatch(Snapshot::isService)) {
      return of(next.settled(), schemas, mesh);
    }
    RefGraph nextGraph = graph;
    for (Resource r : gone) {
      nextGraph = nextGraph.without(r);
    }
    return new Snapshot(next, schemas, hosts.with(next, gone), nextGraph, mesh);
  }

  /**
   * This snapshot with its index and graph merged with the changes laid over them, as {@link #of} would build it
   * but without drawing the graph again: a snapshot that lasts (the webhook's view between informer events) is
   * settled, so that each request's change is laid over a whole index, not over another change.
   */
  public Snapshot settled() {
    ResourceIndex flat = index.settled();
    RefGraph merged = graph.settled();
    return flat == index && merged == graph ? this : new Snapshot(flat, schemas, hosts.over(flat), merged, mesh);
  }

  /**
   * Whether a change to {@code r} redraws every reference: {@link #with} and {@link #without} build the
   * snapshot anew for it.
   */
  public static boolean redrawsEveryReference(Resource r) {
    return isService(r) || affectsMesh(r);
  }

  /** Whether {@code r} serves hosts: a Service, a ServiceEntry, a Gateway API Gateway (its generated Service). */
  private static boolean isService(Resource r) {
    return r.kind().equals(Kind.SERVICE) || r.kind().equals(Kind.SERVICE_ENTRY) || r.kind().equals(Kind.KUBERNETES_GATEWAY);
  }

  /** Whether {@code r} is among what the mesh facts are learnt from. */
  private static boolean affectsMesh(Resource r) {
    return r.kind().equals(Kind.CONFIG_MAP) || r.kind().equals(Kind.ISTIO_OPERATOR) || Workload.of(r).isPresent();
  }
}
