package io.istiolint.engine;

import io.istiolint.api.Severity;
import java.util.Locale;
import java.util.Optional;

/** The least severe finding that fails a run (exit code 1, a denied admission), or {@link #NEVER}. */
public enum FailOn {
  ERROR, WARNING, INFO, NEVER;

  /** The severity at and above which a finding fails the run; empty for {@link #NEVER}. */
  public Optional<Severity> threshold() {
    return switch (this) {
      case ERROR -> Optional.of(Severity.ERROR);
      case WARNING -> Optional.of(Severity.WARNING);
      case INFO -> Optional.of(Severity.INFO);
      case NEVER -> Optional.empty();
    };
  }

  /** The level named {@code text} ("warning", case-insensitively), or empty. */
  public static Optional<FailOn> parse(String text) {
    for (FailOn f : values()) {
      if (f.name().equalsIgnoreCase(text)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Lower-case name as written in flags and the config file. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
