package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.istiolint.testdata.InstalledCopy.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The man pages the cli module's build writes (picocli's ManPageGenerator, then Asciidoctor), as man shows them. */
class ManPageTest {

  private static final Path MAN1 = InstalledCopy.CHECKOUT.resolve("cli/target/man/man1");

  @TempDir
  Path tmp;

  /** The page rendered by man-db's {@code man -l} as plain text, with groff's warnings on (stderr must stay empty). */
  private String render(String page) throws Exception {
    Path file = MAN1.resolve(page);
    assertThat(file).as("written by mvn package").isRegularFile();
    assertThat(Files.readString(file)).startsWith("'\\\" t\n")
        .contains(".TH \"" + page.replace(".1", "").toUpperCase(java.util.Locale.ROOT).replace("-", "\\-") + "\" \"1\"");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "man-db renders the page");
    Run run = InstalledCopy.execAsTester(Map.of("MANWIDTH", "100", "MANROFFOPT", "-ww", "HOME", tmp.toString()),
        List.of("man", "-l", "-E", "UTF-8", "-P", "cat", file.toString()), tmp);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    return run.out().replaceAll(".\b", "");
  }

  @Test
  void theMainPageListsTheCommandsAndExitCodes() throws Exception {
    String text = render("istiolint.1");
    assertThat(text).containsSubsequence("NAME", "istiolint - Validates Istio configuration", "SYNOPSIS", "DESCRIPTION",
        "COMMANDS", "lint", "graph", "completion", "EXIT CODES", "findings at or above --fail-on");
  }

  @Test
  void eachCommandHasItsPageWithItsOptions() throws Exception {
    assertThat(render("istiolint-lint.1")).containsSubsequence("NAME", "istiolint-lint", "OPTIONS", "--color=WHEN", "--fail-on=LEVEL");
    assertThat(render("istiolint-completion.1")).containsSubsequence("NAME", "istiolint-completion", "bash, zsh or fish");
  }
}
