package io.istiolint.rules.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value syntaxes of Istio's validation, case by case. */
class SyntaxTest {

  @ParameterizedTest
  @CsvSource({
      "10s, ", "1m30s, ", "1.5s, ", "500ms, ", "1h, ", "0.001s, ", "2562047h, ",
      "0, shorter than 1ms", "500us, shorter than 1ms", "1.0005s, whole number", "1500000ns, whole number",
      "1d, not a duration", "10 s, not a duration", "s, not a duration", "'', not a duration", "10, not a duration",
      ".s, not a duration", "-1s, shorter than 1ms"})
  void durations(String value, String problem) {
    String found = Syntax.duration(value, false);
    if (problem == null) {
      assertThat(found).isNull();
    } else {
      assertThat(found).contains(problem);
    }
  }

  /** Durations are read in {@code long} arithmetic, and must be judged exactly as in decimal arithmetic. */
  @ParameterizedTest
  @ValueSource(strings = {"10s", "1m30s", "1.5s", "0.001s", ".5s", "1.s", "1h1.5m", "5m0.5s", "00001s", "+1s", "-0s", "-0",
      "+0", "-", "", ".", "1..5s", "1s.", "1e3s", "1ms2", "1 s", "1µs", "1μs", "1000µs", "1000000ns", "1.5ns",
      "0.0000000001s", "1.0000000005ms", "1.000000000000000000000s", "1.000000000000000000001s", "0.000000000000000000001h",
      "2562047h", "2562048h", "9223372036854775807ns", "9223372036854775808ns", "99999999999999999999h", "1h2562047h",
      "0.99999999999999999999h", "153722867m", "153722868m", "3.6e3s", "1msms", "1mss", "1nss", "1us", "0.0005s"})
  void durationsReadInLongAsInDecimal(String value) {
    assertThat(Syntax.duration(value, false)).isEqualTo(Syntax.exactDuration(value, false));
    assertThat(Syntax.duration(value, true)).isEqualTo(Syntax.exactDuration(value, true));
  }

  @ParameterizedTest
  @CsvSource({"2562048h, ", "99999999999999999999h, ", "1.0000000005ms, whole number", "0.0000000001s, shorter than 1ms"})
  void durationsBeyondLongArithmetic(String value, String problem) {
    String found = Syntax.duration(value, false);
    if (problem == null) {
      assertThat(found).isNull();
    } else {
      assertThat(found).contains(problem);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0"})
  void zeroDurationWhereAllowed(String value) {
    assertThat(Syntax.duration(value, true)).isNull();
    assertThat(Syntax.duration(value, false)).isNotNull();
  }

  @ParameterizedTest
  @CsvSource({
      "reviews, true", "reviews.bookinfo.svc.cluster.local, true", "istio.io., true", "*, true", "*.example.com, true",
      "*-api.example.com, true", "*api.example.com, true", "Reviews, true",
      "api.*.example.com, false", "a*b.example.com, false", "bad_host.example.com, false", "1.2.3.4, false", "a..b, false",
      "-a.example.com, false", "'', false"})
  void wildcardDomains(String domain, boolean valid) {
    assertThat(Syntax.wildcardDomain(domain) == null).as(domain).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
      "10.0.0.1, true", "255.255.255.255, true", "::, true", "::1, true", "2001:db8::8a2e:370:7334, true", "::ffff:10.1.2.3, true",
      "fe80::1%eth0, true", "1:2:3:4:5:6:7:8, true",
      "256.0.0.1, false", "01.2.3.4, false", "1.2.3, false", "1:2:3:4:5:6:7:8:9, false", "1::2::3, false", "12345::, false",
      "localhost, false", "'', false", "10.0.0.1%eth0, false"})
  void ipAddresses(String address, boolean valid) {
    assertThat(Syntax.isIp(address)).as(address).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.0/8, true", "10.0.0.1, true", "2001:db8::/32, true", "0.0.0.0/0, true",
      "10.0.0.0/33, false", "2001:db8::/129, false", "10.0.0.0/, false", "10.0.0.0/08, false", "10.0.0.0/8/8, false"})
  void cidrs(String value, boolean valid) {
    assertThat(Syntax.isIpOrCidr(value)).as(value).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"app, ", "app.kubernetes.io/name, ", "example.com/a_b.c-d, ", "/name, invalid prefix", "a_/b, invalid prefix",
      "-app, not a valid label name", "app/, not a valid label name"})
  void labelKeys(String key, String problem) {
    String found = Syntax.labelKey(key);
    if (problem == null) {
      assertThat(found).isNull();
    } else {
      assertThat(found).contains(problem);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "plain |", "100%% |", "%HOSTNAME% |", "prefix %START_TIME(%s)% suffix |", "%REQ([\"x-a\", \"x-b\"])% |",
      "%ENVIRONMENT(X)% |", "%ENVIRONMENT(X):Z% | never closed",
      "abc%123 | never closed", "%START_TIME%% | never closed", "% | never closed", "%REQ([x])% | never closed"})
  void headerValues(String value, String problem) {
    String found = Syntax.headerValue(value.strip());
    if (problem == null) {
      assertThat(found).isNull();
    } else {
      assertThat(found).contains(problem);
    }
  }

  @ParameterizedTest
  @CsvSource({"@request.auth.claims.group, true", "@request.auth.claims[nested.key], true", "@request.auth.claims., false",
      "@request.auth.claims[], false", "x-user, false"})
  void jwtClaims(String name, boolean claim) {
    assertThat(Syntax.isJwtClaim(name)).isEqualTo(claim);
  }
}
