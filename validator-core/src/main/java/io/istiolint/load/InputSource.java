package io.istiolint.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file to read, or standard input. {@code name} is how findings name it. */
public record InputSource(String name, Path path) {

  public static final String STDIN_NAME = "<stdin>";

  public static InputSource stdin() {
    return new InputSource(STDIN_NAME, null);
  }

  public static InputSource file(Path path) {
    return new InputSource(path.toString(), path);
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
