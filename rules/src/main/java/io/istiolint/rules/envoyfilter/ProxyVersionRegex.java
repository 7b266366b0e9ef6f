package io.istiolint.rules.envoyfilter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.istiolint.mesh.ProxyVersions;
import io.istiolint.rules.validation.InvalidRegex;
import io.istiolint.rules.validation.ProgramSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code match.proxy.proxyVersion} evaluated as istiod evaluates it: a Go (RE2) regular expression searched
 * for anywhere in the proxy's {@code ISTIO_VERSION} (unanchored: {@code 1\.30} also finds "11.30"); a pattern
 * longer than 1024 characters never matches.
 */
final class ProxyVersionRegex {

  /** Patch numbers tried for a minor line (1.31 = any 1.31.x) and for plausible versions. */
  static final int PATCHES = 20;
  private static final int MINORS = 100;

  private ProxyVersionRegex() {}

  /** True for a pattern istiod ignores for its length: the patch then applies to no proxy (IL0009 reports it). */
  static boolean tooLong(String regex) {
    return regex.length() > InvalidRegex.MAX_LENGTH;
  }

  /** The compiled pattern, or empty when it is too long or not valid RE2 (IL0009 reports those). */
  static Optional<Pattern> compile(String regex) {
    if (tooLong(regex) || ProgramSize.tooLarge(regex)) {
      return Optional.empty(); // re2j would run out of memory on it; Go refuses it (IL0009 reports it)
    }
    try {
      return Optional.of(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      return Optional.empty();
    }
  }

  /** True when the pattern selects a proxy reporting {@code version}; for a minor line, some patch of it. */
  static boolean matches(Pattern pattern, String version) {
    if (!ProxyVersions.isMinorLine(version)) {
      return pattern.matcher(version).find();
    }
    for (int p = 0; p < PATCHES; p++) {
      if (pattern.matcher(version + "." + p).find()) {
        return true;
      }
    }
    return false;
  }

  /** The mesh versions the pattern selects, in order. */
  static List<String> selected(Pattern pattern, List<String> versions) {
    return versions.stream().filter(v -> matches(pattern, v)).toList();
  }

  /** Plausible Istio 1.x versions (1.0.0 to 1.99.19), against which looseness is shown. */
  static List<String> plausibleVersions() {
    List<String> all = new ArrayList<>(MINORS * PATCHES);
    for (int minor = 0; minor < MINORS; minor++) {
      for (int patch = 0; patch < PATCHES; patch++) {
        all.add("1." + minor + "." + patch);
      }
    }
    return all;
  }

  /** A pattern selecting exactly the minor lines of {@code versions}: {@code ^1\.30\.} or {@code ^1\.(29|30)\.}. */
  static String patternFor(List<String> versions) {
    TreeMap<String, TreeSet<Integer>> minorsByMajor = new TreeMap<>();
    for (String v : versions) {
      String[] parts = ProxyVersions.minorOf(v).split("\\.");
      minorsByMajor.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(Integer.parseInt(parts[1]));
    }
    List<String> alternatives = new ArrayList<>();
    minorsByMajor.forEach((major, minors) -> alternatives.add(major + "\\."
        + (minors.size() == 1 ? minors.first().toString()
            : "(" + minors.stream().map(String::valueOf).collect(Collectors.joining("|")) + ")")));
    return alternatives.size() == 1 ? "^" + alternatives.get(0) + "\\."
        : "^(" + String.join("|", alternatives) + ")\\.";
  }

  /** How the findings name the mesh's versions, saying when they were assumed. */
  static String describe(ProxyVersions proxies) {
    String versions = String.join(", ", proxies.versions().stream().map(ProxyVersionRegex::describeOne).toList());
    return proxies.assumed() ? "assumed " + versions + ": none was given with --proxy-version or found in the inputs" : versions;
  }

  private static String describeOne(String version) {
    return ProxyVersions.isMinorLine(version) ? version + ".x" : version;
  }
}
