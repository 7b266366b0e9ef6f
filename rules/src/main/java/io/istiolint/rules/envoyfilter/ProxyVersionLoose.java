package io.istiolint.rules.envoyfilter;

import com.google.re2j.Pattern;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.mesh.ProxyVersions;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IL0602: a proxyVersion regex that selects versions its author did not mean. {@code ^1.2} selects 1.2.x but
 * also 1.20 to 1.29: the version number does not end at a dot, {@code .} matches any character, and without
 * {@code ^} the pattern is searched anywhere in the version. The rule repairs the pattern (escapes the dots of
 * its leading version number, anchors it, ends the number at a component boundary), and reports only when the
 * original selects some plausible Istio version (1.0.0–1.99.19) the repaired one does not, naming them.
 * Patterns it cannot read as a version number followed by a wildcard are left alone.
 */
public final class ProxyVersionLoose implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0602", "ef-proxy-version-loose", Severity.WARNING,
      Set.of(Kind.ENVOY_FILTER), Set.of(),
      "An EnvoyFilter patch's proxyVersion regex also matches versions it was not meant for (^1.2 matches 1.20)",
      "Escape the dots, anchor with ^ and end the version at a dot: '^1\\.2\\.' for 1.2.x",
      List.of());

  private static final List<String> PLAUSIBLE = ProxyVersionRegex.plausibleVersions();
  private static final int LISTED = 4;

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    for (ConfigPatch patch : ConfigPatch.of(target)) {
      String regex = patch.proxyVersion();
      if (regex == null) {
        continue;
      }
      Optional<Pattern> written = ProxyVersionRegex.compile(regex);
      Optional<Repair> repair = written.isEmpty() ? Optional.empty() : Repair.of(regex);
      if (repair.isEmpty()) {
        continue;
      }
      Optional<Pattern> fixed = ProxyVersionRegex.compile(repair.get().pattern());
      if (fixed.isEmpty()) {
        continue;
      }
      List<String> extra = PLAUSIBLE.stream()
          .filter(v -> written.get().matcher(v).find() && !fixed.get().matcher(v).find()).toList();
      if (extra.isEmpty()) {
        continue;
      }
      ctx.report(target, patch.at("match", "proxy", "proxyVersion"),
          "proxyVersion " + quote(regex) + " also matches " + ranges(extra) + " (e.g. " + extra.get(0) + "), not only "
              + repair.get().meant(),
          "write " + quote(repair.get().pattern()) + ": " + String.join("; ", repair.get().reasons()));
    }
  }

  /**
   * A pattern read as {@code [^]VERSION[WILDCARD]} and written the way it was meant.
   *
   * @param meant   what the repaired pattern selects, in words ("1.2.x")
   * @param reasons what was changed and why
   */
  record Repair(String pattern, String meant, List<String> reasons) {

    static Optional<Repair> of(String regex) {
      boolean anchored = regex.startsWith("^");
      int i = anchored ? 1 : 0;
      List<String> components = new ArrayList<>();
      boolean unescapedDot = false;
      StringBuilder digits = new StringBuilder();
      while (i < regex.length()) {
        char c = regex.charAt(i);
        if (Character.isDigit(c)) {
          digits.append(c);
          i++;
        } else if (digits.length() > 0 && (c == '.' && !quantified(regex, i + 1) || regex.startsWith("\\.", i))) {
          unescapedDot |= c == '.';
          components.add(digits.toString());
          digits.setLength(0);
          i += c == '.' ? 1 : 2;
        } else {
          break;
        }
      }
      if (digits.length() == 0 || components.isEmpty()) {
        // Not a version number ending in a digit (e.g. "^1\\.30\\." already ends at a boundary).
        return Optional.empty();
      }
      components.add(digits.toString());
      String rest = regex.substring(i);
      if (!(rest.isEmpty() || rest.equals(".*") || rest.equals(".+") || rest.equals(".*$"))) {
        return Optional.empty();
      }
      List<String> reasons = new ArrayList<>();
      if (unescapedDot) {
        reasons.add("an unescaped `.` matches any character");
      }
      if (!anchored) {
        reasons.add("without `^` the pattern is searched anywhere in the version");
      }
      String number = String.join("\\.", components);
      boolean full = components.size() >= 3;
      String last = components.get(components.size() - 1);
      reasons.add(full ? "`$` keeps " + String.join(".", components) + " from matching " + String.join(".", components) + "0"
          : "the trailing `\\.` keeps " + String.join(".", components) + " from matching "
              + String.join(".", components.subList(0, components.size() - 1)) + "." + last + "0");
      String meant = String.join(".", components) + (full ? "" : ".x");
      return Optional.of(new Repair("^" + number + (full ? "$" : "\\."), meant, reasons));
    }

    private static boolean quantified(String regex, int at) {
      return at < regex.length() && "*+?{".indexOf(regex.charAt(at)) >= 0;
    }
  }

  /** Versions as short ranges: whole minor lines as "1.20 to 1.29", other versions one by one; at most a few. */
  static String ranges(List<String> versions) {
    Map<String, Set<String>> byMinor = new LinkedHashMap<>();
    for (String v : versions) {
      byMinor.computeIfAbsent(v.substring(0, v.lastIndexOf('.')), k -> new HashSet<>()).add(v);
    }
    List<String> items = new ArrayList<>();
    String runStart = null;
    String runEnd = null;
    for (Map.Entry<String, Set<String>> e : byMinor.entrySet()) {
      boolean whole = e.getValue().size() == ProxyVersionRegex.PATCHES;
      if (whole && runEnd != null && consecutive(runEnd, e.getKey())) {
        runEnd = e.getKey();
        continue;
      }
      if (runStart != null) {
        items.add(runStart.equals(runEnd) ? runStart : runStart + " to " + runEnd);
        runStart = null;
        runEnd = null;
      }
      if (whole) {
        runStart = e.getKey();
        runEnd = e.getKey();
      } else {
        e.getValue().stream().sorted(ProxyVersions.ORDER).forEach(items::add);
      }
    }
    if (runStart != null) {
      items.add(runStart.equals(runEnd) ? runStart : runStart + " to " + runEnd);
    }
    if (items.size() <= LISTED) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more";
  }

  private static boolean consecutive(String minor, String next) {
    String[] a = minor.split("\\.");
    String[] b = next.split("\\.");
    return a[0].equals(b[0]) && Integer.parseInt(b[1]) == Integer.parseInt(a[1]) + 1;
  }

  private static String quote(String regex) {
    return "'" + regex + "'";
  }
}
