package io.istiolint.cli;

import io.istiolint.api.RuleMeta;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.Suggestions;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/**
 * One {@code --suppress CODE=RESOURCE}, as istioctl analyze's {@code -S 'IST0102=Namespace foo'}: the findings of
 * one rule (code or name) on the resources {@code Kind namespace/name} names ({@code Kind name} for a
 * cluster-scoped kind), {@code *} and {@code ?} allowed in each part.
 *
 * @param code      the rule's code
 * @param resources the resources as {@link io.istiolint.engine.Policy#withSuppressed} takes them: Kind/namespace/name
 */
record Suppression(String code, String resources) {

  private static final String EXAMPLE = "write CODE=Kind namespace/name, e.g. IL0101=VirtualService shop/*";

  /** Reads a {@code --suppress} value; anything else is a usage error naming the value and the form expected. */
  static final class Converter implements CommandLine.ITypeConverter<Suppression> {
    @Override
    public Suppression convert(String value) {
      int eq = value.indexOf('=');
      String[] target = eq < 0 ? new String[0] : value.substring(eq + 1).trim().split("\\s+");
      if (eq <= 0 || target.length != 2 || target[0].isEmpty() || target[1].chars().filter(c -> c == '/').count() > 1
          || target[1].startsWith("/") || target[1].endsWith("/")) {
        throw new CommandLine.TypeConversionException("`" + value + "`: " + EXAMPLE);
      }
      String code = value.substring(0, eq).trim();
      Optional<RuleMeta> rule = BuiltInRules.find(code);
      if (rule.isEmpty()) {
        Optional<String> close = Suggestions.closest(code.toUpperCase(Locale.ROOT),
            BuiltInRules.catalogue().stream().map(RuleMeta::code).toList());
        throw new CommandLine.TypeConversionException("`" + value + "`: no rule " + code + close.map(c -> "; did you mean " + c + "?").orElse(""));
      }
      String object = target[1].contains("/") ? target[1] : "/" + target[1];
      return new Suppression(rule.get().code(), target[0] + "/" + object);
    }
  }
}
