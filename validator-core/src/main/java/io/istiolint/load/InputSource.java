package io.istiolint.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file to read, or standard input. {@code name} is how findings name it; {@code walked} says the file was found
 * in a directory rather than named, so a file of other YAML there is skipped.
 */
public record InputSource(String name, Path path, boolean walked) {

  public static final String STDIN_NAME = "<stdin>";

  public InputSource(String name, Path path) {
    this(name, path, false);
  }

  public static InputSource stdin() {
    return new InputSource(STDIN_NAME, null);
  }

  public static InputSource file(Path path) {
    return new InputSource(path.toString(), path);
  }

  /** A file found by walking a directory. */
  public static InputSource walked(Path path) {
    return new InputSource(path.toString(), path, true);
  }

  public boolean isStdin() {
    return path == null;
  }

  /** Opens the bytes; standard input is not closed by closing the returned stream. */
  public InputStream open() throws IOException {
    if (path == null) {
      return new java.io.FilterInputStream(System.in) {
        @Override
        public void close() {
          // leave System.in open
        }
      };
    }
    return Files.newInputStream(path);
  }
}
