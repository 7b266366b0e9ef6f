package io.istiolint.config;

import io.istiolint.api.Location;

/** A config file that cannot be used, with where and why; the CLI exits 2 with this message. */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Location location;

  ConfigException(Location location, String message) {
    super(location + ": " + message, null, false, false);
    this.location = location;
  }

  public Location location() {
    return location;
  }
}
