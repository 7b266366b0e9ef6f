package io.istiolint.api;

import java.util.Locale;

/** How bad a finding is. Declared from most to least severe. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** Lower-case name as used in output formats and flags ("error", "warning", "info"). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this severity is at least as severe as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }
}
