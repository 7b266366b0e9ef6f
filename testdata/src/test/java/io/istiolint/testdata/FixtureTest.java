package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Finding;
import io.istiolint.engine.LintReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every fixture under {@code fixtures/<CODE>/} through the whole pipeline with every rule enabled: a
 * finding on an unmarked line fails, and so does a marker no finding matches.
 */
class FixtureTest {

  static final Path FIXTURES = Path.of("fixtures");

  static List<Path> fixtureFiles() throws IOException {
    try (Stream<Path> files = Files.walk(FIXTURES)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches("(ok|bad)-.*\\.(yaml|yml|json)"))
          .sorted()
          .toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> fixtures() throws IOException {
    return fixtureFiles().stream().map(path -> DynamicTest.dynamicTest(FIXTURES.relativize(path).toString(), path.toUri(), () -> {
      Fixture fixture = Fixture.read(path);
      LintReport report = fixture.lint();
      List<Finding> findings = report.findings();
      assertThat(report.summary().unverifiedReferences()).as("unverified references %s", report.unverified())
          .isEqualTo(fixture.unverified());
      if (fixture.mustBeClean()) {
        assertThat(fixture.expectations()).as("an ok- fixture carries no expect markers").isEmpty();
        assertThat(findings).as("findings in %s", path).isEmpty();
        return;
      }
      assertThat(fixture.expectations()).as("a bad- fixture marks what it expects").isNotEmpty();
      assertThat(fixture.expectations()).as("a bad- fixture expects its own rule")
          .anyMatch(e -> e.code().equals(fixture.code()));
      List<Finding> unmatched = new ArrayList<>(findings);
      List<Fixture.Expectation> missing = new ArrayList<>();
      for (Fixture.Expectation e : fixture.expectations()) {
        Finding hit = unmatched.stream().filter(e::matches).findFirst().orElse(null);
        if (hit == null) {
          missing.add(e);
        } else {
          unmatched.remove(hit);
        }
      }
      assertThat(missing).as("expected findings that did not occur; all findings: %s", describe(findings)).isEmpty();
      assertThat(unmatched).as("findings on unmarked lines (or more than marked)").extracting(FixtureTest::describe).isEmpty();
    }));
  }

  static String describe(Finding f) {
    return (f.location() == null ? "?" : f.location().line() + ":" + f.location().column()) + " " + f.code() + " " + f.message()
        + (f.hint() == null ? "" : " [hint: " + f.hint() + "]");
  }

  static List<String> describe(List<Finding> findings) {
    return findings.stream().map(FixtureTest::describe).toList();
  }
}
