package io.istiolint.graph;

import io.istiolint.api.ResourceRef;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Resource;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DirectedPseudograph;

/**
 * Who refers to what: resources, and the things they name (hosts, subsets, gateways, secrets), linked by
 * edges that carry the YAML path that made them and whether they resolved. Built once per run, read-only.
 */
public final class RefGraph {

  /** A vertex: a loaded resource, or something named that may or may not exist. */
  public sealed interface Node permits ResourceNode, TargetNode {
    /** How the node is shown in a drawing. */
    String label();
  }

  /** A loaded resource. */
  public record ResourceNode(ResourceRef ref) implements Node {
    @Override
    public String label() {
      return ref.displayName();
    }
  }

  /**
   * A named target: {@code type} is "host", "subset", "gateway", "secret", "virtualservice"; {@code key} is
   * the name ({@code reviews.bookinfo.svc.cluster.local}, {@code reviews.bookinfo.svc.cluster.local/v1}, …).
   */
  public record TargetNode(String type, String key) implements Node {
    @Override
    public String label() {
      return type + " " + key;
    }
  }

  /**
   * A reference. Identity is by instance: two edges between the same nodes are two references.
   *
   * @param relation what the reference means ("route", "mirror", "subset", "defined-by", "served-by",
   *                 "gateway", "delegate", "selects", "credential", "host")
   * @param path     where in the source resource it was written, or null for derived edges
   * @param resolved false when the target does not exist (as far as the inputs show)
   */
  public record Edge(Node source, Node target, String relation, YamlPath path, boolean resolved) {
    @Override
    public boolean equals(Object o) {
      return this == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  private final Graph<Node, Edge> graph;

  RefGraph(Graph<Node, Edge> graph) {
    this.graph = graph;
  }

  /** An empty graph, to be filled by {@link RefGraphBuilder}. */
  static Graph<Node, Edge> newGraph() {
    return new DirectedPseudograph<>(null, null, false);
  }

  public static RefGraph build(io.istiolint.index.ResourceIndex index, io.istiolint.hosts.HostResolver hosts) {
    return new RefGraphBuilder(index, hosts).build();
  }

  public static ResourceNode node(Resource r) {
    return new ResourceNode(r.ref());
  }

  public Set<Node> nodes() {
    return graph.vertexSet();
  }

  public Set<Edge> edges() {
    return graph.edgeSet();
  }

  public Set<Edge> outgoing(Node node) {
    return graph.containsVertex(node) ? graph.outgoingEdgesOf(node) : Set.of();
  }

  public Set<Edge> incoming(Node node) {
    return graph.containsVertex(node) ? graph.incomingEdgesOf(node) : Set.of();
  }

  /** The part of the graph connected to {@code focus}: everything it reaches and everything that reaches it. */
  public RefGraph around(Node focus) {
    if (!graph.containsVertex(focus)) {
      return new RefGraph(newGraph());
    }
    Set<Node> keep = new LinkedHashSet<>();
    walk(focus, true, keep);
    walk(focus, false, keep);
    return new RefGraph(new AsSubgraph<>(graph, keep));
  }

  private void walk(Node start, boolean forward, Set<Node> seen) {
    Deque<Node> todo = new ArrayDeque<>(List.of(start));
    Set<Node> visited = new LinkedHashSet<>();
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (!visited.add(n)) {
        continue;
      }
      seen.add(n);
      Collection<Edge> next = forward ? graph.outgoingEdgesOf(n) : graph.incomingEdgesOf(n);
      for (Edge e : next) {
        todo.push(forward ? e.target() : e.source());
      }
    }
  }
}
