package io.istiolint.rules.virtualservice;

import io.istiolint.api.YamlPath;
import io.istiolint.graph.RefGraph;
import io.istiolint.graph.References;
import io.istiolint.graph.RefGraph.Edge;
import io.istiolint.graph.RefGraph.Node;
import io.istiolint.graph.RefGraph.ResourceNode;
import io.istiolint.model.Resource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delegation loops through one VirtualService, found by walking its delegate edges in the reference graph.
 * A walk from the resource at hand costs only the size of its delegation chain, where enumerating every
 * cycle of the graph would cost the whole graph for each VirtualService.
 */
final class DelegationCycles {

  static final String RELATION = "delegate";

  private DelegationCycles() {}

  /**
   * The delegations of {@code vs} that lead back to it: each delegate's path ({@code spec.http[i].delegate}) with
   * its loop, in the order of the graph's edges.
   */
  static Map<YamlPath, List<ResourceNode>> loopsFrom(References graph, Resource vs) {
    Map<YamlPath, List<ResourceNode>> loops = new LinkedHashMap<>();
    for (Edge e : graph.outgoing(RefGraph.node(vs))) {
      if (e.relation().equals(RELATION) && e.path() != null) {
        through(graph, e).ifPresent(loop -> loops.put(e.path(), loop));
      }
    }
    return loops;
  }

  /** The shortest loop that starts with {@code edge} and comes back to its source, as nodes (source first and last). */
  static Optional<List<ResourceNode>> through(References graph, Edge edge) {
    if (!(edge.source() instanceof ResourceNode start) || !(edge.target() instanceof ResourceNode first)) {
      return Optional.empty();
    }
    Map<Node, Node> parent = new HashMap<>();
    Deque<ResourceNode> todo = new ArrayDeque<>(List.of(first));
    parent.put(first, start);
    while (!todo.isEmpty()) {
      ResourceNode n = todo.poll();
      if (n.equals(start)) {
        List<ResourceNode> loop = new ArrayList<>();
        Node at = start;
        do {
          loop.add((ResourceNode) at);
          at = parent.get(at);
        } while (!at.equals(start));
        loop.add(start);
        Collections.reverse(loop);
        return Optional.of(loop);
      }
      for (Edge e : graph.outgoing(n)) {
        if (e.relation().equals(RELATION) && e.target() instanceof ResourceNode next && !parent.containsKey(next)) {
          parent.put(next, n);
          todo.add(next);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code ns/a -> ns/b -> ns/a}. */
  static String describe(List<ResourceNode> loop) {
    return String.join(" -> ", loop.stream().map(n -> n.ref().namespace() + "/" + n.ref().name()).toList());
  }
}
