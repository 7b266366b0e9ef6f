package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.cli.Istiolint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line as a process of its own, in a working directory of the test's choosing: what a user in
 * a subdirectory of a repository runs. ({@link Cli} runs in-process, always in this module's directory.)
 */
record CliProcess(int exitCode, String out, String err) {

  /** Runs {@code istiolint ARGS} in {@code directory}, {@code stdin} on its standard input. */
  static CliProcess run(Path directory, String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Istiolint.class.getName()));
    command.addAll(List.of(args));
    Path io = Files.createTempDirectory("istiolint-process");
    try {
      Path in = Files.writeString(io.resolve("in"), stdin);
      Path out = io.resolve("out");
      Path err = io.resolve("err");
      Process process = new ProcessBuilder(command).directory(directory.toFile())
          .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      boolean ended = process.waitFor(2, TimeUnit.MINUTES);
      if (!ended) {
        process.destroyForcibly().waitFor();
      }
      assertThat(ended).as("istiolint %s ended", String.join(" ", args)).isTrue();
      return new CliProcess(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      for (String name : List.of("in", "out", "err")) {
        Files.deleteIfExists(io.resolve(name));
      }
      Files.delete(io);
    }
  }
}
