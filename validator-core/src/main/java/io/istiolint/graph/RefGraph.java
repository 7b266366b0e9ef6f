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
   * @param madeBy   the resource whose reading made the edge (its source, or the DestinationRule defining a subset,
   *                 or the Service behind a host): replacing that resource replaces its edges
   */
  public record Edge(Node source, Node target, String relation, YamlPath path, boolean resolved, Resource madeBy) {
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
  /** In a graph made by {@link #with}: the edges of the changed resource, and the resources whose edges are gone. */
  private final Graph<Node, Edge> added;
  private final Set<Resource> replaced;
  private final Node addedNode;
  private final Set<Node> replacedNodes;
  /** For an object new to the graph: the node that stood for it while it did not exist, whose edges now reach it. */
  private final Node placeholder;
  private volatile RefGraph materialized;

  RefGraph(Graph<Node, Edge> graph) {
    this(graph, null, Set.of(), null, Set.of(), null);
  }

  private RefGraph(Graph<Node, Edge> graph, Graph<Node, Edge> added, Set<Resource> replaced, Node addedNode,
      Set<Node> replacedNodes, Node placeholder) {
    this.graph = graph;
    this.added = added;
    this.replaced = replaced;
    this.addedNode = addedNode;
    this.replacedNodes = replacedNodes;
    this.placeholder = placeholder;
  }

  /** The node that names {@code r} while it does not exist (a delegate, a Gateway, a Secret), or null. */
  private static Node placeholderOf(Resource r) {
    String type = r.kind().equals(io.istiolint.api.Kind.VIRTUAL_SERVICE) ? "virtualservice"
        : r.kind().equals(io.istiolint.api.Kind.GATEWAY) ? "gateway"
        : r.kind().equals(io.istiolint.api.Kind.SECRET) ? "secret" : null;
    return type == null ? null : new TargetNode(type, r.namespace() + "/" + r.name());
  }

  /** {@code e}, reaching the added object where it reached its placeholder: resolved now. */
  private Edge remapped(Edge e) {
    return placeholder != null && e.target().equals(placeholder)
        ? new Edge(e.source(), addedNode, e.relation(), e.path(), true, e.madeBy()) : e;
  }

  /**
   * This graph with {@code added} in place of {@code replaced} (the objects of its identity), over {@code index} and
   * {@code hosts}, which already hold that change: the edges the replaced objects made are dropped and those
   * {@code added} makes are laid over, without copying the rest. Edges into a replaced object's node stay, and
   * answer for the added object's node when the two differ only in API version.
   */
  public RefGraph with(io.istiolint.index.ResourceIndex index, io.istiolint.hosts.HostResolver hosts, Resource added,
      List<Resource> replaced) {
    if (this.added != null) {
      return materialize().with(index, hosts, added, replaced);
    }
    Set<Resource> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    gone.addAll(replaced);
    Set<Node> goneNodes = new LinkedHashSet<>();
    replaced.forEach(r -> goneNodes.add(node(r)));
    Node stand = replaced.isEmpty() ? placeholderOf(added) : null;
    RefGraph partial = new RefGraph(graph, RefGraph.newGraph(), gone, node(added), goneNodes, stand);
    Graph<Node, Edge> own = new RefGraphBuilder(index, hosts, partial::outgoing).edgesOf(added);
    return new RefGraph(graph, own, gone, node(added), goneNodes, stand);
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
    return added == null ? graph.vertexSet() : materialize().nodes();
  }

  public Set<Edge> edges() {
    return added == null ? graph.edgeSet() : materialize().edges();
  }

  public Set<Edge> outgoing(Node node) {
    return added == null ? edgesAt(graph, node, true) : outgoingOf(node, replaced, added);
  }

  public Set<Edge> incoming(Node node) {
    if (added == null) {
      return edgesAt(graph, node, false);
    }
    if (placeholder != null && node.equals(placeholder)) {
      return edgesAt(added, node, false);
    }
    Set<Edge> found = new LinkedHashSet<>();
    List<Node> asked = new java.util.ArrayList<>(List.of(node));
    if (node.equals(addedNode)) {
      replacedNodes.stream().filter(n -> !n.equals(node)).forEach(asked::add);
      if (placeholder != null) {
        asked.add(placeholder);
      }
    }
    for (Node n : asked) {
      for (Edge e : edgesAt(graph, n, false)) {
        if (!replaced.contains(e.madeBy())) {
          found.add(remapped(e));
        }
      }
    }
    found.addAll(edgesAt(added, node, false));
    return found;
  }

  /** The outgoing edges of {@code node} in the base graph not made by {@code gone}, and those of {@code laid} (may be null). */
  private Set<Edge> outgoingOf(Node node, Set<Resource> gone, Graph<Node, Edge> laid) {
    Set<Edge> found = new LinkedHashSet<>();
    for (Edge e : edgesAt(graph, node, true)) {
      if (!gone.contains(e.madeBy())) {
        found.add(remapped(e));
      }
    }
    if (laid != null) {
      found.addAll(edgesAt(laid, node, true));
    }
    return found;
  }

  private static Set<Edge> edgesAt(Graph<Node, Edge> g, Node node, boolean outgoing) {
    if (!g.containsVertex(node)) {
      return Set.of();
    }
    return outgoing ? g.outgoingEdgesOf(node) : g.incomingEdgesOf(node);
  }

  /** A graph made by {@link #with}, as one graph (for drawing it, or for a second change). */
  private RefGraph materialize() {
    RefGraph done = materialized;
    if (done == null) {
      Graph<Node, Edge> whole = newGraph();
      graph.vertexSet().stream().filter(n -> (!replacedNodes.contains(n) || n.equals(addedNode)) && !n.equals(placeholder))
          .forEach(whole::addVertex);
      for (Edge e : graph.edgeSet()) {
        if (!replaced.contains(e.madeBy())) {
          Node target = replacedNodes.contains(e.target()) || e.target().equals(placeholder) ? addedNode : e.target();
          Node source = replacedNodes.contains(e.source()) ? addedNode : e.source();
          whole.addVertex(source);
          whole.addVertex(target);
          whole.addEdge(source, target, source == e.source() && target == e.target() ? e
              : new Edge(source, target, e.relation(), e.path(), e.resolved() || target == addedNode, e.madeBy()));
        }
      }
      whole.addVertex(addedNode);
      for (Edge e : added.edgeSet()) {
        whole.addVertex(e.source());
        whole.addVertex(e.target());
        whole.addEdge(e.source(), e.target(), e);
      }
      done = new RefGraph(whole);
      materialized = done;
    }
    return done;
  }

  /** The part of the graph connected to {@code focus}: everything it reaches and everything that reaches it. */
  public RefGraph around(Node focus) {
    if (added != null) {
      return materialize().around(focus);
    }
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
