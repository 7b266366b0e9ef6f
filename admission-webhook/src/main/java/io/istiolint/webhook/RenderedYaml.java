package io.istiolint.webhook;

import io.istiolint.api.YamlPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * An object that has no text of its own (read from a cluster) written as block YAML, with the line of every node,
 * so that findings can be shown at the line of their path. A string is written plain only when YAML reads it back
 * as the same string; otherwise double-quoted, as JSON writes it (JSON strings are YAML).
 */
final class RenderedYaml {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./@-]*(?: [A-Za-z0-9_./@-]+)*");
  /** Words YAML 1.1 reads as booleans or null. */
  private static final Pattern RESERVED = Pattern.compile("(?i)y|n|yes|no|true|false|on|off|null");
  /** What YAML 1.1 may read as a number or a date: a digit first and no letter, or a number with an exponent or base. */
  private static final Pattern NUMERIC = Pattern.compile("[0-9][^A-Za-z]*|[0-9.]+[eE][0-9-]*|0[xob][0-9A-Fa-f_]+");

  private final List<String> lines = new ArrayList<>();
  private final Map<YamlPath, Integer> lineOf = new HashMap<>();

  private RenderedYaml() {}

  static RenderedYaml of(JsonNode object) {
    RenderedYaml yaml = new RenderedYaml();
    yaml.mapping(object, YamlPath.ROOT, 0);
    return yaml;
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  /** The 1-based line of {@code path}, or of its nearest written ancestor (a missing field is shown at its parent). */
  int lineOf(YamlPath path) {
    if (path == null) {
      return 1;
    }
    YamlPath at = YamlPath.ofSegments(path.segments());
    while (!at.isRoot()) {
      Integer line = lineOf.get(at);
      if (line != null) {
        return line;
      }
      at = at.parent();
    }
    return 1;
  }

  private void mapping(JsonNode node, YamlPath path, int indent) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      YamlPath at = path.field(field.getKey());
      String key = " ".repeat(indent) + scalarText(field.getKey()) + ":";
      value(field.getValue(), at, key, indent);
    }
  }

  /** Writes {@code value} after {@code prefix} ("key:" or "-"), a nested block on the lines after it. */
  private void value(JsonNode value, YamlPath at, String prefix, int indent) {
    lineOf.put(at, lines.size() + 1);
    if (value.isObject() && !value.isEmpty()) {
      lines.add(prefix);
      mapping(value, at, indent + 2);
    } else if (value.isArray() && !value.isEmpty()) {
      lines.add(prefix);
      sequence(value, at, indent);
    } else {
      lines.add(prefix + " " + scalar(value));
    }
  }

  private void sequence(JsonNode node, YamlPath path, int indent) {
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      YamlPath at = path.index(i);
      if (item.isObject() && !item.isEmpty()) {
        // "- " then the item's first field on the same line, the others under it.
        int first = lines.size();
        lineOf.put(at, first + 1);
        mapping(item, at, indent + 2);
        lines.set(first, " ".repeat(indent) + "- " + lines.get(first).substring(indent + 2));
      } else {
        value(item, at, " ".repeat(indent) + "-", indent + 2);
      }
    }
  }

  private static String scalar(JsonNode value) {
    if (value.isObject()) {
      return "{}";
    }
    if (value.isArray()) {
      return "[]";
    }
    if (value.isNull()) {
      return "null";
    }
    return value.isString() ? scalarText(value.stringValue()) : value.toString();
  }

  private static String scalarText(String text) {
    return PLAIN.matcher(text).matches() && !RESERVED.matcher(text).matches() && !NUMERIC.matcher(text).matches() ? text : tools.jackson.databind.node.StringNode.valueOf(text).toString();
  }
}
