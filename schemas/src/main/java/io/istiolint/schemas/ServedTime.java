package io.istiolint.schemas;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads a time in the one spelling the API server writes ({@code 2026-11-01T08:00:02Z}: RFC 3339, UTC, whole
 * seconds) without a formatter. Every object read from a cluster has one, and a formatter costs a dozen objects
 * and a microsecond each; other spellings are for the callers' full parsers.
 */
public final class ServedTime {

  private static final int LENGTH = "2026-11-01T08:00:02Z".length();

  private ServedTime() {}

  /** The instant {@code text} names in the API server's spelling, or null when it is spelled otherwise or is no time. */
  public static Instant parse(String text) {
    if (text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    // A leap second (60) is left to the full parsers, which each treat it their own way.
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second);
    } catch (DateTimeException e) { // month 13, February 30
      return null;
    }
  }

  /** The decimal number of {@code count} digits at {@code from}, or -1 when one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
