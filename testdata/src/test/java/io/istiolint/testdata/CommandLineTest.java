package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.cli.Istiolint;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line a run builds: a run that names its command builds only that command's model (a cold start
 * pays for each one built), and must not be able to tell.
 */
class CommandLineTest {

  /** The whole model, as the man pages, the completion scripts and {@code istiolint --help} see it. */
  private static final CommandLine WHOLE = new CommandLine(new Istiolint());

  @Test
  void everyCommandsHelpIsTheSameAsInTheWholeModel() {
    assertThat(WHOLE.getSubcommands()).hasSizeGreaterThanOrEqualTo(7);
    WHOLE.getSubcommands().forEach((name, command) -> {
      Cli help = Cli.run(name, "--help");
      assertThat(help.exitCode()).as(name).isZero();
      assertThat(help.out()).as(name).startsWith("Usage: istiolint " + name).isEqualTo(command.getUsageMessage());
    });
  }

  @Test
  void aMistypedOptionNamesTheCommandsHelp() {
    Cli cli = Cli.run("lint", "--fail-onn", "error", "x.yaml");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("Unknown option: '--fail-onn'", "Possible solutions: --fail-on",
        "See 'istiolint lint --help' for the options.");
  }

  @Test
  void aMistypedCommandIsOfferedTheNearestOne() {
    Cli cli = Cli.run("lnt", "x.yaml");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("Unmatched arguments from index 0: 'lnt', 'x.yaml'", "Did you mean: istiolint lint?",
        "See 'istiolint --help' for the options.");
  }

  @Test
  void theRootListsEveryCommand() {
    Cli cli = Cli.run("--help");
    assertThat(cli.exitCode()).isZero();
    WHOLE.getSubcommands().keySet().forEach(name -> assertThat(cli.out()).contains("  " + name + " "));
  }

  /**
   * Java 17's class-data-sharing archive cannot hold a class compiled for Java 5 or older (class file version
   * below 50); picocli's own jar is one, so the cli module compiles picocli from its sources.
   */
  @Test
  void everyClassOfTheRunnableJarCanBeArchived() throws IOException {
    List<String> tooOld = new ArrayList<>();
    int classes = 0;
    int picocli = 0;
    try (JarFile jar = new JarFile(InstalledCopy.JAR.toFile())) {
      for (JarEntry entry : jar.stream().toList()) {
        if (!entry.getName().endsWith(".class") || entry.getName().startsWith("META-INF/")) {
          continue;
        }
        classes++;
        picocli += entry.getName().startsWith("picocli/") ? 1 : 0;
        try (InputStream in = jar.getInputStream(entry); DataInputStream data = new DataInputStream(in)) {
          data.readInt(); // magic
          data.readUnsignedShort(); // minor version
          if (data.readUnsignedShort() < 50) {
            tooOld.add(entry.getName());
          }
        }
      }
    }
    assertThat(classes).isGreaterThan(1000);
    assertThat(picocli).isGreaterThan(100);
    assertThat(tooOld).isEmpty();
  }
}
