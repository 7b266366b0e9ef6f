package io.istiolint.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path to a node inside a resource: field names and list indexes from the resource root, printed as
 * {@code spec.http[0].route[1].destination.subset}. A path can point at a mapping key instead of its
 * value ({@link #key()}): that is where an unknown or repeated field is shown.
 */
public final class YamlPath implements Comparable<YamlPath> {

  public static final YamlPath ROOT = new YamlPath(new Object[0], false);

  private static final Pattern PLAIN_FIELD = Pattern.compile("[A-Za-z0-9_$-]+");

  // A path is built for every node loaded and used as a map key: one array copy per segment, hash kept once
  // asked for (rules build many paths that are never a key).
  private final Object[] array;
  private final boolean atKey;
  /** 0 until asked for (a path whose hash is 0 is hashed again each time: harmless). */
  private int hash;

  /** {@code array} is owned by the new path and never changed. */
  private YamlPath(Object[] array, boolean atKey) {
    this.array = array;
    this.atKey = atKey;
  }

  /** Builds a path from dotted field names, e.g. {@code YamlPath.of("spec", "hosts")}. */
  public static YamlPath of(Object... segments) {
    // One array for the whole path: rules build paths like this for nearly every node they look at.
    Object[] array = new Object[segments.length];
    for (int i = 0; i < segments.length; i++) {
      if (segments[i] instanceof Integer index) {
        if (index < 0) {
          throw new IllegalArgumentException("negative index " + index);
        }
        array[i] = index;
      } else {
        array[i] = (String) segments[i];
      }
    }
    return new YamlPath(array, false);
  }

  /** Builds a path from segments: {@link String} field names and {@link Integer} indexes. */
  public static YamlPath ofSegments(List<Object> segments) {
    return of(segments.toArray());
  }

  public YamlPath field(String name) {
    return append(name);
  }

  public YamlPath index(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("negative index " + i);
    }
    return append(i);
  }

  /** The same path, pointing at the mapping key of its last field rather than the value. */
  public YamlPath key() {
    if (array.length == 0 || !(last() instanceof String)) {
      throw new IllegalStateException("only a field has a key: " + this);
    }
    return new YamlPath(array, true);
  }

  /** This path followed by {@code relative}. */
  public YamlPath resolve(YamlPath relative) {
    Object[] joined = Arrays.copyOf(array, array.length + relative.array.length);
    System.arraycopy(relative.array, 0, joined, array.length, relative.array.length);
    return new YamlPath(joined, relative.atKey);
  }

  public boolean pointsAtKey() {
    return atKey;
  }

  public List<Object> segments() {
    return Collections.unmodifiableList(Arrays.asList(array));
  }

  public boolean isRoot() {
    return array.length == 0;
  }

  public Object last() {
    return array[array.length - 1];
  }

  /** The path without its last segment (pointing at a value). */
  public YamlPath parent() {
    return new YamlPath(Arrays.copyOf(array, array.length - 1), false);
  }

  private YamlPath append(Object segment) {
    Object[] next = Arrays.copyOf(array, array.length + 1);
    next[array.length] = segment;
    return new YamlPath(next, false);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Object s : array) {
      if (s instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else if (PLAIN_FIELD.matcher((String) s).matches()) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(s);
      } else {
        sb.append("[\"").append(((String) s).replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof YamlPath p && p.hashCode() == hashCode() && p.atKey == atKey && Arrays.equals(p.array, array);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(array) * 2 + (atKey ? 1 : 0);
      hash = h;
    }
    return h;
  }

  @Override
  public int compareTo(YamlPath o) {
    int n = Math.min(array.length, o.array.length);
    for (int i = 0; i < n; i++) {
      Object a = array[i];
      Object b = o.array[i];
      int c;
      if (a instanceof Integer x && b instanceof Integer y) {
        c = Integer.compare(x, y);
      } else {
        c = a.toString().compareTo(b.toString());
      }
      if (c != 0) {
        return c;
      }
    }
    return array.length != o.array.length
        ? Integer.compare(array.length, o.array.length)
        : Boolean.compare(o.atKey, atKey);
  }
}
