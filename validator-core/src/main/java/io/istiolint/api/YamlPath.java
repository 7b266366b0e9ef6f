package io.istiolint.api;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path to a node inside a resource: field names and list indexes from the resource root, printed as
 * {@code spec.http[0].route[1].destination.subset}. A path can point at a mapping key instead of its
 * value ({@link #key()}): that is where an unknown or repeated field is shown.
 */
public final class YamlPath implements Comparable<YamlPath> {

  public static final YamlPath ROOT = new YamlPath(null, null, false);

  private static final Pattern PLAIN_FIELD = Pattern.compile("[A-Za-z0-9_$-]+");

  // A path is built for every node loaded and for most nodes a rule looks at: each is its parent and one
  // segment, so appending costs one small object and paths share their prefixes.
  /** Null for the root. */
  private final YamlPath parent;
  /** A field name ({@link String}) or a list index ({@link Integer}); null for the root. */
  private final Object segment;
  private final int length;
  private final boolean atKey;
  /** {@link Arrays#hashCode} of the segments, kept as each path is made from its parent's. */
  private final int segmentsHash;

  private YamlPath(YamlPath parent, Object segment, boolean atKey) {
    this.parent = parent;
    this.segment = segment;
    this.atKey = atKey;
    this.length = parent == null ? 0 : parent.length + 1;
    this.segmentsHash = parent == null ? 1 : 31 * parent.segmentsHash + segment.hashCode();
  }

  /** Builds a path from dotted field names, e.g. {@code YamlPath.of("spec", "hosts")}. */
  public static YamlPath of(Object... segments) {
    YamlPath path = ROOT;
    for (Object segment : segments) {
      if (segment instanceof Integer index) {
        path = path.index(index);
      } else {
        path = path.field((String) segment);
      }
    }
    return path;
  }

  /** Builds a path from segments: {@link String} field names and {@link Integer} indexes. */
  public static YamlPath ofSegments(List<Object> segments) {
    return of(segments.toArray());
  }

  public YamlPath field(String name) {
    return new YamlPath(this, name, false);
  }

  public YamlPath index(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("negative index " + i);
    }
    return new YamlPath(this, i, false);
  }

  /** The same path, pointing at the mapping key of its last field rather than the value. */
  public YamlPath key() {
    if (length == 0 || !(segment instanceof String)) {
      throw new IllegalStateException("only a field has a key: " + this);
    }
    return new YamlPath(parent, segment, true);
  }

  /** This path followed by {@code relative}. */
  public YamlPath resolve(YamlPath relative) {
    YamlPath joined = atKey ? new YamlPath(parent, segment, false) : this; // the joined path points as relative does
    for (Object s : relative.array()) {
      joined = new YamlPath(joined, s, false);
    }
    return relative.atKey ? new YamlPath(joined.parent, joined.segment, true) : joined;
  }

  public boolean pointsAtKey() {
    return atKey;
  }

  public List<Object> segments() {
    return List.of(array());
  }

  /** Whether one of the segments is {@code segment}. */
  public boolean contains(Object segment) {
    for (YamlPath p = this; p.parent != null; p = p.parent) {
      if (p.segment.equals(segment)) {
        return true;
      }
    }
    return false;
  }

  public boolean isRoot() {
    return length == 0;
  }

  public Object last() {
    if (length == 0) {
      throw new IndexOutOfBoundsException("the root has no segment");
    }
    return segment;
  }

  /** The path without its last segment (pointing at a value). */
  public YamlPath parent() {
    if (length == 0) {
      throw new IllegalStateException("the root has no parent");
    }
    return parent;
  }

  /** The segments from the root. */
  private Object[] array() {
    Object[] array = new Object[length];
    YamlPath p = this;
    for (int i = length - 1; i >= 0; i--, p = p.parent) {
      array[i] = p.segment;
    }
    return array;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Object s : array()) {
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
    if (this == o) {
      return true;
    }
    if (!(o instanceof YamlPath p) || p.segmentsHash != segmentsHash || p.length != length || p.atKey != atKey) {
      return false;
    }
    for (YamlPath a = this, b = p; a != b; a = a.parent, b = b.parent) { // a shared prefix ends the walk
      if (!a.segment.equals(b.segment)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return segmentsHash * 2 + (atKey ? 1 : 0);
  }

  @Override
  public int compareTo(YamlPath o) {
    Object[] mine = array();
    Object[] theirs = o.array();
    int n = Math.min(mine.length, theirs.length);
    for (int i = 0; i < n; i++) {
      Object a = mine[i];
      Object b = theirs[i];
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
    return mine.length != theirs.length
        ? Integer.compare(mine.length, theirs.length)
        : Boolean.compare(o.atKey, atKey);
  }
}
