package io.istiolint.rules.validation;

/**
 * An estimate of the size of the program a regex compiles to, counted the way Go's {@code regexp/syntax} does
 * before it gives up with "expression too large": literals and classes count one, a bounded repeat multiplies
 * its operand by its maximum. Go refuses a regex over {@link #GO_MAX_SIZE}; re2j has no such limit and runs out
 * of memory compiling one ({@code ((a{1000}){1000}){1000}} is 23 characters), so this is checked first.
 *
 * <p>The estimate leans low (constant overheads are left out), so what it calls too large Go refuses too.
 */
public final class ProgramSize {

  private ProgramSize() {}

  /** Go's limit: 128 MiB of instructions of 40 bytes. */
  static final long GO_MAX_SIZE = (128L << 20) / 40;

  private static final long CAP = Long.MAX_VALUE / 4;

  /** True when Go's regexp would refuse {@code regex} as too large. */
  public static boolean tooLarge(String regex) {
    return new ProgramSize.Scan(regex).alternation() > GO_MAX_SIZE;
  }

  /** A forgiving scan: syntax errors are left to the compiler, the size of what was read is returned. */
  private static final class Scan {
    private final String s;
    private int i;

    Scan(String s) {
      this.s = s;
    }

    long alternation() {
      long total = concatenation();
      while (i < s.length() && s.charAt(i) == '|') {
        i++;
        total = add(total, concatenation());
      }
      return total;
    }

    private long concatenation() {
      long total = 0;
      while (i < s.length() && s.charAt(i) != '|' && s.charAt(i) != ')') {
        long atom = atom();
        total = add(total, repeat(atom));
      }
      return total;
    }

    private long atom() {
      char c = s.charAt(i);
      if (c == '(') {
        i++;
        if (i < s.length() && s.charAt(i) == '?') {
          int close = s.indexOf(')', i);
          int colon = s.indexOf(':', i);
          int named = s.indexOf('>', i);
          boolean group = s.startsWith("?P<", i) || s.startsWith("?<", i);
          if (group && named > 0) {
            i = named + 1;
          } else if (colon > 0 && (close < 0 || colon < close)) {
            i = colon + 1;
          } else {
            i = close < 0 ? s.length() : close + 1; // a flag setting such as (?i): no size
            return 0;
          }
        }
        long inner = alternation();
        if (i < s.length()) {
          i++; // the closing parenthesis
        }
        return inner;
      }
      if (c == '[') {
        skipClass();
        return 1;
      }
      if (c == '\\') {
        return escape();
      }
      i++;
      return 1;
    }

    private void skipClass() {
      i++;
      if (i < s.length() && s.charAt(i) == '^') {
        i++;
      }
      if (i < s.length() && s.charAt(i) == ']') {
        i++;
      }
      while (i < s.length() && s.charAt(i) != ']') {
        if (s.charAt(i) == '\\') {
          i++;
        } else if (s.startsWith("[:", i)) {
          int end = s.indexOf(":]", i + 2);
          if (end > 0) {
            i = end + 1;
          }
        }
        i++;
      }
      i++;
    }

    private long escape() {
      i++;
      if (i >= s.length()) {
        return 1;
      }
      char e = s.charAt(i);
      if (e == 'Q') {
        int end = s.indexOf("\\E", i + 1);
        int stop = end < 0 ? s.length() : end;
        long literal = stop - (i + 1);
        i = end < 0 ? s.length() : end + 2;
        return literal;
      }
      i++;
      if ((e == 'x' || e == 'p' || e == 'P') && i < s.length() && s.charAt(i) == '{') {
        int end = s.indexOf('}', i);
        i = end < 0 ? s.length() : end + 1;
      }
      return 1;
    }

    private long repeat(long atom) {
      long size = atom;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '*' || c == '+' || c == '?') {
          i++;
        } else if (c == '{') {
          long max = bound();
          if (max < 0) {
            return size; // not a repeat: `{` is a literal, read as the next atom
          }
          size = multiply(size, Math.max(max, 1));
        } else {
          return size;
        }
      }
      return size;
    }

    /** The effective maximum of {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i}, or -1 when it is not one. */
    private long bound() {
      int end = s.indexOf('}', i);
      if (end < 0) {
        return -1;
      }
      String body = s.substring(i + 1, end);
      int comma = body.indexOf(',');
      String min = comma < 0 ? body : body.substring(0, comma);
      String max = comma < 0 ? body : body.substring(comma + 1);
      if (!digits(min) || (!max.isEmpty() && !digits(max))) {
        return -1;
      }
      i = end + 1;
      return Long.parseLong(max.isEmpty() ? min : max);
    }

    private static boolean digits(String t) {
      return !t.isEmpty() && t.length() <= 9 && t.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    private static long add(long a, long b) {
      return Math.min(CAP, a + b);
    }

    private static long multiply(long a, long b) {
      return a == 0 || b <= CAP / a ? a * b : CAP;
    }
  }
}
