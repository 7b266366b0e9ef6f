package io.istiolint.webhook;

import io.istiolint.api.ResourceRef;
import io.istiolint.graph.RefGraph;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of the reference graph the page draws around an object: what it refers to and what refers to it, up to
 * {@link #DEPTH} references away and at most {@link #MAX_NODES} nodes (a mesh-wide host can have hundreds of
 * referrers; the picture is of the object's surroundings). References are followed in a fixed order (the graph's
 * own is by identity), so the same view gives the same picture.
 */
record Neighbourhood(Set<RefGraph.Node> nodes, Set<RefGraph.Edge> edges) {

  static final int DEPTH = 2;
  static final int MAX_NODES = 60;

  static Neighbourhood around(RefGraph graph, ResourceRef ref) {
    Map<RefGraph.Node, Integer> distance = new LinkedHashMap<>();
    Set<RefGraph.Edge> edges = new LinkedHashSet<>();
    RefGraph.Node focus = new RefGraph.ResourceNode(ref);
    Deque<RefGraph.Node> todo = new ArrayDeque<>();
    distance.put(focus, 0);
    todo.add(focus);
    while (!todo.isEmpty()) {
      RefGraph.Node node = todo.poll();
      int d = distance.get(node);
      if (d == DEPTH) {
        continue;
      }
      for (boolean forward : new boolean[] {true, false}) {
        for (RefGraph.Edge e : sorted(forward ? graph.outgoing(node) : graph.incoming(node))) {
          RefGraph.Node next = forward ? e.target() : e.source();
          if (!distance.containsKey(next)) {
            if (distance.size() == MAX_NODES) {
              continue;
            }
            distance.put(next, d + 1);
            todo.add(next);
          }
          edges.add(e);
        }
      }
    }
    return new Neighbourhood(distance.keySet(), edges);
  }

  private static List<RefGraph.Edge> sorted(Set<RefGraph.Edge> edges) {
    return edges.stream().sorted(Comparator.comparing((RefGraph.Edge e) -> e.source().label()).thenComparing(e -> e.target().label())
        .thenComparing(RefGraph.Edge::relation).thenComparing(e -> String.valueOf(e.path()))).toList();
  }

  /** Whether {@code node} names something the view lacks: it is referred to, and no reference to it resolved. */
  static boolean missing(RefGraph graph, RefGraph.Node node) {
    if (node instanceof RefGraph.ResourceNode) {
      return false;
    }
    Set<RefGraph.Edge> in = graph.incoming(node);
    return !in.isEmpty() && in.stream().noneMatch(RefGraph.Edge::resolved);
  }
}
