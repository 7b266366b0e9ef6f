package io.istiolint.cli;

import io.istiolint.Version;
import io.istiolint.schemas.CrdSchemaCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code istiolint version}: the tool, the schemas it validates against, and the Java runtime. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Prints the version of istiolint and of its Istio schemas.")
final class VersionCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().getOut().println("istiolint " + Version.get());
    spec.commandLine().getOut().println("schemas: " + CrdSchemaCatalog.bundledIstio().source());
    spec.commandLine().getOut().println("java: " + Runtime.version());
  }
}
