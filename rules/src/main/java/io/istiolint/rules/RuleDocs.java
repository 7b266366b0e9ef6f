package io.istiolint.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The long-form page of each rule, {@code docs/rules/<CODE>.md}, packed into the rules jar. */
public final class RuleDocs {

  private RuleDocs() {}

  /** The markdown page of {@code code}, if there is one. */
  public static Optional<String> page(String code) {
    try (InputStream in = RuleDocs.class.getResourceAsStream("docs/" + code + ".md")) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
