package io.istiolint.load;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.LongNode;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Types plain YAML scalars the way kubectl does (sigs.k8s.io/yaml on go-yaml v2, i.e. YAML 1.1 rules), not
 * the YAML 1.2 rules of snakeyaml-engine: {@code yes}/{@code on} are booleans, {@code 0777} is octal,
 * {@code 1.0} reaches the API server as the integer 1. Schema type checks must see what the server sees.
 */
final class ScalarResolver {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> TRUES = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
  private static final Set<String> FALSES = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
  private static final Pattern INT = Pattern.compile("[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|[0-9][0-9_]*)");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final double EXACT_LIMIT = 9.007199254740992E15; // 2^53
  /**
   * One node per small whole number, made when first read: ports, counts and weights repeat across a mesh.
   * Nodes are immutable, so a racing thread at worst makes a second, equal one.
   */
  private static final LongNode[] SMALL_NUMBERS = new LongNode[65_536];

  private ScalarResolver() {}

  /** Resolves a plain (unquoted, untagged) scalar. */
  static JsonNode plain(String text) {
    // Every null and boolean spelling has at most 5 characters: longer text need not be hashed to look it up.
    if (text.length() <= 5) {
      JsonNode word = word(text);
      if (word != null) {
        return word;
      }
    }
    char c = text.charAt(0);
    if (c == '.' || c == '-' || c == '+' || Character.isDigit(c)) {
      JsonNode number = number(text);
      if (number != null) {
        return number;
      }
    }
    return Interned.text(text);
  }

  /** The null or boolean a plain scalar spells, or null when it is neither. */
  private static JsonNode word(String text) {
    if (NULLS.contains(text)) {
      return NODES.nullNode();
    }
    if (TRUES.contains(text)) {
      return NODES.booleanNode(true);
    }
    if (FALSES.contains(text)) {
      return NODES.booleanNode(false);
    }
    return null;
  }

  /** Resolves a scalar with an explicit standard tag ({@code !!int}, {@code !!str}, ...). */
  static JsonNode tagged(String tag, String text) {
    switch (tag) {
      case "tag:yaml.org,2002:null":
        return NODES.nullNode();
      case "tag:yaml.org,2002:bool":
        return TRUES.contains(text) ? NODES.booleanNode(true) : FALSES.contains(text) ? NODES.booleanNode(false) : NODES.stringNode(text);
      case "tag:yaml.org,2002:int":
      case "tag:yaml.org,2002:float": {
        JsonNode number = number(text);
        return number != null ? number : NODES.stringNode(text);
      }
      default:
        return NODES.stringNode(text);
    }
  }

  /** The text a scalar mapping key becomes: JSON object keys are strings, so {@code on:} turns into "true". */
  static String keyText(JsonNode resolved, String raw) {
    if (resolved.isBoolean() || resolved.isIntegralNumber()) {
      return resolved.asString("");
    }
    return raw;
  }

  private static JsonNode number(String text) {
    if (isShortDecimal(text)) {
      return number(Long.parseLong(text)); // most numbers in manifests: ports, counts, weights
    }
    switch (text) {
      case ".inf": case ".Inf": case ".INF": case "+.inf": case "+.Inf": case "+.INF":
        return NODES.numberNode(Double.POSITIVE_INFINITY);
      case "-.inf": case "-.Inf": case "-.INF":
        return NODES.numberNode(Double.NEGATIVE_INFINITY);
      case ".nan": case ".NaN": case ".NAN":
        return NODES.numberNode(Double.NaN);
      default:
        break;
    }
    if (INT.matcher(text).matches()) {
      BigInteger value = parseInteger(text.replace("_", ""));
      if (value != null && value.compareTo(LONG_MIN) >= 0 && value.compareTo(ULONG_MAX) <= 0) {
        return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
      }
    }
    if (FLOAT.matcher(text).matches()) {
      double d = Double.parseDouble(text);
      // The API server receives JSON: an integral float such as 1.0 is written as 1 and decodes as an integer.
      if (d == Math.rint(d) && Math.abs(d) < EXACT_LIMIT) {
        return NODES.numberNode((long) d);
      }
      return NODES.numberNode(d);
    }
    return null;
  }

  private static JsonNode number(long value) {
    if (value < 0 || value >= SMALL_NUMBERS.length) {
      return NODES.numberNode(value);
    }
    LongNode known = SMALL_NUMBERS[(int) value];
    if (known == null) {
      known = LongNode.valueOf(value);
      SMALL_NUMBERS[(int) value] = known;
    }
    return known;
  }

  /** Digits only, no leading zero (that would be octal), short enough to fit a long: what INT reads in base 10. */
  private static boolean isShortDecimal(String text) {
    int n = text.length();
    if (n == 0 || n > 18 || (n > 1 && text.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static BigInteger parseInteger(String text) {
    boolean negative = text.startsWith("-");
    String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
    if (digits.isEmpty()) {
      return null;
    }
    int radix = 10;
    if (digits.startsWith("0b")) {
      radix = 2;
      digits = digits.substring(2);
    } else if (digits.startsWith("0x")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8;
      digits = digits.substring(1);
    }
    if (digits.isEmpty()) {
      return null;
    }
    try {
      BigInteger v = new BigInteger(digits, radix);
      return negative ? v.negate() : v;
    } catch (NumberFormatException e) {
      return null; // e.g. "08": not octal; go-yaml then reads it as the float 8
    }
  }
}
