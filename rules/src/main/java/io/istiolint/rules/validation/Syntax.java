package io.istiolint.rules.validation;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value syntaxes Istio's admission validation applies: DNS names and wildcards, IP addresses and
 * CIDRs, ports, label keys and values, durations, protocols, header names and values. Each check returns
 * what is wrong in a few words, or null when the value is fine.
 */
final class Syntax {

  private Syntax() {}

  private static final Pattern WILDCARD_LABEL = Pattern.compile("\\*|(\\*|\\*-)?[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d*)(?:\\.(\\d*))?(ns|us|µs|μs|ms|s|m|h)");
  // RFC 7230 token characters.
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  static final Set<String> PSEUDO_HEADERS = Set.of(":method", ":scheme", ":authority", ":path", ":status");

  /** A DNS-1123 label, upper case allowed as Istio allows it. */
  static boolean isDnsLabel(String s) {
    return s.length() <= 63 && dnsLabelChars(s);
  }

  /** The characters of a DNS-1123 label, at any length (Istio's label-key prefixes do not limit their labels). */
  private static boolean dnsLabelChars(String s) {
    int n = s.length();
    if (n == 0 || !isAlnum(s.charAt(0)) || !isAlnum(s.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      if (!isAlnum(s.charAt(i)) && s.charAt(i) != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** A DNS name whose first label may be a wildcard ({@code *}, {@code *.foo.com}, {@code *-foo.com}). */
  static String wildcardDomain(String domain) {
    String pre = domainPreconditions(domain);
    if (pre != null) {
      return pre;
    }
    int dot = domain.indexOf('.');
    String first = dot < 0 ? domain : domain.substring(0, dot);
    if (first.length() > 63 || !WILDCARD_LABEL.matcher(first).matches()) {
      return "label `" + first + "` is not a valid DNS label" + (first.contains("*") ? " (a wildcard may only be a leading `*`)" : "");
    }
    return dot < 0 ? null : labels(domain.substring(dot + 1));
  }

  /** A DNS name without wildcards. */
  static String fqdn(String domain) {
    String pre = domainPreconditions(domain);
    return pre != null ? pre : labels(domain);
  }

  private static String domainPreconditions(String domain) {
    if (domain.isEmpty()) {
      return "the name is empty";
    }
    return domain.length() > 255 ? "the name is longer than 255 characters" : null;
  }

  private static String labels(String domain) {
    String[] parts = domain.split("\\.", -1);
    String tld = parts[parts.length - 1];
    if (!tld.isEmpty() && tld.chars().allMatch(Character::isDigit)) {
      return "the last label `" + tld + "` is all digits";
    }
    for (int i = 0; i < parts.length; i++) {
      if (i == parts.length - 1 && parts[i].isEmpty()) {
        return null; // one trailing dot is allowed: `istio.io.`, and `*.` (Istio checks the rest after a wildcard as its own name)
      }
      if (!isDnsLabel(parts[i])) {
        return parts[i].isEmpty() ? "it has an empty label" : "label `" + parts[i] + "` is not a valid DNS label";
      }
    }
    return null;
  }

  /** A {@code *} anywhere but as the whole name or a leading {@code *.} label. */
  static boolean isPartialWildcard(String host) {
    return host.contains("*") && !host.equals("*") && !host.startsWith("*.");
  }

  static boolean isIp(String s) {
    int zone = s.indexOf('%');
    if (zone >= 0) {
      return zone < s.length() - 1 && s.indexOf(':') >= 0 && isIpv6(s.substring(0, zone));
    }
    return IPV4.matcher(s).matches() || isIpv6(s);
  }

  private static boolean isIpv6(String s) {
    if (s.indexOf(':') < 0) {
      return false;
    }
    String text = s;
    int lastColon = text.lastIndexOf(':');
    String tail = text.substring(lastColon + 1);
    if (tail.contains(".")) {
      if (!IPV4.matcher(tail).matches()) {
        return false;
      }
      text = text.substring(0, lastColon + 1) + "0:0"; // an embedded IPv4 address stands for two groups
    }
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] halves = doubleColon >= 0 ? new String[] {text.substring(0, doubleColon), text.substring(doubleColon + 2)} : new String[] {text};
    int groups = 0;
    for (String half : halves) {
      if (half.isEmpty()) {
        continue;
      }
      for (String g : half.split(":", -1)) {
        if (!HEX_GROUP.matcher(g).matches()) {
          return false;
        }
        groups++;
      }
    }
    return doubleColon >= 0 ? groups < 8 : groups == 8;
  }

  /** An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). */
  static boolean isIpOrCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return isIp(s);
    }
    String addr = s.substring(0, slash);
    String bits = s.substring(slash + 1);
    if (addr.contains("%") || !isIp(addr) || bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)
        || (bits.length() > 1 && bits.startsWith("0"))) {
      return false;
    }
    return Integer.parseInt(bits) <= (addr.contains(":") ? 128 : 32);
  }

  static boolean isPort(long n) {
    return n >= 1 && n <= 65535;
  }

  /** A Kubernetes label key: an optional DNS-subdomain prefix and {@code /}, then a name of up to 63 characters. */
  static String labelKey(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !prefixLabels(prefix)) {
        return "label key `" + key + "` has an invalid prefix";
      }
    }
    if (name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      return "label key `" + key + "` is not a valid label name";
    }
    return null;
  }

  private static boolean prefixLabels(String prefix) {
    for (String label : prefix.split("\\.", -1)) {
      if (!dnsLabelChars(label)) {
        return false;
      }
    }
    return true;
  }

  static String labelValue(String value) {
    return LABEL_VALUE.matcher(value).matches() ? null : "label value `" + value + "` is not valid";
  }

  /**
   * A Go duration string ({@code 1.5s}, {@code 300ms}, {@code 1h30m}), the form Istio decodes, in
   * nanoseconds; null when it does not parse.
   */
  static BigDecimal durationNanos(String s) {
    String rest = s;
    boolean negative = false;
    if (rest.startsWith("-") || rest.startsWith("+")) {
      negative = rest.charAt(0) == '-';
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return BigDecimal.ZERO;
    }
    if (rest.isEmpty()) {
      return null;
    }
    BigDecimal total = BigDecimal.ZERO;
    var m = DURATION_PART.matcher(rest);
    int at = 0;
    while (at < rest.length()) {
      if (!m.find(at) || m.start() != at) {
        return null;
      }
      String whole = m.group(1);
      String frac = m.group(2);
      if (whole.isEmpty() && (frac == null || frac.isEmpty())) {
        return null;
      }
      BigDecimal value = new BigDecimal((whole.isEmpty() ? "0" : whole) + (frac == null || frac.isEmpty() ? "" : "." + frac));
      total = total.add(value.multiply(BigDecimal.valueOf(unitNanos(m.group(3)))));
      at = m.end();
    }
    return negative ? total.negate() : total;
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }

  private static final BigDecimal MILLI = BigDecimal.valueOf(1_000_000L);

  /** What Istio refuses in a duration: not parseable, under 1ms, or finer than milliseconds. */
  static String duration(String s, boolean zeroAllowed) {
    long magnitude = durationMagnitude(s);
    if (magnitude == NOT_EXACT) {
      return exactDuration(s, zeroAllowed);
    }
    if (magnitude == NOT_A_DURATION) {
      return "`" + s + "` is not a duration";
    }
    if (zeroAllowed && magnitude == 0) {
      return null;
    }
    if (magnitude < 1_000_000L || s.startsWith("-")) {
      return "duration `" + s + "` is shorter than 1ms";
    }
    if (magnitude % 1_000_000L != 0) {
      return "duration `" + s + "` is not a whole number of milliseconds";
    }
    return null;
  }

  /**
   * {@link #duration} in exact decimal arithmetic: for what does not fit a {@code long} count of nanoseconds, and
   * the reference its {@code long} reading is tested against.
   */
  static String exactDuration(String s, boolean zeroAllowed) {
    BigDecimal nanos = durationNanos(s);
    if (nanos == null) {
      return "`" + s + "` is not a duration";
    }
    if (zeroAllowed && nanos.signum() == 0) {
      return null;
    }
    if (nanos.compareTo(MILLI) < 0) {
      return "duration `" + s + "` is shorter than 1ms";
    }
    if (nanos.remainder(MILLI).signum() != 0) {
      return "duration `" + s + "` is not a whole number of milliseconds";
    }
    return null;
  }

  private static final long NOT_A_DURATION = -1;
  private static final long NOT_EXACT = -2;

  /**
   * The nanoseconds of a duration without its sign, read as {@link #durationNanos} reads it but in {@code long}
   * arithmetic (durations are checked on every route: decimal arithmetic cost more than the rest of the checks);
   * {@link #NOT_A_DURATION} when it does not parse, {@link #NOT_EXACT} when the count overflows a {@code long} or
   * has a fraction of a nanosecond.
   */
  private static long durationMagnitude(String s) {
    int n = s.length();
    int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
    if (n == i + 1 && s.charAt(i) == '0') {
      return 0;
    }
    if (i == n) {
      return NOT_A_DURATION;
    }
    long total = 0;
    boolean exact = true;
    while (i < n) {
      int wholeStart = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      int wholeEnd = i;
      int fracStart = i;
      if (i < n && s.charAt(i) == '.') {
        fracStart = ++i;
        while (i < n && isDigit(s.charAt(i))) {
          i++;
        }
      }
      int fracEnd = i;
      if (wholeStart == wholeEnd && fracStart == fracEnd) {
        return NOT_A_DURATION;
      }
      long unit;
      char c = i < n ? s.charAt(i) : 0;
      boolean secondsFollow = i + 1 < n && s.charAt(i + 1) == 's';
      if (c == 'n' && secondsFollow) {
        unit = 1L;
        i += 2;
      } else if ((c == 'u' || c == '\u00b5' || c == '\u03bc') && secondsFollow) {
        unit = 1_000L;
        i += 2;
      } else if (c == 'm' && secondsFollow) {
        unit = 1_000_000L;
        i += 2;
      } else if (c == 's') {
        unit = 1_000_000_000L;
        i++;
      } else if (c == 'm') {
        unit = 60_000_000_000L;
        i++;
      } else if (c == 'h') {
        unit = 3_600_000_000_000L;
        i++;
      } else {
        return NOT_A_DURATION;
      }
      if (exact) {
        long part = partNanos(s, wholeStart, wholeEnd, fracStart, fracEnd, unit);
        exact = part >= 0 && total <= Long.MAX_VALUE - part;
        total += exact ? part : 0;
      }
    }
    return exact ? total : NOT_EXACT;
  }

  /** {@code whole.frac × unit} in nanoseconds, or -1 when that overflows or leaves a fraction of a nanosecond. */
  private static long partNanos(String s, int wholeStart, int wholeEnd, int fracStart, int fracEnd, long unit) {
    while (fracEnd > fracStart && s.charAt(fracEnd - 1) == '0') {
      fracEnd--; // trailing zeros add nothing
    }
    if (wholeEnd - wholeStart > 18 || fracEnd - fracStart > 18) {
      return -1;
    }
    try {
      long nanos = Math.multiplyExact(wholeEnd == wholeStart ? 0 : Long.parseLong(s, wholeStart, wholeEnd, 10), unit);
      if (fracEnd == fracStart) {
        return nanos;
      }
      long scale = 1;
      for (int k = fracStart; k < fracEnd; k++) {
        scale *= 10;
      }
      long scaled = Math.multiplyExact(Long.parseLong(s, fracStart, fracEnd, 10), unit);
      return scaled % scale != 0 ? -1 : Math.addExact(nanos, scaled / scale);
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static final String DURATION_HINT = "write a number with a unit of ms, s, m or h, at least 1ms: `500ms`, `10s`, `1m30s`";

  /** Protocol names Istio understands, upper-cased; anything else is rejected. HBONE (ambient) is accepted rather than risk a false finding. */
  static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "GRPC", "GRPC-WEB", "HTTP2", "HTTP_PROXY", "TCP", "TLS", "UDP",
      "MONGO", "REDIS", "MYSQL", "HBONE");

  static String protocol(String p) {
    return p.toUpperCase(Locale.ROOT);
  }

  static boolean isKnownProtocol(String p) {
    return PROTOCOLS.contains(protocol(p));
  }

  private static final Set<String> HTTP_PROTOCOLS = Set.of("HTTP", "HTTP2", "HTTP_PROXY", "GRPC", "GRPC-WEB");
  private static final Set<String> TLS_PROTOCOLS = Set.of("HTTPS", "TLS");

  static boolean isHttpProtocol(String p) {
    return HTTP_PROTOCOLS.contains(protocol(p));
  }

  static boolean isTlsProtocol(String p) {
    return TLS_PROTOCOLS.contains(protocol(p));
  }

  static boolean isHeaderToken(String name) {
    return TOKEN.matcher(name).matches();
  }

  static boolean isJwtClaim(String name) {
    return name.startsWith("@request.auth.claims.") && name.length() > "@request.auth.claims.".length()
        || name.startsWith("@request.auth.claims[") && name.endsWith("]") && name.length() > "@request.auth.claims[]".length();
  }

  /**
   * What Envoy refuses in a custom header value: control characters other than TAB, and a {@code %} that
   * neither doubles ({@code %%}) nor opens a complete {@code %VARIABLE%} or {@code %VARIABLE(args)%}.
   */
  static String headerValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return "it contains a control character";
      }
    }
    int i = 0;
    while (i < value.length()) {
      if (value.charAt(i) != '%') {
        i++;
        continue;
      }
      if (i + 1 < value.length() && value.charAt(i + 1) == '%') {
        i += 2;
        continue;
      }
      int end = variableEnd(value, i + 1);
      if (end < 0) {
        return "the `%` at character " + (i + 1) + " starts a variable that is never closed (write `%%` for a literal `%`)";
      }
      i = end + 1;
    }
    return null;
  }

  /** The index of the {@code %} closing the variable whose name starts at {@code from}, or -1. */
  private static int variableEnd(String v, int from) {
    int i = from;
    while (i < v.length() && v.charAt(i) != '%' && v.charAt(i) != '(') {
      i++;
    }
    if (i >= v.length()) {
      return -1;
    }
    if (v.charAt(i) == '%') {
      return i;
    }
    // Arguments: a JSON-ish string array, or a bare string, then `)` and the closing `%`.
    i++;
    while (i < v.length() && v.charAt(i) == ' ') {
      i++;
    }
    if (i < v.length() && v.charAt(i) == '[') {
      i++;
      while (true) {
        while (i < v.length() && v.charAt(i) == ' ') {
          i++;
        }
        if (i >= v.length() || v.charAt(i) != '"') {
          return -1;
        }
        i = stringEnd(v, i + 1);
        if (i < 0) {
          return -1;
        }
        i++;
        while (i < v.length() && v.charAt(i) == ' ') {
          i++;
        }
        if (i < v.length() && v.charAt(i) == ',') {
          i++;
          continue;
        }
        if (i < v.length() && v.charAt(i) == ']') {
          i++;
          break;
        }
        return -1;
      }
      while (i < v.length() && v.charAt(i) == ' ') {
        i++;
      }
      if (i >= v.length() || v.charAt(i) != ')') {
        return -1;
      }
    } else {
      while (i < v.length() && v.charAt(i) != ')') {
        if (v.charAt(i) == '\\') {
          i++;
        }
        i++;
      }
      if (i >= v.length()) {
        return -1;
      }
    }
    i++;
    while (i < v.length() && v.charAt(i) == ' ') {
      i++;
    }
    return i < v.length() && v.charAt(i) == '%' ? i : -1;
  }

  /** The index of the quote closing a string whose content starts at {@code from}, or -1. */
  private static int stringEnd(String v, int from) {
    int i = from;
    while (i < v.length()) {
      char c = v.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '"') {
        return i;
      }
      i++;
    }
    return -1;
  }
}
