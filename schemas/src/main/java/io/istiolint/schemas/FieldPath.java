package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** Paths inside an object as {@link SchemaViolation} carries them: field names and list indexes. */
final class FieldPath {

  /** Segment-wise; an index sorts before a name, a path before its extensions. */
  static final Comparator<List<Object>> ORDER = FieldPath::compare;

  /** Names that read unambiguously after a dot; anything else (e.g. {@code app.kubernetes.io/name}) is quoted. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

  private FieldPath() {}

  /** The segments of a networknt instance location; it keeps list indexes as integers. */
  static List<Object> of(NodePath location) {
    List<Object> segments = new ArrayList<>(location.getNameCount());
    for (int i = 0; i < location.getNameCount(); i++) {
      segments.add(location.getElement(i));
    }
    return segments;
  }

  static List<Object> append(List<Object> path, Object segment) {
    List<Object> longer = new ArrayList<>(path);
    longer.add(segment);
    return longer;
  }

  /** The node at {@code path} under {@code root}; a missing node when there is none. */
  static JsonNode resolve(JsonNode root, List<Object> path) {
    JsonNode node = root;
    for (Object segment : path) {
      node = segment instanceof Integer index ? node.path(index) : node.path(segment.toString());
    }
    return node;
  }

  /** {@code spec.http[0].route}, or {@code metadata.labels["app.kubernetes.io/name"]}. */
  static String dotted(List<Object> path) {
    StringBuilder out = new StringBuilder();
    for (Object segment : path) {
      if (segment instanceof Integer) {
        out.append('[').append(segment).append(']');
      } else if (PLAIN_NAME.matcher(segment.toString()).matches()) {
        out.append(out.length() == 0 ? "" : ".").append(segment);
      } else {
        out.append("[\"").append(segment.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
      }
    }
    return out.toString();
  }

  /** The subject of a sentence about the value at {@code path}. */
  static String subject(List<Object> path) {
    return path.isEmpty() ? "the resource" : dotted(path);
  }

  /** Where a field belongs: "in spec.http[0]", or "at the top level". */
  static String where(List<Object> path) {
    return path.isEmpty() ? "at the top level" : "in " + dotted(path);
  }

  private static int compare(List<Object> a, List<Object> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareSegments(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareSegments(Object a, Object b) {
    if (a instanceof Integer x && b instanceof Integer y) {
      return Integer.compare(x, y);
    }
    if (a instanceof Integer || b instanceof Integer) {
      return a instanceof Integer ? -1 : 1;
    }
    return a.toString().compareTo(b.toString());
  }
}
