package io.istiolint.graph;

import io.istiolint.graph.RefGraph.Edge;
import io.istiolint.graph.RefGraph.Node;
import io.istiolint.graph.RefGraph.ResourceNode;
import io.istiolint.graph.RefGraph.TargetNode;
import io.istiolint.report.JsonDocument;
import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Draws a reference graph as Graphviz DOT, Mermaid, or JSON. Unresolved references are dashed and red. */
public final class GraphRenderer {

  private static final Comparator<Node> BY_LABEL = Comparator.comparing(Node::label);

  private GraphRenderer() {}

  public static void dot(RefGraph g, Writer out) throws IOException {
    Map<Node, String> ids = ids(g);
    out.write("digraph istiolint {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (Node n : sorted(g)) {
      String shape = n instanceof ResourceNode ? "box, style=rounded" : "ellipse";
      String color = n instanceof TargetNode && g.incoming(n).stream().noneMatch(Edge::resolved) && !g.incoming(n).isEmpty() ? ", color=red, fontcolor=red" : "";
      out.write("  " + ids.get(n) + " [label=\"" + escape(n.label()) + "\", shape=" + shape + color + "];\n");
    }
    for (Edge e : sortedEdges(g)) {
      String style = e.resolved() ? "" : ", style=dashed, color=red, fontcolor=red";
      out.write("  " + ids.get(e.source()) + " -> " + ids.get(e.target()) + " [label=\"" + escape(e.relation()) + "\"" + style + "];\n");
    }
    out.write("}\n");
  }

  public static void mermaid(RefGraph g, Writer out) throws IOException {
    Map<Node, String> ids = ids(g);
    out.write("flowchart LR\n");
    for (Node n : sorted(g)) {
      String label = n.label().replace("\"", "'");
      out.write("  " + ids.get(n) + (n instanceof ResourceNode ? "[\"" + label + "\"]" : "([\"" + label + "\"])") + "\n");
    }
    for (Edge e : sortedEdges(g)) {
      out.write("  " + ids.get(e.source()) + (e.resolved() ? " -->|" : " -.->|") + e.relation() + (e.resolved() ? "" : " (unresolved)")
          + "| " + ids.get(e.target()) + "\n");
    }
  }

  public static void json(RefGraph g, Writer out) throws IOException {
    Map<Node, String> ids = ids(g);
    JsonDocument.write(out, j -> {
      j.writeStartObject();
      j.writeArrayPropertyStart("nodes");
      for (Node n : sorted(g)) {
        j.writeStartObject();
        j.writeStringProperty("id", ids.get(n));
        if (n instanceof ResourceNode r) {
          j.writeStringProperty("type", "resource");
          j.writeStringProperty("apiVersion", r.ref().apiVersion());
          j.writeStringProperty("kind", r.ref().kind());
          j.writeStringProperty("namespace", r.ref().namespace());
          j.writeStringProperty("name", r.ref().name());
        } else {
          TargetNode t = (TargetNode) n;
          j.writeStringProperty("type", t.type());
          j.writeStringProperty("key", t.key());
        }
        j.writeEndObject();
      }
      j.writeEndArray();
      j.writeArrayPropertyStart("edges");
      for (Edge e : sortedEdges(g)) {
        j.writeStartObject();
        j.writeStringProperty("from", ids.get(e.source()));
        j.writeStringProperty("to", ids.get(e.target()));
        j.writeStringProperty("relation", e.relation());
        j.writeStringProperty("path", e.path() == null ? null : e.path().toString());
        j.writeBooleanProperty("resolved", e.resolved());
        j.writeEndObject();
      }
      j.writeEndArray();
      j.writeEndObject();
    });
  }

  private static List<Node> sorted(RefGraph g) {
    return g.nodes().stream().sorted(BY_LABEL).toList();
  }

  private static List<Edge> sortedEdges(RefGraph g) {
    return g.edges().stream().sorted(Comparator.comparing((Edge e) -> e.source().label())
        .thenComparing(e -> e.target().label()).thenComparing(Edge::relation)
        .thenComparing(e -> e.path() == null ? "" : e.path().toString())).toList();
  }

  /** Stable ids n0, n1, … in label order, so output is deterministic. */
  private static Map<Node, String> ids(RefGraph g) {
    Map<Node, String> ids = new HashMap<>();
    List<Node> nodes = sorted(g);
    for (int i = 0; i < nodes.size(); i++) {
      ids.put(nodes.get(i), "n" + i);
    }
    return ids;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
