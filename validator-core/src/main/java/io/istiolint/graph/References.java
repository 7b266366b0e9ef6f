package io.istiolint.graph;

import io.istiolint.graph.RefGraph.Edge;
import io.istiolint.graph.RefGraph.Node;
import java.util.Set;

/**
 * Who refers to what, as rules may ask it: the references out of and into a node ({@link RefGraph} answers, for
 * a whole view or one laid over another); rules see only this.
 */
public interface References {

  /** The references {@code node} makes. */
  Set<Edge> outgoing(Node node);

  /** The references made to {@code node}. */
  Set<Edge> incoming(Node node);
}
