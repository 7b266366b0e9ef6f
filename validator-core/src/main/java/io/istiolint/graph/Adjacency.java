package io.istiolint.graph;

import io.istiolint.graph.RefGraph.Edge;
import io.istiolint.graph.RefGraph.Node;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedPseudograph;

/**
 * The reference graph's storage: nodes, and each node's outgoing and incoming edges, in insertion order. Plain
 * maps are all rules need, and cost a fraction of a general graph's bookkeeping; {@link #toGraph} makes the
 * jgrapht graph the drawing commands walk.
 */
final class Adjacency {

  private final Set<Node> nodes = new LinkedHashSet<>();
  private final List<Edge> edges = new ArrayList<>();
  private final Map<Node, List<Edge>> outgoing = new HashMap<>();
  private final Map<Node, List<Edge>> incoming = new HashMap<>();

  void addVertex(Node node) {
    nodes.add(node);
  }

  void addEdge(Edge edge) {
    record(edge);
    link(edge);
  }

  /**
   * Adds the edges of {@code batches} in order, as {@link #addEdge} one by one would: each node's edge lists are
   * filled on a second thread while this one records the nodes and edges (a mesh has hundreds of thousands).
   */
  void addAll(List<List<Edge>> batches) {
    CompletableFuture<Void> ends = CompletableFuture.runAsync(() -> batches.forEach(batch -> batch.forEach(this::link)));
    batches.forEach(batch -> batch.forEach(this::record));
    ends.join();
  }

  /** The edge and its ends among the graph's nodes and edges. */
  private void record(Edge edge) {
    nodes.add(edge.source());
    nodes.add(edge.target());
    edges.add(edge);
  }

  /** The edge in its ends' edge lists. */
  private void link(Edge edge) {
    outgoing.computeIfAbsent(edge.source(), n -> new ArrayList<>(2)).add(edge);
    incoming.computeIfAbsent(edge.target(), n -> new ArrayList<>(2)).add(edge);
  }

  boolean containsVertex(Node node) {
    return nodes.contains(node);
  }

  Set<Node> vertexSet() {
    return Collections.unmodifiableSet(nodes);
  }

  Set<Edge> edgeSet() {
    return view(edges);
  }

  Set<Edge> outgoingEdgesOf(Node node) {
    return view(outgoing.getOrDefault(node, List.of()));
  }

  Set<Edge> incomingEdgesOf(Node node) {
    return view(incoming.getOrDefault(node, List.of()));
  }

  /** The same nodes and edges as a jgrapht graph, for walking and drawing. */
  Graph<Node, Edge> toGraph() {
    Graph<Node, Edge> graph = new DirectedPseudograph<>(null, null, false);
    nodes.forEach(graph::addVertex);
    edges.forEach(e -> graph.addEdge(e.source(), e.target(), e));
    return graph;
  }

  /** {@code graph}'s nodes and edges, in its order. */
  static Adjacency of(Graph<Node, Edge> graph) {
    Adjacency adjacency = new Adjacency();
    graph.vertexSet().forEach(adjacency::addVertex);
    graph.edgeSet().forEach(adjacency::addEdge);
    return adjacency;
  }

  /** A read-only set over a list of distinct edges (edges are equal only to themselves), without copying it. */
  private static Set<Edge> view(List<Edge> list) {
    return new AbstractSet<>() {
      @Override
      public Iterator<Edge> iterator() {
        return Collections.unmodifiableList(list).iterator();
      }

      @Override
      public int size() {
        return list.size();
      }
    };
  }
}
