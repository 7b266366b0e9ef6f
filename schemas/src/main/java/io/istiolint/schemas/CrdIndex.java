package io.istiolint.schemas;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** (group, kind) → what the CRD declares, and the {@code openAPIV3Schema} of each served version. */
final class CrdIndex {

  /** One CRD: its summary, and the raw schema per served version name, read on first use. */
  static final class Entry {
    private final CrdInfo info;
    private final Supplier<JsonNode> wholeCrd;
    private volatile Map<String, JsonNode> schemas;

    private Entry(CrdInfo info, Supplier<JsonNode> wholeCrd) {
      this.info = info;
      this.wholeCrd = wholeCrd;
    }

    CrdInfo info() {
      return info;
    }

    /** Served version name → its {@code openAPIV3Schema}. */
    Map<String, JsonNode> schemas() {
      Map<String, JsonNode> read = schemas;
      if (read == null) {
        Map<String, JsonNode> bySchema = new LinkedHashMap<>();
        for (JsonNode version : wholeCrd.get().path("spec").path("versions")) {
          if (version.path("served").asBoolean(false)) {
            bySchema.put(version.path("name").asString(""), version.path("schema").path("openAPIV3Schema"));
          }
        }
        read = Collections.unmodifiableMap(bySchema);
        schemas = read;
      }
      return read;
    }
  }

  /** group → kind → entry; sorted so that {@link #groups()} and {@link #kinds} iterate predictably. */
  private final Map<String, Map<String, Entry>> byGroup;

  private CrdIndex(Map<String, Map<String, Entry>> byGroup) {
    this.byGroup = byGroup;
  }

  /**
   * Indexes CustomResourceDefinition objects ({@code apiextensions.k8s.io/v1}).
   *
   * @throws IllegalArgumentException for an object that is not such a CRD, or two CRDs of one kind
   */
  static CrdIndex of(List<JsonNode> crds) {
    return of(crds, null);
  }

  /**
   * Indexes CRDs whose schemas have been left out ({@code crds}); {@code wholeCrd} gives the whole CRD of a
   * name ({@code metadata.name}) when its schemas are first needed. Null: the CRDs are whole.
   */
  static CrdIndex of(List<JsonNode> crds, Function<String, JsonNode> wholeCrd) {
    Map<String, Map<String, Entry>> byGroup = new TreeMap<>();
    for (JsonNode crd : crds) {
      Entry entry = entry(crd, wholeCrd);
      CrdInfo info = entry.info();
      Entry previous = byGroup.computeIfAbsent(info.group(), g -> new TreeMap<>()).put(info.kind(), entry);
      if (previous != null) {
        throw new IllegalArgumentException("two CustomResourceDefinitions for " + info.kind() + "." + info.group());
      }
    }
    return new CrdIndex(byGroup);
  }

  private static Entry entry(JsonNode crd, Function<String, JsonNode> wholeCrd) {
    String name = crd.path("metadata").path("name").asString("(unnamed)");
    if (!crd.path("kind").asString("").equals("CustomResourceDefinition")
        || !crd.path("apiVersion").asString("").equals("apiextensions.k8s.io/v1")) {
      throw new IllegalArgumentException(
          name + " is not an apiextensions.k8s.io/v1 CustomResourceDefinition but " + crd.path("apiVersion").asString("")
              + " " + crd.path("kind").asString(""));
    }
    JsonNode spec = crd.path("spec");
    String group = required(spec.path("group"), name, "spec.group");
    String kind = required(spec.path("names").path("kind"), name, "spec.names.kind");
    String plural = required(spec.path("names").path("plural"), name, "spec.names.plural");
    List<CrdInfo.ServedVersion> versions = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      if (!version.path("served").asBoolean(false)) {
        continue;
      }
      String versionName = required(version.path("name"), name, "spec.versions[].name");
      JsonNode warning = version.path("deprecationWarning");
      versions.add(new CrdInfo.ServedVersion(versionName, version.path("storage").asBoolean(false),
          version.path("deprecated").asBoolean(false), warning.isString() ? warning.asString("") : null));
    }
    boolean namespaced = !spec.path("scope").asString("").equals("Cluster");
    return new Entry(new CrdInfo(group, kind, plural, namespaced, versions),
        wholeCrd == null ? () -> crd : () -> wholeCrd.apply(name));
  }

  private static String required(JsonNode value, String crdName, String field) {
    if (!value.isString() || value.asString("").isEmpty()) {
      throw new IllegalArgumentException("CustomResourceDefinition " + crdName + " has no " + field);
    }
    return value.asString("");
  }

  Optional<Entry> entry(String group, String kind) {
    return Optional.ofNullable(byGroup.getOrDefault(group, Map.of()).get(kind));
  }

  Set<String> groups() {
    return Collections.unmodifiableSet(byGroup.keySet());
  }

  Set<String> kinds(String group) {
    return Collections.unmodifiableSet(byGroup.getOrDefault(group, Map.of()).keySet());
  }
}
