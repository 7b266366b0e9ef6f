package io.istiolint.schemas;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * A converted structural schema ({@link StructuralSchemas}) compiled to a direct walk over an object, for the
 * keywords Istio's CRDs use. It only settles that an object is valid: whenever it is not sure, or finds a
 * problem, networknt validates the object and words the errors, so findings do not depend on this walk. Nearly
 * every object is valid, and networknt's general machinery costs several times the walk.
 */
final class DirectCheck {

  /** What the walk can say of a value against a schema. */
  enum Verdict { VALID, INVALID, UNSURE }

  /** Keywords that do not decide validity here: documentation, or checks networknt does not make either. */
  private static final Set<String> NOT_CHECKED = Set.of("description", "title", "default", "example", "nullable",
      "x-kubernetes-validations", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type",
      "x-kubernetes-embedded-resource", "x-kubernetes-preserve-unknown-fields");

  /** Formats networknt has no check for (integer ranges are {@code minimum}/{@code maximum} after conversion). */
  private static final Set<String> UNCHECKED_FORMATS = Set.of("int32", "uint32", "int64", "uint64", "float", "double", "byte");

  /**
   * RFC 3339's date-time as the API server writes {@code creationTimestamp} ({@code 2026-11-01T08:00:02Z}): every
   * object read from a cluster has one. Anything else, lowercase letters and leap seconds included, is networknt's
   * call.
   */
  private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

  private final Node root;

  private DirectCheck(Node root) {
    this.root = root;
  }

  static DirectCheck compile(JsonNode jsonSchema) {
    return new DirectCheck(new Node(jsonSchema));
  }

  /** True when {@code object} certainly satisfies the schema; false says nothing. */
  boolean valid(JsonNode object) {
    return root.check(object) == Verdict.VALID;
  }

  /** One schema of the tree, with its keywords read once. */
  private static final class Node {
    /** A keyword or form the walk does not handle: every value is {@link Verdict#UNSURE}. */
    private boolean unsupported;
    private String type;
    private Map<String, Node> properties = Map.of();
    private Node additional;
    private boolean closed;
    private List<String> required = List.of();
    private Node items;
    private List<JsonNode> enumValues;
    private boolean enumOfStrings;
    private Long minimum;
    private Long maximum;
    private int minLength = -1;
    private int maxLength = -1;
    private int minItems = -1;
    private int maxItems = -1;
    private int minProperties = -1;
    private int maxProperties = -1;
    private Pattern pattern;
    private boolean dateTime;
    private boolean intOrString;
    private List<Node> anyOf;
    private List<Node> oneOf;
    private List<Node> allOf;
    private Node not;

    Node(JsonNode schema) {
      if (!schema.isObject()) {
        unsupported = true;
        return;
      }
      for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
        read(keyword.getKey(), keyword.getValue());
      }
    }

    private void read(String keyword, JsonNode value) {
      switch (keyword) {
        case "type" -> {
          type = value.isString() ? value.stringValue() : null;
          unsupported |= type == null || !Set.of("object", "array", "string", "integer", "number", "boolean").contains(type);
        }
        case "properties" -> {
          Map<String, Node> read = new HashMap<>();
          value.properties().forEach(p -> read.put(p.getKey(), new Node(p.getValue())));
          properties = read;
        }
        case "additionalProperties" -> {
          if (value.isBoolean()) {
            closed = !value.booleanValue();
          } else {
            additional = new Node(value);
          }
        }
        case "required" -> {
          List<String> names = new ArrayList<>();
          value.forEach(n -> names.add(n.asString()));
          required = names;
        }
        case "items" -> items = new Node(value);
        case "enum" -> {
          enumValues = new ArrayList<>();
          value.forEach(enumValues::add);
          enumOfStrings = enumValues.stream().allMatch(JsonNode::isString);
        }
        case "minimum" -> minimum = bound(value);
        case "maximum" -> maximum = bound(value);
        case "exclusiveMinimum", "exclusiveMaximum" -> unsupported |= !value.isBoolean() || value.booleanValue();
        case "minLength" -> minLength = count(value);
        case "maxLength" -> maxLength = count(value);
        case "minItems" -> minItems = count(value);
        case "maxItems" -> maxItems = count(value);
        case "minProperties" -> minProperties = count(value);
        case "maxProperties" -> maxProperties = count(value);
        case "pattern" -> {
          try {
            pattern = Pattern.compile(value.asString());
          } catch (PatternSyntaxException e) {
            unsupported = true;
          }
        }
        case "format" -> {
          dateTime = "date-time".equals(value.asString());
          unsupported |= !dateTime && !UNCHECKED_FORMATS.contains(value.asString());
        }
        case IntOrStringKeyword.NAME -> intOrString = value.asBoolean(false);
        case "anyOf" -> anyOf = nodes(value);
        case "oneOf" -> oneOf = nodes(value);
        case "allOf" -> allOf = nodes(value);
        case "not" -> not = new Node(value);
        default -> unsupported |= !NOT_CHECKED.contains(keyword);
      }
    }

    private Long bound(JsonNode value) {
      if (value.isIntegralNumber() && value.canConvertToLong()) {
        return value.longValue();
      }
      unsupported = true;
      return null;
    }

    private int count(JsonNode value) {
      if (value.isIntegralNumber() && value.canConvertToInt()) {
        return value.intValue();
      }
      unsupported = true;
      return -1;
    }

    private List<Node> nodes(JsonNode value) {
      List<Node> nodes = new ArrayList<>();
      value.forEach(n -> nodes.add(new Node(n)));
      unsupported |= !value.isArray() || nodes.isEmpty();
      return nodes;
    }

    Verdict check(JsonNode value) {
      if (unsupported || value.isNull()) {
        return Verdict.UNSURE; // nulls follow nullable and the API server's pruning: left to networknt
      }
      Verdict verdict = Verdict.VALID;
      for (Verdict part : new Verdict[] {type(value), enumeration(value), intOrString(value)}) {
        if (part == Verdict.INVALID) {
          return part;
        }
        verdict = part == Verdict.UNSURE ? part : verdict;
      }
      Verdict shape = value.isObject() ? object(value) : value.isArray() ? array(value)
          : value.isString() ? string(value.stringValue()) : value.isNumber() ? number(value) : Verdict.VALID;
      return and(and(verdict, shape), junctions(value));
    }

    private Verdict type(JsonNode value) {
      if (type == null) {
        return Verdict.VALID;
      }
      return switch (type) {
        case "object" -> of(value.isObject());
        case "array" -> of(value.isArray());
        case "string" -> of(value.isString());
        case "boolean" -> of(value.isBoolean());
        case "number" -> of(value.isNumber());
        // networknt narrows an integral float losslessly; that is its call
        default -> value.isIntegralNumber() ? Verdict.VALID : value.isNumber() ? Verdict.UNSURE : Verdict.INVALID;
      };
    }

    private Verdict enumeration(JsonNode value) {
      if (enumValues == null || enumValues.contains(value)) {
        return Verdict.VALID;
      }
      return value.isString() && enumOfStrings ? Verdict.INVALID : Verdict.UNSURE;
    }

    private Verdict intOrString(JsonNode value) {
      return !intOrString || value.isString() || value.isIntegralNumber() ? Verdict.VALID : Verdict.UNSURE;
    }

    private Verdict object(JsonNode value) {
      int size = value.size();
      if ((minProperties >= 0 && size < minProperties) || (maxProperties >= 0 && size > maxProperties)) {
        return Verdict.INVALID;
      }
      for (String name : required) {
        if (value.get(name) == null) {
          return Verdict.INVALID;
        }
      }
      Verdict verdict = Verdict.VALID;
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        Node schema = properties.get(field.getKey());
        if (schema == null && closed) {
          return Verdict.INVALID;
        }
        schema = schema == null ? additional : schema;
        if (schema != null) {
          verdict = and(verdict, schema.check(field.getValue()));
          if (verdict == Verdict.INVALID) {
            return verdict;
          }
        }
      }
      return verdict;
    }

    private Verdict array(JsonNode value) {
      int size = value.size();
      if ((minItems >= 0 && size < minItems) || (maxItems >= 0 && size > maxItems)) {
        return Verdict.INVALID;
      }
      Verdict verdict = Verdict.VALID;
      if (items != null) {
        for (JsonNode item : value) {
          verdict = and(verdict, items.check(item));
          if (verdict == Verdict.INVALID) {
            return verdict;
          }
        }
      }
      return verdict;
    }

    private Verdict string(String value) {
      if (minLength >= 0 || maxLength >= 0) {
        int length = value.codePointCount(0, value.length());
        if (length != value.length()) {
          return Verdict.UNSURE; // how a surrogate pair counts is networknt's call
        }
        if ((minLength >= 0 && length < minLength) || (maxLength >= 0 && length > maxLength)) {
          return Verdict.INVALID;
        }
      }
      boolean sure = (pattern == null || pattern.matcher(value).find()) && (!dateTime || isDateTime(value));
      return sure ? Verdict.VALID : Verdict.UNSURE;
    }

    private static boolean isDateTime(String value) {
      if (ServedTime.parse(value) != null) {
        return true;
      }
      if (!DATE_TIME.matcher(value).matches()) {
        return false;
      }
      try {
        OffsetDateTime.parse(value); // the fields' ranges: no month 13, no February 30
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }

    private Verdict number(JsonNode value) {
      if (minimum == null && maximum == null) {
        return Verdict.VALID;
      }
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        return Verdict.UNSURE;
      }
      long n = value.longValue();
      return of((minimum == null || n >= minimum) && (maximum == null || n <= maximum));
    }

    private Verdict junctions(JsonNode value) {
      Verdict verdict = Verdict.VALID;
      if (allOf != null) {
        for (Node n : allOf) {
          verdict = and(verdict, n.check(value));
        }
      }
      if (anyOf != null) {
        Verdict any = Verdict.INVALID;
        for (Node n : anyOf) {
          Verdict v = n.check(value);
          any = v == Verdict.VALID || any == Verdict.VALID ? Verdict.VALID : v == Verdict.UNSURE ? v : any;
        }
        verdict = and(verdict, any);
      }
      if (oneOf != null) {
        int valid = 0;
        boolean unsure = false;
        for (Node n : oneOf) {
          Verdict v = n.check(value);
          valid += v == Verdict.VALID ? 1 : 0;
          unsure |= v == Verdict.UNSURE;
        }
        verdict = and(verdict, unsure ? Verdict.UNSURE : of(valid == 1));
      }
      if (not != null) {
        Verdict v = not.check(value);
        verdict = and(verdict, v == Verdict.UNSURE ? v : of(v == Verdict.INVALID));
      }
      return verdict;
    }

    private static Verdict of(boolean valid) {
      return valid ? Verdict.VALID : Verdict.INVALID;
    }

    private static Verdict and(Verdict a, Verdict b) {
      if (a == Verdict.INVALID || b == Verdict.INVALID) {
        return Verdict.INVALID;
      }
      return a == Verdict.UNSURE || b == Verdict.UNSURE ? Verdict.UNSURE : Verdict.VALID;
    }
  }
}
