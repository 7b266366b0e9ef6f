package io.istiolint.rules.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RE2 accepts what Go's regexp accepts, and a failure names its construct and position. */
class Re2Test {

  @ParameterizedTest
  @ValueSource(strings = {"^/api/.*", "(?i)abc", "(?P<name>x)", "(?<name>x)", "[[:alpha:]]+", "\\pL", "a{2,1000}", "\\z", "(?s).",
      "^1\\.2[0-9]\\.", "(a{100}){100}", "a{,3}{2}", "\\Q{1000}\\E"})
  void compiles(String regex) {
    assertThat(Re2.check(regex)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "^/api/(?!internal) | look-ahead `(?!` | 7",
      "x(?=y) | look-ahead `(?=` | 2",
      "(?<!a)b | look-behind `(?<!` | 1",
      "(?>a+) | atomic group `(?>` | 1",
      "(a)\\1 | `\\1` | 4",
      "a*+ | `*+` | 2",
      "a{1001} | `{1001}` | 2",
      "(abc | missing closing ) | 1",
      "ab)c | `)` without a matching `(` | 3",
      "[a-z | missing closing ] | 1",
      "*.example.com | missing argument | 1",
      "\\Z | `\\Z` | 1"})
  void explains(String regex, String description, int position) {
    Re2.Problem problem = Re2.check(regex.strip());
    assertThat(problem).isNotNull();
    assertThat(problem.description()).contains(description.strip());
    assertThat(problem.position()).isEqualTo(position);
    assertThat(problem.hint()).isNotBlank();
  }

  /** Go refuses these as "expression too large"; re2j would run out of memory compiling them. */
  @ParameterizedTest
  @ValueSource(strings = {"((a{1000}){1000}){1000}", "((x{999}|y){999}){999}", "(((abc){200}){100}){100}"})
  void tooLarge(String regex) {
    Re2.Problem problem = Re2.check(regex);
    assertThat(problem).isNotNull();
    assertThat(problem.description()).contains("too large");
  }
}
