package io.istiolint.report;

import tools.jackson.core.JsonGenerator;
import io.istiolint.api.Finding;
import io.istiolint.api.Kind;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.engine.LintReport;
import io.istiolint.graph.RefGraph;
import io.istiolint.model.Resource;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kiali's {@code IstioValidations} JSON, so Kiali's UI and tools built for it read istiolint's results:
 * {@code {"<group>/<version>, Kind=<Kind>": {"<name>.<namespace>": {name, namespace, cluster, objectGVK,
 * valid, checks, references}}}}. Every Istio object checked has an entry (a clean one {@code valid: true,
 * checks: []}), and so does any other object with findings. Checks carry istiolint's codes; severities are
 * Kiali's {@code error}, {@code warning} and {@code unknown} (for infos); paths are written Kiali's way,
 * {@code spec/http[0]/route[0]/destination/host}. {@code references} are the objects this one refers to,
 * directly or through a host or subset, from the reference graph.
 */
public final class KialiReporter implements Reporter {

  private static final Comparator<ResourceRef> REF_ORDER = Comparator.comparing(ResourceRef::kind)
      .thenComparing(ResourceRef::namespace).thenComparing(ResourceRef::name);

  private final String cluster;

  /** @param cluster the cluster name written into every entry ("" when the inputs are files) */
  public KialiReporter(String cluster) {
    this.cluster = cluster;
  }

  private static final class Entry {
    final ResourceRef ref;
    final List<Finding> checks = new ArrayList<>();
    final Set<ResourceRef> references = new TreeSet<>(REF_ORDER);

    Entry(ResourceRef ref) {
      this.ref = ref;
    }
  }

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    Map<String, Map<String, Entry>> byGvk = new TreeMap<>();
    for (Resource r : report.resources()) {
      if (r.kind().isIstio() && !r.kind().equals(Kind.ISTIO_OPERATOR)) {
        Entry e = entry(byGvk, r.ref());
        e.references.addAll(references(report.graph(), r.ref()));
      }
    }
    for (Finding f : report.findings()) {
      if (f.resource() != null) {
        entry(byGvk, f.resource()).checks.add(f);
      }
    }
    JsonDocument.write(out, g -> {
      g.writeStartObject();
      for (Map.Entry<String, Map<String, Entry>> gvk : byGvk.entrySet()) {
        g.writeObjectPropertyStart(gvk.getKey());
        for (Map.Entry<String, Entry> e : gvk.getValue().entrySet()) {
          g.writeName(e.getKey());
          writeEntry(g, e.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  private static Entry entry(Map<String, Map<String, Entry>> byGvk, ResourceRef ref) {
    return byGvk.computeIfAbsent(gvkKey(ref), k -> new TreeMap<>())
        .computeIfAbsent(ref.name() + "." + ref.namespace(), k -> new Entry(ref));
  }

  private void writeEntry(JsonGenerator g, Entry e) throws IOException {
    g.writeStartObject();
    g.writeStringProperty("name", e.ref.name());
    g.writeStringProperty("namespace", e.ref.namespace());
    g.writeStringProperty("cluster", cluster);
    writeGvk(g, e.ref);
    g.writeBooleanProperty("valid", e.checks.stream().noneMatch(f -> f.severity() == Severity.ERROR));
    g.writeArrayPropertyStart("checks");
    for (Finding f : e.checks) {
      g.writeStartObject();
      g.writeStringProperty("code", f.code());
      g.writeStringProperty("message", f.message());
      g.writeStringProperty("severity", switch (f.severity()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case INFO -> "unknown";
      });
      g.writeStringProperty("path", path(f.path()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("references");
    for (ResourceRef r : e.references) {
      g.writeStartObject();
      writeGvk(g, r);
      g.writeStringProperty("name", r.name());
      g.writeStringProperty("namespace", r.namespace());
      g.writeStringProperty("cluster", cluster);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeGvk(JsonGenerator g, ResourceRef ref) throws IOException {
    g.writeObjectPropertyStart("objectGVK");
    g.writeStringProperty("Group", Kind.groupOf(ref.apiVersion()));
    g.writeStringProperty("Version", Kind.versionOf(ref.apiVersion()));
    g.writeStringProperty("Kind", ref.kind());
    g.writeEndObject();
  }

  /** Go's {@code GroupVersionKind.String()}: {@code networking.istio.io/v1, Kind=VirtualService}. */
  static String gvkKey(ResourceRef ref) {
    return Kind.groupOf(ref.apiVersion()) + "/" + Kind.versionOf(ref.apiVersion()) + ", Kind=" + ref.kind();
  }

  /** {@code spec.http[0].route[0]} as Kiali writes it, {@code spec/http[0]/route[0]}; "" for the object itself. */
  static String path(YamlPath path) {
    if (path == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Object s : path.segments()) {
      if (s instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('/');
        }
        sb.append(s);
      }
    }
    return sb.toString();
  }

  /** The resources {@code ref} refers to: directly, or through the host or subset it names. */
  static List<ResourceRef> references(RefGraph graph, ResourceRef ref) {
    RefGraph.Node self = new RefGraph.ResourceNode(ref);
    Map<ResourceRef, Boolean> found = new LinkedHashMap<>();
    for (RefGraph.Edge e : graph.outgoing(self)) {
      if (e.target() instanceof RefGraph.ResourceNode r) {
        found.put(r.ref(), true);
      } else {
        for (RefGraph.Edge next : graph.outgoing(e.target())) {
          // A host is served by Services and ServiceEntries, a subset defined by DestinationRules; what a
          // subset selects is the DestinationRule's reference, not the route's.
          boolean defines = next.relation().equals("served-by") || next.relation().equals("defined-by");
          if (defines && next.target() instanceof RefGraph.ResourceNode r) {
            found.put(r.ref(), true);
          }
        }
      }
    }
    found.remove(ref);
    return List.copyOf(found.keySet());
  }
}
