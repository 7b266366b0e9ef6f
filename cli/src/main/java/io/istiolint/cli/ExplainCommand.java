package io.istiolint.cli;

import io.istiolint.api.Kind;
import io.istiolint.api.RuleMeta;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.rules.RuleDocs;
import io.istiolint.schemas.Suggestions;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code istiolint explain CODE}: a rule's page — what it finds, a bad and a good example, the fix — and the
 * kinds it checks and reads.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explains one rule, by code (IL0004) or name (schema-violation).")
final class ExplainCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "CODE", description = "Rule code or name.")
  String code;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<RuleMeta> rule = BuiltInRules.find(code);
    if (rule.isEmpty()) {
      Optional<String> close = Suggestions.closest(code.toUpperCase(java.util.Locale.ROOT),
          BuiltInRules.catalogue().stream().map(RuleMeta::code).toList());
      spec.commandLine().getErr().println("istiolint: no rule " + code
          + close.map(c -> "; did you mean " + c + "?").orElse("; `istiolint rules` lists them"));
      return Istiolint.USAGE;
    }
    RuleMeta meta = rule.get();
    out.print(RuleDocs.page(meta.code()).orElseThrow(() -> new IllegalStateException("no docs page packed for " + meta.code())));
    out.println();
    out.println("Checks: " + kinds(meta.targets(), "every object"));
    out.println("Reads: " + kinds(meta.reads(), "nothing but the object checked")
        + " (a change to an object of these kinds can change its findings)");
    out.flush();
    return 0;
  }

  /**
   * "DestinationRule, Gateway (gateway.networking.k8s.io), Service": kinds by name, sorted, with their group
   * when neither Istio's nor Kubernetes' core; {@code none} when there are none.
   */
  private static String kinds(Set<Kind> kinds, String none) {
    return kinds.isEmpty() ? none : kinds.stream()
        .map(k -> k.isIstio() || k.group().isEmpty() || k.group().equals("apps") || k.group().equals("batch")
            ? k.kind() : k.kind() + " (" + k.group() + ")")
        .sorted().collect(Collectors.joining(", "));
  }
}
