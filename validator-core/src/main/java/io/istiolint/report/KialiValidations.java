package io.istiolint.report;

import io.istiolint.api.Finding;
import io.istiolint.api.Kind;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.graph.RefGraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JsonGenerator;

/**
 * Kiali's {@code IstioValidations}, the one writer of it for {@code --format kiali} and the webhook's Kiali API:
 * {@code {"<group>/<version>, Kind=<Kind>": {"<name>.<namespace>": {name, namespace, cluster, objectGVK, valid,
 * checks, references}}}}. Checks carry istiolint's codes; severities are Kiali's {@code error}, {@code warning}
 * and {@code unknown} (for infos); paths are written Kiali's way, {@code spec/http[0]/route[0]/destination/host}.
 * {@code references} are the objects an object refers to, directly or through a host or subset.
 */
public final class KialiValidations {

  /** How references are listed: by kind, namespace, name. */
  public static final Comparator<ResourceRef> REF_ORDER = Comparator.comparing(ResourceRef::kind)
      .thenComparing(ResourceRef::namespace).thenComparing(ResourceRef::name);

  private final String cluster;
  private final Map<String, Map<String, Entry>> byGvk = new TreeMap<>();

  /** @param cluster the cluster name written into every entry ("" when the inputs are files) */
  public KialiValidations(String cluster) {
    this.cluster = cluster;
  }

  /** One object's validation: its findings and the objects it refers to. */
  private static final class Entry {
    final ResourceRef ref;
    final List<Finding> checks = new ArrayList<>();
    final Set<ResourceRef> references = new TreeSet<>(REF_ORDER);

    Entry(ResourceRef ref) {
      this.ref = ref;
    }
  }

  /** Whether objects of {@code kind} get an entry even when clean: the Istio kinds Kiali validates. */
  public static boolean validates(Kind kind) {
    return kind.isIstio() && !kind.equals(Kind.ISTIO_OPERATOR);
  }

  /** Gives {@code ref} an entry (clean until checks are added) that refers to {@code references}. */
  public void object(ResourceRef ref, Collection<ResourceRef> references) {
    entry(ref).references.addAll(references);
  }

  /** Adds {@code finding} to its object's entry, making the entry if there is none; a finding on no object is left out. */
  public void check(Finding finding) {
    if (finding.resource() != null) {
      entry(finding.resource()).checks.add(finding);
    }
  }

  /** Writes the map of every entry, keyed by GVK and then {@code <name>.<namespace>}, as a JSON object value. */
  public void write(JsonGenerator g) throws IOException {
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
  }

  /** Writes the entry of {@code ref} alone (Kiali's {@code IstioValidation}); false, writing nothing, when it has none. */
  public boolean writeEntry(JsonGenerator g, ResourceRef ref) throws IOException {
    Map<String, Entry> ofGvk = byGvk.get(gvkKey(ref));
    Entry e = ofGvk == null ? null : ofGvk.get(ref.name() + "." + ref.namespace());
    if (e == null) {
      return false;
    }
    writeEntry(g, e);
    return true;
  }

  /** Go's {@code GroupVersionKind.String()}: {@code networking.istio.io/v1, Kind=VirtualService}. */
  public static String gvkKey(ResourceRef ref) {
    return Kind.groupOf(ref.apiVersion()) + "/" + Kind.versionOf(ref.apiVersion()) + ", Kind=" + ref.kind();
  }

  /** Kiali's severity of {@code severity}: it has no info, and its UI counts {@code unknown} as one. */
  public static String severity(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "unknown";
    };
  }

  /** Writes {@code "objectGVK": {"Group", "Version", "Kind"}}, capitalised as Go writes a struct without tags. */
  public static void writeGvk(JsonGenerator g, ResourceRef ref) throws IOException {
    g.writeObjectPropertyStart("objectGVK");
    writeGvkFields(g, ref);
    g.writeEndObject();
  }

  /** The fields of a {@code GroupVersionKind} value: {@code Group}, {@code Version}, {@code Kind}. */
  public static void writeGvkFields(JsonGenerator g, ResourceRef ref) throws IOException {
    g.writeStringProperty("Group", Kind.groupOf(ref.apiVersion()));
    g.writeStringProperty("Version", Kind.versionOf(ref.apiVersion()));
    g.writeStringProperty("Kind", ref.kind());
  }

  /** {@code spec.http[0].route[0]} as Kiali writes it, {@code spec/http[0]/route[0]}; "" for the object itself. */
  public static String path(YamlPath path) {
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
  public static List<ResourceRef> references(RefGraph graph, ResourceRef ref) {
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

  private Entry entry(ResourceRef ref) {
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
      g.writeStringProperty("severity", severity(f.severity()));
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
}
