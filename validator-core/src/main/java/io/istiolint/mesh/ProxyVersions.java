package io.istiolint.mesh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Istio proxy versions known to run in the mesh, and where they were learnt. A version is what a proxy
 * reports as {@code ISTIO_VERSION} ({@code 1.30.3}, {@code 1.31.0-rc.0}); a version without a patch number
 * ({@code 1.31}) stands for any patch release of that minor version.
 *
 * @param source  "flags", "inputs", "cluster", "inputs and cluster", "default", or "none"
 * @param assumed true when nothing told istiolint the versions and it assumed {@link #DEFAULT_VERSION}
 */
public record ProxyVersions(List<String> versions, String source, boolean assumed) {

  /** Nothing given: versions are to be discovered from the inputs, else {@link #ASSUMED}. */
  public static final ProxyVersions NONE = new ProxyVersions(List.of(), "none", false);

  /**
   * The version assumed when none is known: the Istio release whose CRDs istiolint bundles (a test keeps the
   * two equal), as any patch release of it.
   */
  public static final String DEFAULT_VERSION = "1.31";

  public static final ProxyVersions ASSUMED = new ProxyVersions(List.of(DEFAULT_VERSION), "default", true);

  private static final Pattern VERSION = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,4})(-[0-9A-Za-z.-]+)?)?");

  /** Orders versions numerically (1.9 before 1.10), a minor line before its patch releases. */
  public static final Comparator<String> ORDER = Comparator.<String>comparingInt(v -> part(v, 1))
      .thenComparingInt(v -> part(v, 2)).thenComparingInt(v -> part(v, 3)).thenComparing(Comparator.naturalOrder());

  public ProxyVersions {
    versions = List.copyOf(versions);
  }

  /**
   * Versions from a list (flags, a config file, the inputs), sorted and without duplicates.
   *
   * @throws IllegalArgumentException when one is not a version (see {@link #isVersion})
   */
  public static ProxyVersions of(Collection<String> versions, String source) {
    List<String> sorted = new ArrayList<>(new LinkedHashSet<>(versions));
    for (String v : sorted) {
      if (!isVersion(v)) {
        throw new IllegalArgumentException("not an Istio version: '" + v + "' (write it as 1.30.3, or 1.30 for any 1.30.x)");
      }
    }
    sorted.sort(ORDER);
    return new ProxyVersions(sorted, source, false);
  }

  /** True for {@code MAJOR.MINOR}, {@code MAJOR.MINOR.PATCH} and {@code MAJOR.MINOR.PATCH-PRERELEASE}. */
  public static boolean isVersion(String v) {
    return v != null && VERSION.matcher(v).matches();
  }

  /** True for a version without patch number: it stands for every patch release of that minor. */
  public static boolean isMinorLine(String v) {
    Matcher m = VERSION.matcher(v);
    return m.matches() && m.group(3) == null;
  }

  /** {@code MAJOR.MINOR} of a version. */
  public static String minorOf(String v) {
    Matcher m = VERSION.matcher(v);
    return m.matches() ? m.group(1) + "." + m.group(2) : v;
  }

  public boolean isKnown() {
    return !versions.isEmpty();
  }

  private static int part(String v, int group) {
    Matcher m = VERSION.matcher(v);
    return m.matches() && m.group(group) != null ? Integer.parseInt(m.group(group)) : -1;
  }
}
