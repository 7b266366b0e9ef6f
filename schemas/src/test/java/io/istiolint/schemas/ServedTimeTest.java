package io.istiolint.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The API server's spelling of a time read as {@link Instant#parse} and {@link OffsetDateTime#parse} read it. */
class ServedTimeTest {

  @Test
  void readsTheServersSpellingAsTheFullParsersDo() {
    Random random = new Random(20261207);
    int read = 0;
    for (int i = 0; i < 200_000; i++) {
      // every field one past its range now and then: month 13, day 32, hour 24, second 60
      String text = String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", random.nextInt(10_000), random.nextInt(14),
          random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61));
      Instant full = fullParse(text);
      Instant served = ServedTime.parse(text);
      if (served != null) {
        read++;
        assertThat(served).as(text).isEqualTo(full);
        assertThat(OffsetDateTime.parse(text).toInstant()).as(text).isEqualTo(served);
      } else if (full != null) {
        // only a leap second and ISO 8601's end of day (24:00:00) are left to the full parsers
        assertThat(text.endsWith(":60Z") || text.endsWith("T24:00:00Z")).as(text).isTrue();
      }
    }
    assertThat(read).isGreaterThan(100_000);
  }

  @Test
  void leavesEveryOtherSpellingToTheFullParsers() {
    for (String text : List.of("2026-11-01T08:00:02.5Z", "2026-11-01T08:00:02+00:00", "2026-11-01t08:00:02Z",
        "2026-11-01 08:00:02Z", "2026-11-01T08:00:02z", "2026-11-01T08:00Z", "+2026-11-01T08:00:02Z", "2026-1-01T08:00:02Z",
        "2026-11-01T08:00:0xZ", "２０２６-11-01T08:00:02Z", "2026-02-29T08:00:02Z", "2026-11-01T23:59:60Z", "", "yesterday")) {
      assertThat(ServedTime.parse(text)).as(text).isNull();
    }
    assertThat(ServedTime.parse("2028-02-29T23:59:59Z")).isEqualTo(Instant.parse("2028-02-29T23:59:59Z"));
    assertThat(ServedTime.parse("0000-01-01T00:00:00Z")).isEqualTo(Instant.parse("0000-01-01T00:00:00Z"));
  }

  private static Instant fullParse(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
