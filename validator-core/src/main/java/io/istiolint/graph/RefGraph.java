package io.istiolint.graph;

import io.istiolint.api.ResourceRef;
import io.istiolint.api.YamlPath;
import io.istiolint.index.Reads;
import io.istiolint.model.Resource;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.graph.AsSubgraph;

/**
 * Who refers to what: resources, and the things they name (hosts, subsets, gateways, secrets), linked by
 * edges that carry the YAML path that made them and whether they resolved. Built once per run, read-only.
 */
public final class RefGraph implements References {

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

    // Written out, as Kind's are: nodes are hashed and compared for every edge of the graph, and the record's
    // generated methods go through method handles.
    @Override
    public boolean equals(Object o) {
      return this == o || o instanceof ResourceNode other && ref.equals(other.ref);
    }

    @Override
    public int hashCode() {
      return ref.hashCode();
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

    @Override
    public boolean equals(Object o) {
      return this == o || o instanceof TargetNode other && key.equals(other.key) && type.equals(other.type);
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + key.hashCode();
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

  private final Adjacency graph;
  /**
   * In a graph made by {@link #with} or {@link #without}: the edges laid over the base graph, the resources whose
   * edges are gone from it, and where base edges into a node now lead (to another node, or {@link #DROPPED}).
   */
  private final Adjacency laid;
  private final Set<Resource> gone;
  private final Map<Node, Node> redirect;
  private volatile RefGraph materialized;

  /** A redirect to nowhere: edges into a removed object that nothing stands for are gone with it. */
  private static final Node DROPPED = new TargetNode("dropped", "");

  RefGraph(Adjacency graph) {
    this(graph, null, Set.of(), Map.of());
  }

  private RefGraph(Adjacency graph, Adjacency laid, Set<Resource> gone, Map<Node, Node> redirect) {
    this.graph = graph;
    this.laid = laid;
    this.gone = gone;
    this.redirect = redirect;
  }

  /** The node that names {@code r} while it does not exist (a delegate, a Gateway, a Secret), or null. */
  private static Node placeholderOf(Resource r) {
    String type = r.kind().equals(io.istiolint.api.Kind.VIRTUAL_SERVICE) ? "virtualservice"
        : r.kind().equals(io.istiolint.api.Kind.GATEWAY) ? "gateway"
        : r.kind().equals(io.istiolint.api.Kind.SECRET) ? "secret" : null;
    return type == null ? null : new TargetNode(type, r.namespace() + "/" + r.name());
  }

  /**
   * This graph with {@code added} in place of {@code replaced} (the objects of its identity), over {@code index} and
   * {@code hosts}, which already hold that change: the edges the replaced objects made are dropped and those
   * {@code added} makes are laid over, without copying the rest. Edges into a replaced object's node (or, for a
   * new object, into the node that stood for it) reach the added object's node.
   */
  public RefGraph with(io.istiolint.index.ResourceIndex index, io.istiolint.hosts.HostResolver hosts, Resource added,
      List<Resource> replaced) {
    if (laid != null) {
      return materialize().with(index, hosts, added, replaced);
    }
    Set<Resource> goneNow = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    goneNow.addAll(replaced);
    Node addedNode = node(added);
    Map<Node, Node> to = new java.util.HashMap<>();
    replaced.stream().map(RefGraph::node).filter(n -> !n.equals(addedNode)).forEach(n -> to.put(n, addedNode));
    Node placeholder = replaced.isEmpty() ? placeholderOf(added) : null;
    if (placeholder != null) {
      to.put(placeholder, addedNode);
    }
    RefGraph partial = new RefGraph(graph, newGraph(), goneNow, to);
    Adjacency own = new RefGraphBuilder(index, hosts, partial::outgoingEdges).edgesOf(added);
    return new RefGraph(graph, own, goneNow, to);
  }

  /**
   * This graph without {@code removed}: the edges it made are dropped, and edges others made into it reach the
   * node that names it while it does not exist (a delegate, a Gateway, a Secret), or go with it.
   */
  public RefGraph without(Resource removed) {
    if (laid != null) {
      return materialize().without(removed);
    }
    Set<Resource> goneNow = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    goneNow.add(removed);
    Node placeholder = placeholderOf(removed);
    return new RefGraph(graph, newGraph(), goneNow, Map.of(node(removed), placeholder == null ? DROPPED : placeholder));
  }

  private static Set<Edge> edgesAt(Adjacency g, Node node, boolean outgoing) {
    if (!g.containsVertex(node)) {
      return Set.of();
    }
    return outgoing ? g.outgoingEdgesOf(node) : g.incomingEdgesOf(node);
  }

  /** A base edge as this graph has it: null when its maker is gone or its target went with it. */
  private Edge current(Edge e) {
    if (gone.contains(e.madeBy())) {
      return null;
    }
    Node target = redirect.get(e.target());
    if (target == null) {
      return e;
    }
    return target == DROPPED ? null
        : new Edge(e.source(), target, e.relation(), e.path(), e.resolved() || target instanceof ResourceNode, e.madeBy());
  }

  public Set<Node> nodes() {
    return laid == null ? graph.vertexSet() : materialize().nodes();
  }

  public Set<Edge> edges() {
    return laid == null ? graph.edgeSet() : materialize().edges();
  }

  public Set<Edge> outgoing(Node node) {
    return read(node, outgoingEdges(node));
  }

  public Set<Edge> incoming(Node node) {
    return read(node, incomingEdges(node));
  }

  /**
   * Notes, for {@link Reads}, that the edges at {@code node} were read, and the objects they were made by and
   * lead to or from (whose content a rule may go on to read).
   */
  private static Set<Edge> read(Node node, Set<Edge> edges) {
    if (!Reads.recording()) {
      return edges;
    }
    Reads.of(new Reads.EdgesAt(node));
    for (Edge e : edges) {
      if (e.madeBy() != null) {
        Reads.named(e.madeBy().kind(), e.madeBy().namespace(), e.madeBy().name());
      }
      for (Node end : List.of(e.source(), e.target())) {
        if (end instanceof ResourceNode r) {
          Reads.of(new Reads.EdgeEnd(r.ref().kindRef(), r.ref().namespace(), r.ref().name()));
        }
      }
    }
    return edges;
  }

  private Set<Edge> outgoingEdges(Node node) {
    if (laid == null) {
      return edgesAt(graph, node, true);
    }
    Set<Edge> found = new LinkedHashSet<>();
    for (Edge e : edgesAt(graph, node, true)) {
      Edge now = current(e);
      if (now != null) {
        found.add(now);
      }
    }
    found.addAll(edgesAt(laid, node, true));
    return found;
  }

  private Set<Edge> incomingEdges(Node node) {
    if (laid == null) {
      return edgesAt(graph, node, false);
    }
    Set<Edge> found = new LinkedHashSet<>();
    List<Node> asked = new java.util.ArrayList<>();
    if (!redirect.containsKey(node)) {
      asked.add(node);
    }
    redirect.forEach((from, to) -> {
      if (to.equals(node)) {
        asked.add(from);
      }
    });
    for (Node n : asked) {
      for (Edge e : edgesAt(graph, n, false)) {
        Edge now = current(e);
        if (now != null) {
          found.add(now);
        }
      }
    }
    found.addAll(edgesAt(laid, node, false));
    return found;
  }

  /** This graph with its laid edges merged into one, so that a change laid over it later copies nothing. */
  public RefGraph settled() {
    return laid == null ? this : materialize();
  }

  /** A graph made by {@link #with} or {@link #without}, as one graph (for drawing it, or for a second change). */
  private RefGraph materialize() {
    RefGraph done = materialized;
    if (done == null) {
      Adjacency whole = newGraph();
      graph.vertexSet().stream().filter(n -> !redirect.containsKey(n) && !(n instanceof ResourceNode r && goneRef(r)))
          .forEach(whole::addVertex);
      for (Edge e : graph.edgeSet()) {
        Edge now = current(e);
        if (now != null) {
          whole.addVertex(now.source());
          whole.addVertex(now.target());
          whole.addEdge(now);
        }
      }
      laid.vertexSet().forEach(whole::addVertex);
      for (Edge e : laid.edgeSet()) {
        whole.addEdge(e);
      }
      done = new RefGraph(whole);
      materialized = done;
    }
    return done;
  }

  /** True when {@code node} stands for a removed object and nothing replaced it. */
  private boolean goneRef(ResourceNode node) {
    return gone.stream().anyMatch(r -> node(r).equals(node)) && !laid.containsVertex(node);
  }

  /** An empty graph, to be filled by {@link RefGraphBuilder}. */
  static Adjacency newGraph() {
    return new Adjacency();
  }

  public static RefGraph build(io.istiolint.index.ResourceIndex index, io.istiolint.hosts.HostResolver hosts) {
    return new RefGraphBuilder(index, hosts).build();
  }

  public static ResourceNode node(Resource r) {
    return new ResourceNode(r.ref());
  }

  /** The part of the graph connected to {@code focus}: everything it reaches and everything that reaches it. */
  public RefGraph around(Node focus) {
    if (laid != null) {
      return materialize().around(focus);
    }
    if (!graph.containsVertex(focus)) {
      return new RefGraph(newGraph());
    }
    Set<Node> keep = new LinkedHashSet<>();
    walk(focus, true, keep);
    walk(focus, false, keep);
    return new RefGraph(Adjacency.of(new AsSubgraph<>(graph.toGraph(), keep)));
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
