package io.istiolint.hosts;

import tools.jackson.databind.JsonNode;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Istio's {@code exportTo}: the namespaces in which an object is visible. {@code *} is every namespace,
 * {@code .} the object's own, {@code ~} none; a name is that namespace. An object that declares nothing
 * gets the mesh default.
 */
public final class ExportTo {

  public static final String ALL = "*";
  private static final Set<String> EVERYWHERE = Set.of(ALL);

  private ExportTo() {}

  /** The declared entries of a JSON list (absent or empty → empty). */
  public static List<String> declared(JsonNode list) {
    if (!list.isArray() || list.isEmpty()) {
      return List.of(); // nearly every object: the mesh's default applies
    }
    List<String> entries = new ArrayList<>();
    list.forEach(e -> {
      if (e.isString() && !e.asString("").isBlank()) {
        entries.add(e.asString("").trim());
      }
    });
    return entries;
  }

  /** The namespaces the object is visible in ({@link #ALL} for every one). */
  public static Set<String> scopes(List<String> declared, String ownNamespace, List<String> meshDefault) {
    List<String> entries = declared.isEmpty() ? meshDefault : declared;
    if (entries.size() == 1) { // nearly every object: the mesh's default, or one entry of its own
      return switch (entries.get(0)) {
        case ALL -> EVERYWHERE;
        case "." -> Set.of(ownNamespace);
        case "~" -> Set.of();
        default -> Set.of(entries.get(0));
      };
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String e : entries) {
      switch (e) {
        case "." -> scopes.add(ownNamespace);
        case "~" -> { } // exported nowhere
        default -> scopes.add(e);
      }
    }
    return scopes.contains(ALL) ? Set.of(ALL) : Set.copyOf(scopes);
  }

  /**
   * The namespaces a VirtualService, DestinationRule or ServiceEntry is visible in: its {@code spec.exportTo},
   * else {@code meshDefault} (MeshConfig's default for its kind).
   */
  public static Set<String> scopesOf(Resource resource, List<String> meshDefault) {
    return scopes(declared(resource.spec().path("exportTo")), resource.namespace(), meshDefault);
  }

  public static boolean visible(Set<String> scopes, String namespace) {
    return scopes.contains(ALL) || scopes.contains(namespace);
  }
  /** True when some namespace is in both sets of {@link #scopes}. */
  public static boolean intersect(Set<String> a, Set<String> b) {
    if (a.contains(ALL)) {
      return !b.isEmpty();
    }
    if (b.contains(ALL)) {
      return !a.isEmpty();
    }
    return a.stream().anyMatch(b::contains);
  }

  /** The namespaces in both sets of {@link #scopes}. */
  public static Set<String> intersection(Set<String> a, Set<String> b) {
    if (a.contains(ALL)) {
      return b;
    }
    if (b.contains(ALL)) {
      return a;
    }
    Set<String> both = new LinkedHashSet<>(a);
    both.retainAll(b);
    return both;
  }

}
