package io.istiolint.load;

import io.istiolint.api.Location;

/** A document that cannot be read as YAML, with where and why in istiolint's words. */
final class YamlSyntaxException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Location location;
  private final String hint;

  YamlSyntaxException(Location location, String message, String hint) {
    super(message, null, false, false);
    this.location = location;
    this.hint = hint;
  }

  Location location() {
    return location;
  }

  String hint() {
    return hint;
  }
}
