package io.istiolint.cli;

import io.istiolint.api.RuleMeta;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.rules.RuleDocs;
import io.istiolint.schemas.Suggestions;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code istiolint explain CODE}: a rule's page — what it finds, a bad and a good example, the fix. */
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
    out.flush();
    return 0;
  }
}
