package io.istiolint.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a rule is, independent of any run: its stable code, name, default severity, the kinds it reports on
 * ({@code targets}; empty = every resource) and reads, a one-line summary, how to fix what it finds, and
 * the codes of the nearest istioctl (IST…) and Kiali (KIA…) checks.
 */
public record RuleMeta(
    String code,
    String name,
    Severity severity,
    Set<Kind> targets,
    Set<Kind> reads,
    String summary,
    String remediation,
    List<String> equivalents) {

  private static final Pattern CODE = Pattern.compile("IL\\d{4}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public RuleMeta {
    Objects.requireNonNull(severity, "severity");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("rule code must look like IL0123: " + code);
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("rule name must be kebab-case: " + name);
    }
    targets = Set.copyOf(targets);
    reads = Set.copyOf(reads);
    equivalents = List.copyOf(equivalents);
  }

  /** True when this rule reports on resources of {@code kind}. */
  public boolean targets(Kind kind) {
    return targets.isEmpty() || targets.contains(kind);
  }
}
