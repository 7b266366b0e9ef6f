package io.istiolint.api;

/**
 * Where something was written: a position in an input file, 1-based as editors show it ({@code file} is the
 * path as the user gave it), or only the object it is in when the source has no positions (an object read from
 * a cluster: {@code file} is then its {@code cluster://} address and line and column are 0).
 */
public record Location(String file, int line, int column) implements Comparable<Location> {

  /** How the address of an object read from a cluster begins. */
  public static final String CLUSTER_SCHEME = "cluster://";
  public static final String ADMISSION_SCHEME = "admission://";

  /** The location of an object that has no text to point into, named by {@code source}. */
  public static Location unpositioned(String source) {
    return new Location(source, 0, 0);
  }

  /** True when line and column point into a text; false for an object without one (see {@link #unpositioned}). */
  public boolean hasPosition() {
    return line > 0;
  }

  @Override
  public int compareTo(Location o) {
    int c = file.compareTo(o.file);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }

  @Override
  public String toString() {
    return hasPosition() ? file + ":" + line + ":" + column : file;
  }
}
