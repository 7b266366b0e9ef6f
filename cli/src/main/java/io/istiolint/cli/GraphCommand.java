package io.istiolint.cli;

import io.istiolint.api.ResourceRef;
import io.istiolint.config.LintConfig;
import io.istiolint.engine.Linter;
import io.istiolint.graph.GraphRenderer;
import io.istiolint.graph.RefGraph;
import io.istiolint.load.InputCollector;
import io.istiolint.load.InputSource;
import io.istiolint.rules.BuiltInRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code istiolint graph}: the reference graph of the inputs, as DOT, Mermaid or JSON. */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Draws what refers to what: routes to hosts and subsets, subsets to DestinationRules and workloads,"
        + " VirtualServices to Gateways, Gateways to workloads and Secrets. Unresolved references are dashed.")
final class GraphCommand implements Callable<Integer> {

  enum Format { DOT, MERMAID, JSON }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  InputOptions input;

  @Option(names = {"-o", "--format"}, paramLabel = "FORMAT", defaultValue = "dot",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--focus", paramLabel = "Kind/ns/name",
      description = "Only what this resource reaches and what reaches it, e.g. VirtualService/bookinfo/reviews.")
  String focus;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<LintConfig> config = input.config(err);
    if (config.isEmpty()) {
      return Istiolint.USAGE;
    }
    InputOptions.Read read = input.read(err);
    if (read.inputs() == null) {
      return read.exitCode();
    }
    Linter.Prepared prepared = BuiltInRules.linter().prepare(read.inputs(), input.linterOptions(config.get()));
    RefGraph graph = prepared.snapshot().graph();
    if (focus != null) {
      Optional<RefGraph.Node> node = focusNode(graph);
      if (node.isEmpty()) {
        err.println("istiolint: --focus " + focus + ": no such resource in the inputs (write Kind/namespace/name)");
        return Istiolint.USAGE;
      }
      graph = graph.around(node.get());
    }
    switch (format) {
      case DOT -> GraphRenderer.dot(graph, out);
      case MERMAID -> GraphRenderer.mermaid(graph, out);
      case JSON -> GraphRenderer.json(graph, out);
    }
    out.flush();
    prepared.inputErrors().forEach(e -> err.println("istiolint: cannot read " + e));
    return prepared.inputErrors().isEmpty() ? 0 : Istiolint.IO_ERROR;
  }

  private Optional<RefGraph.Node> focusNode(RefGraph graph) {
    String[] parts = focus.split("/");
    if (parts.length != 3 && parts.length != 2) {
      return Optional.empty();
    }
    String kind = parts[0];
    String ns = parts.length == 3 ? parts[1] : "";
    String name = parts[parts.length - 1];
    return graph.nodes().stream().filter(n -> n instanceof RefGraph.ResourceNode r && matches(r.ref(), kind, ns, name)).findFirst();
  }

  private static boolean matches(ResourceRef ref, String kind, String ns, String name) {
    return ref.kind().equalsIgnoreCase(kind) && ref.namespace().equals(ns) && ref.name().equals(name);
  }
}
