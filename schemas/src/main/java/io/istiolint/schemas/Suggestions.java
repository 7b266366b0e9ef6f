package io.istiolint.schemas;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?": the closest candidate to a misspelt name, when one is close enough to be a typo. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate nearest to {@code typed}: equal ignoring case, or within an edit distance (insertions,
   * deletions, substitutions, adjacent swaps) of 1 for short names and 2 for longer ones. Ties go to the
   * earlier candidate, so callers pass candidates in a meaningful order.
   */
  public static Optional<String> closest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = typed.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      if (candidate.equals(typed)) {
        continue;
      }
      int d = candidate.toLowerCase(Locale.ROOT).equals(lower) ? 0 : distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = typed.length() <= 4 ? 1 : 2;
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** The hint for a likely typo: "did you mean `suggestion`?". */
  public static String didYouMean(String suggestion) {
    return "did you mean `" + suggestion + "`?";
  }

  /** {@link #didYouMean(String)} for the {@link #closest} candidate, when there is one. */
  public static Optional<String> didYouMeanClosest(String typed, Collection<String> candidates) {
    return closest(typed, candidates).map(Suggestions::didYouMean);
  }

  /** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one substring). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
