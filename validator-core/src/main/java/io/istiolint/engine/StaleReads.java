package io.istiolint.engine;

import io.istiolint.api.Kind;
import io.istiolint.graph.RefGraph;
import io.istiolint.hosts.Hosts;
import io.istiolint.index.Completeness;
import io.istiolint.index.Reads;
import io.istiolint.index.Workload;
import io.istiolint.model.Resource;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Which questions a change can answer differently ({@link Reads}): those about the changed objects' kinds, their
 * namespaces of those kinds, themselves by name, whether their namespaces are known (when the change gives a
 * namespace its first object of a kind or takes its last), the hosts of changed DestinationRules, and the
 * reference graph where the changed objects' edges are (in the view before and after; everywhere when a change
 * redraws every reference, as a Service's or a workload's does).
 */
final class StaleReads {

  private record Identity(Kind kind, String namespace, String name) {}

  private record Scope(Kind kind, String namespace) {}

  private final Set<Kind> kinds = new HashSet<>();
  private final Set<Scope> scopes = new HashSet<>();
  private final Set<Identity> identities = new HashSet<>();
  private final Set<Scope> givenScopesFlipped = new HashSet<>();
  private final Set<String> destinationRuleHosts = new HashSet<>();
  private final Set<RefGraph.Node> nodes = new HashSet<>();
  private boolean everyEdge;

  StaleReads(Snapshot before, Snapshot after, Collection<Resource> changed) {
    for (Resource r : changed) {
      // A workload of any kind (a DeploymentConfig, a CloneSet…) answers the questions asked about workloads.
      Set<Kind> as = Workload.of(r).isPresent() ? union(r.kind(), Completeness.WORKLOAD_KINDS) : Set.of(r.kind());
      boolean flipped = given(before, r) != given(after, r);
      for (Kind kind : as) {
        kinds.add(kind);
        scopes.add(new Scope(kind, r.namespace()));
        if (flipped) {
          givenScopesFlipped.add(new Scope(kind, r.namespace()));
        }
      }
      identities.add(identity(r));
      if (r.kind().equals(Kind.DESTINATION_RULE)) {
        String host = after.hosts().hostOf(r);
        if (!host.isEmpty()) {
          destinationRuleHosts.add(host);
        }
      }
      everyEdge |= Snapshot.redrawsEveryReference(r);
      if (!everyEdge) {
        edgesMadeBy(before.graph(), r);
        edgesMadeBy(after.graph(), r);
      }
    }
  }

  /** Whether {@code r} is one of the changed objects (by kind, namespace and name). */
  boolean changed(Resource r) {
    return identities.contains(identity(r));
  }

  /** Whether the change can alter the answer to {@code question}. */
  boolean affects(Reads.Read question) {
    if (question instanceof Reads.OfKind q) {
      return q.kind().equals(Reads.EVERYTHING) ? !kinds.isEmpty() : kinds.contains(q.kind());
    } else if (question instanceof Reads.InNamespace q) {
      return scopes.contains(new Scope(q.kind(), q.namespace()));
    } else if (question instanceof Reads.Named q) {
      return identities.contains(new Identity(q.kind(), q.namespace(), q.name()));
    } else if (question instanceof Reads.Known q) {
      // What the inputs vouch for is fixed for a view; which namespaces were given objects of a kind is not.
      return q.namespace() != null && givenScopesFlipped.contains(new Scope(q.kind(), q.namespace()));
    } else if (question instanceof Reads.EdgeEnd q) {
      return identities.contains(new Identity(q.endKind(), q.namespace(), q.name()));
    } else if (question instanceof Reads.DestinationRulesOf q) {
      return destinationRuleHosts.stream().anyMatch(h -> Hosts.covers(h, q.fqdn()));
    } else if (question instanceof Reads.EdgesAt q) {
      return everyEdge || nodes.contains(q.node());
    }
    throw new IllegalArgumentException("unknown question " + question);
  }

  /**
   * Notes the nodes where {@code graph} has edges {@code r} made (found from its own node, following them either
   * way) and the nodes whose edges lead into its node (a reference to it, resolved or not).
   */
  private void edgesMadeBy(RefGraph graph, Resource r) {
    Identity maker = identity(r);
    RefGraph.Node own = RefGraph.node(r);
    for (RefGraph.Edge e : graph.incoming(own)) {
      nodes.add(e.source());
    }
    Set<RefGraph.Node> seen = new HashSet<>();
    Deque<RefGraph.Node> todo = new ArrayDeque<>();
    todo.push(own);
    while (!todo.isEmpty()) {
      RefGraph.Node node = todo.pop();
      if (!seen.add(node)) {
        continue;
      }
      nodes.add(node);
      for (RefGraph.Edge e : graph.outgoing(node)) {
        if (e.madeBy() != null && identity(e.madeBy()).equals(maker)) {
          todo.push(e.target());
        }
      }
      for (RefGraph.Edge e : graph.incoming(node)) {
        if (e.madeBy() != null && identity(e.madeBy()).equals(maker)) {
          todo.push(e.source());
        }
      }
    }
  }

  private static Set<Kind> union(Kind kind, Set<Kind> kinds) {
    Set<Kind> all = new HashSet<>(kinds);
    all.add(kind);
    return all;
  }

  /** Whether {@code snapshot} was given (not read from a cluster) some object of {@code r}'s kind and namespace. */
  private static boolean given(Snapshot snapshot, Resource r) {
    return snapshot.index().ofKind(r.kind(), r.namespace()).stream().anyMatch(o -> !o.origin().isCluster());
  }

  private static Identity identity(Resource r) {
    return new Identity(r.kind(), r.namespace(), r.name());
  }
}
