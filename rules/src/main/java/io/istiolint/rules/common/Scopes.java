package io.istiolint.rules.common;

import io.istiolint.hosts.ExportTo;
import java.util.LinkedHashSet;
import java.util.Set;

/** Sets of namespaces as {@link ExportTo#scopes} gives them ({@code *} = every namespace). */
public final class Scopes {

  private Scopes() {}

  /** True when some namespace is in both. */
  public static boolean intersect(Set<String> a, Set<String> b) {
    if (a.contains(ExportTo.ALL)) {
      return !b.isEmpty();
    }
    if (b.contains(ExportTo.ALL)) {
      return !a.isEmpty();
    }
    return a.stream().anyMatch(b::contains);
  }

  /** The namespaces in both. */
  public static Set<String> intersection(Set<String> a, Set<String> b) {
    if (a.contains(ExportTo.ALL)) {
      return b;
    }
    if (b.contains(ExportTo.ALL)) {
      return a;
    }
    Set<String> both = new LinkedHashSet<>(a);
    both.retainAll(b);
    return both;
  }
}
