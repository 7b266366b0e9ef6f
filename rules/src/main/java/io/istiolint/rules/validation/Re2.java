package io.istiolint.rules.validation;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles a regex the way Istio (Go's RE2 {@code regexp}) and Envoy (RE2) do, and explains a failure: what
 * is wrong, where (1-based character position), and how to say it in RE2. Java's own regex accepts
 * look-arounds, back-references and possessive quantifiers that RE2 refuses.
 */
final class Re2 {

  private Re2() {}

  /** Why a regex does not compile: a description, the 1-based position (0 if unknown), and a fix. */
  record Problem(String description, int position, String hint) {}

  /** Null when {@code regex} compiles under RE2. */
  static Problem check(String regex) {
    if (ProgramSize.tooLarge(regex)) {
      return new Problem("the compiled program is too large (nested repetitions multiply: `(a{100}){100}` is 10000 copies)", 0,
          "repeat less, or match with fewer nested counted repetitions");
    }
    try {
      Pattern.compile(regex);
      return null;
    } catch (PatternSyntaxException e) {
      String fragment = e.getPattern() == null ? "" : e.getPattern();
      String description = e.getDescription() == null ? "invalid syntax" : e.getDescription();
      int at = regex.indexOf(fragment);
      String construct = unsupportedConstruct(fragment);
      if (construct != null) {
        description = construct + " `" + fragment.substring(0, fragment.indexOf('?') + (fragment.startsWith("(?<") ? 3 : 2)) + "` is not supported";
      } else if (description.contains("internal error")) {
        // re2j reports an unopened `)` as a stack underflow; Go says "unexpected )".
        description = "`)` without a matching `(`";
        at = unmatchedClose(regex);
      } else if (!fragment.isEmpty()) {
        description = description + " `" + fragment + "`";
      }
      return new Problem(description, at + 1, hint(fragment, description));
    } catch (RuntimeException e) {
      return new Problem("RE2 cannot compile it (" + e.getMessage() + ")", 0, hint("", ""));
    }
  }

  /** The name of a Perl construct RE2 leaves out on purpose, or null. */
  private static String unsupportedConstruct(String fragment) {
    if (fragment.startsWith("(?=") || fragment.startsWith("(?!")) {
      return "look-ahead";
    }
    if (fragment.startsWith("(?<=") || fragment.startsWith("(?<!")) {
      return "look-behind";
    }
    return fragment.startsWith("(?>") ? "atomic group" : null;
  }

  private static int unmatchedClose(String regex) {
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          i++;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && depth-- == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String hint(String fragment, String description) {
    String f = fragment == null ? "" : fragment;
    if (f.startsWith("(?=") || f.startsWith("(?!")) {
      return "RE2 has no look-ahead: match the following text itself (`a(?=b)` becomes `ab`), or split the condition into"
          + " separate matches";
    }
    if (f.startsWith("(?<=") || f.startsWith("(?<!")) {
      return "RE2 has no look-behind: include the preceding text in the match instead";
    }
    if (f.startsWith("(?>")) {
      return "RE2 has no atomic groups: use a plain group `(?:...)`, RE2 never backtracks";
    }
    if (f.matches("\\\\[1-9]")) {
      return "RE2 has no back-references: spell the repeated text out, or list the alternatives with `|`";
    }
    if (description.contains("nested repetition")) {
      return "RE2 has no possessive quantifiers: drop the second quantifier (`a*+` becomes `a*`)";
    }
    if (f.equals("\\Z")) {
      return "write `\\z` (end of text) or `$`";
    }
    if (description.contains("repeat count")) {
      return "RE2 allows at most 1000 repetitions, and {n,m} needs n <= m";
    }
    if (description.contains("missing argument to repetition")) {
      return "a quantifier needs something before it: escape a literal `" + (f.isEmpty() ? "*" : f.substring(0, 1))
          + "` with a backslash (a glob `*` is `.*` in a regex)";
    }
    if (description.contains("missing closing")) {
      return "close the group or class, or escape the literal bracket with a backslash";
    }
    return "rewrite it in RE2 syntax: https://github.com/google/re2/wiki/Syntax";
  }
}
