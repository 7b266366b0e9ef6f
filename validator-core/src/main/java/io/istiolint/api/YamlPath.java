package io.istiolint.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path to a node inside a resource: field names and list indexes from the resource root, printed as
 * {@code spec.http[0].route[1].destination.subset}. A path can point at a mapping key instead of its
 * value ({@link #key()}): that is where an unknown or repeated field is shown.
 */
public final class YamlPath implements Comparable<YamlPath> {

  public static final YamlPath ROOT = new YamlPath(List.of(), false);

  private static final Pattern PLAIN_FIELD = Pattern.compile("[A-Za-z0-9_$-]+");

  private final List<Object> segments;
  private final boolean atKey;

  private YamlPath(List<Object> segments, boolean atKey) {
    this.segments = segments;
    this.atKey = atKey;
  }

  /** Builds a path from dotted field names, e.g. {@code YamlPath.of("spec", "hosts")}. */
  public static YamlPath of(Object... segments) {
    YamlPath path = ROOT;
    for (Object s : segments) {
      path = s instanceof Integer i ? path.index(i) : path.field((String) s);
    }
    return path;
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
    if (segments.isEmpty() || !(last() instanceof String)) {
      throw new IllegalStateException("only a field has a key: " + this);
    }
    return new YamlPath(segments, true);
  }

  /** This path followed by {@code relative}. */
  public YamlPath resolve(YamlPath relative) {
    List<Object> joined = new ArrayList<>(segments.size() + relative.segments.size());
    joined.addAll(segments);
    joined.addAll(relative.segments);
    return new YamlPath(List.copyOf(joined), relative.atKey);
  }

  public boolean pointsAtKey() {
    return atKey;
  }

  public List<Object> segments() {
    return segments;
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  public Object last() {
    return segments.get(segments.size() - 1);
  }

  /** The path without its last segment (pointing at a value). */
  public YamlPath parent() {
    return new YamlPath(segments.subList(0, segments.size() - 1), false);
  }

  private YamlPath append(Object segment) {
    List<Object> next = new ArrayList<>(segments.size() + 1);
    next.addAll(segments);
    next.add(segment);
    return new YamlPath(List.copyOf(next), false);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Object s : segments) {
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
    return o instanceof YamlPath p && p.atKey == atKey && p.segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode() * 2 + (atKey ? 1 : 0);
  }

  @Override
  public int compareTo(YamlPath o) {
    int n = Math.min(segments.size(), o.segments.size());
    for (int i = 0; i < n; i++) {
      Object a = segments.get(i);
      Object b = o.segments.get(i);
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
    return segments.size() != o.segments.size()
        ? Integer.compare(segments.size(), o.segments.size())
        : Boolean.compare(o.atKey, atKey);
  }
}
