package io.istiolint.cli;

import io.istiolint.config.ConfigLoader;
import io.istiolint.config.StarterConfig;
import io.istiolint.load.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code istiolint init}: writes a commented starter config, never over an existing file. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Writes a commented starter " + ConfigLoader.FILE_NAME + " (refuses to overwrite one).")
final class InitCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "Where to write it (default: " + ConfigLoader.FILE_NAME + ").")
  Path file = Path.of(ConfigLoader.FILE_NAME);

  @Override
  public Integer call() {
    try {
      Files.writeString(file, StarterConfig.TEXT, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      spec.commandLine().getErr().println("istiolint: " + file + " exists; not overwriting it");
      return Istiolint.USAGE;
    } catch (IOException e) {
      spec.commandLine().getErr().println("istiolint: cannot write " + file + ": " + IoErrors.describe(e));
      return Istiolint.IO_ERROR;
    }
    spec.commandLine().getOut().println("wrote " + file + "; `istiolint lint` reads it from this directory and below");
    return 0;
  }
}
