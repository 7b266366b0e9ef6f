package io.istiolint.engine;

import io.istiolint.api.Finding;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.Severity;
import io.istiolint.model.Resource;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an administrator decided about findings, applied by the engine the same way for every front end
 * (CLI, webhook): rules turned off, severities changed, files and resources ignored, whether resources may
 * suppress findings on themselves with annotations, and the severity that fails a run.
 *
 * <p>Inline suppression: {@code istiolint.io/ignore: "IL0101,IL0206"} (codes or rule names; each may be
 * followed by {@code : reason}), and Istio's own {@code galley.istio.io/analyze-suppress: "IST0101"} (or
 * {@code *}), which suppresses the findings whose rule names that istioctl code among its equivalents.
 */
public final class Policy {

  public static final String IGNORE_ANNOTATION = "istiolint.io/ignore";
  public static final String ISTIO_SUPPRESS_ANNOTATION = "galley.istio.io/analyze-suppress";

  /** Every rule on at its default severity, nothing ignored, annotations honoured, errors fail. */
  public static final Policy DEFAULT = new Policy(Set.of(), Map.of(), true, Path.of(""), List.of(), List.of(), FailOn.ERROR);

  /** What happens to one finding. */
  public enum Verdict {
    REPORT,
    /** Not reported, counted as suppressed. */
    SUPPRESSED,
    /** Reported although an annotation asks to suppress it: the policy forbids inline suppressions. */
    REPORT_DESPITE_ANNOTATION
  }

  private final Set<String> disabled;
  private final Map<String, Severity> severities;
  private final boolean allowInlineSuppressions;
  private final Path baseDir;
  private final List<String> ignorePaths;
  private final List<PathMatcher> pathMatchers;
  private final List<String> ignoreResources;
  private final List<Pattern> resourcePatterns;
  private final FailOn failOn;
  /** Findings of one rule on the resources a glob names, suppressed by the user of one run (the CLI's --suppress). */
  private final List<RuleOnResources> suppressed;

  private record RuleOnResources(String code, Pattern resources) {}

  /**
   * @param disabled        codes of rules that do not run
   * @param severities      severity per code, where it differs from the rule's default
   * @param baseDir         the directory {@code ignorePaths} are relative to (the config file's)
   * @param ignorePaths     globs of files whose findings are suppressed ({@code vendor/**})
   * @param ignoreResources {@code Kind/namespace/name} globs of resources whose findings are suppressed
   */
  public Policy(Set<String> disabled, Map<String, Severity> severities, boolean allowInlineSuppressions, Path baseDir,
      List<String> ignorePaths, List<String> ignoreResources, FailOn failOn) {
    this(disabled, severities, allowInlineSuppressions, baseDir, ignorePaths, ignoreResources, failOn, List.of());
  }

  private Policy(Set<String> disabled, Map<String, Severity> severities, boolean allowInlineSuppressions, Path baseDir,
      List<String> ignorePaths, List<String> ignoreResources, FailOn failOn, List<RuleOnResources> suppressed) {
    this.disabled = Set.copyOf(disabled);
    this.severities = Map.copyOf(severities);
    this.allowInlineSuppressions = allowInlineSuppressions;
    this.baseDir = baseDir.toAbsolutePath().normalize();
    this.ignorePaths = List.copyOf(ignorePaths);
    this.pathMatchers = ignorePaths.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    this.ignoreResources = List.copyOf(ignoreResources);
    this.resourcePatterns = ignoreResources.stream().map(Policy::resourcePattern).toList();
    this.failOn = failOn;
    this.suppressed = List.copyOf(suppressed);
  }

  public FailOn failOn() {
    return failOn;
  }

  public boolean allowInlineSuppressions() {
    return allowInlineSuppressions;
  }

  public Policy withFailOn(FailOn value) {
    return new Policy(disabled, severities, allowInlineSuppressions, baseDir, ignorePaths, ignoreResources, value, suppressed);
  }

  /** This policy with {@code enable} turned on and then {@code disable} turned off (codes). */
  public Policy withRules(Collection<String> enable, Collection<String> disable) {
    Set<String> off = new HashSet<>(disabled);
    off.removeAll(enable);
    off.addAll(disable);
    return new Policy(off, severities, allowInlineSuppressions, baseDir, ignorePaths, ignoreResources, failOn, suppressed);
  }

  /**
   * This policy also suppressing the findings of the rule {@code code} on the resources {@code resources} names
   * ({@code Kind/namespace/name}, {@code *} and {@code ?} in each part; the namespace empty for cluster-scoped kinds).
   */
  public Policy withSuppressed(String code, String resources) {
    List<RuleOnResources> more = new java.util.ArrayList<>(suppressed);
    more.add(new RuleOnResources(code, resourcePattern(resources)));
    return new Policy(disabled, severities, allowInlineSuppressions, baseDir, ignorePaths, ignoreResources, failOn, more);
  }

  /** True when the rule with {@code code} runs. */
  public boolean enabled(String code) {
    return !disabled.contains(code);
  }

  /** The severity findings of {@code code} are reported with. */
  public Severity severity(String code, Severity defaultSeverity) {
    return severities.getOrDefault(code, defaultSeverity);
  }

  /** True when {@code report} fails the run at this policy's threshold. */
  public boolean fails(LintReport report) {
    return failOn.threshold().map(report::hasFindingsAtLeast).orElse(false);
  }

  /** The finding as this policy reports it (its severity possibly changed). */
  public Finding adjust(Finding f) {
    Severity s = severity(f.code(), f.severity());
    return s == f.severity() ? f
        : new Finding(f.code(), f.rule(), s, f.message(), f.hint(), f.resource(), f.path(), f.location(), f.equivalents());
  }

  /** What happens to {@code f}, found on {@code resource} (null when outside any resource, or not loaded). */
  public Verdict judge(Finding f, Resource resource) {
    if (!enabled(f.code()) || inIgnoredPath(f) || (f.resource() != null && (ignoredResource(f.resource()) || suppressedOnResource(f)))) {
      return Verdict.SUPPRESSED;
    }
    if (resource != null && suppressedByAnnotation(f, resource.annotations())) {
      return allowInlineSuppressions ? Verdict.SUPPRESSED : Verdict.REPORT_DESPITE_ANNOTATION;
    }
    return Verdict.REPORT;
  }

  private boolean inIgnoredPath(Finding f) {
    if (pathMatchers.isEmpty() || f.location() == null) {
      return false;
    }
    Path file;
    try {
      file = Path.of(f.location().file());
    } catch (InvalidPathException e) {
      return false;
    }
    Path absolute = file.toAbsolutePath().normalize();
    Path relative = absolute.startsWith(baseDir) ? baseDir.relativize(absolute) : file;
    return pathMatchers.stream().anyMatch(m -> m.matches(relative));
  }

  private boolean ignoredResource(ResourceRef ref) {
    String id = ref.kind() + "/" + ref.namespace() + "/" + ref.name();
    return resourcePatterns.stream().anyMatch(p -> p.matcher(id).matches());
  }

  private boolean suppressedOnResource(Finding f) {
    String id = f.resource().kind() + "/" + f.resource().namespace() + "/" + f.resource().name();
    return suppressed.stream().anyMatch(s -> s.code().equals(f.code()) && s.resources().matcher(id).matches());
  }

  /** True when an annotation of the resource names the finding's code or rule, or an istioctl equivalent. */
  static boolean suppressedByAnnotation(Finding f, Map<String, String> annotations) {
    String own = annotations.get(IGNORE_ANNOTATION);
    if (own != null && listedCodes(own).stream().anyMatch(c -> c.equalsIgnoreCase(f.code()) || c.equalsIgnoreCase(f.rule()))) {
      return true;
    }
    String istio = annotations.get(ISTIO_SUPPRESS_ANNOTATION);
    if (istio != null) {
      for (String code : istio.split(",")) {
        String c = code.trim();
        if (c.equals("*") || f.equivalents().stream().anyMatch(e -> e.equalsIgnoreCase(c))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The codes or names in an {@code istiolint.io/ignore} value: comma-separated entries, each a code or
   * name optionally followed by {@code : reason}; a reason may itself hold commas, so a piece that is not a
   * single word is part of the reason before it.
   */
  static List<String> listedCodes(String value) {
    return java.util.Arrays.stream(value.split(","))
        .map(piece -> {
          int colon = piece.indexOf(':');
          return (colon < 0 ? piece : piece.substring(0, colon)).trim();
        })
        .filter(token -> !token.isEmpty() && token.chars().noneMatch(Character::isWhitespace))
        .toList();
  }

  /** {@code Kind/namespace/name} with {@code *} and {@code ?} wildcards in each part. */
  private static Pattern resourcePattern(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append("[^/]*");
        case '?' -> regex.append("[^/]");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
