package io.istiolint.rules;

import io.istiolint.api.DocumentRule;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleMeta;
import io.istiolint.engine.Engine;
import io.istiolint.rules.input.DuplicateKey;
import io.istiolint.rules.input.DuplicateResource;
import io.istiolint.rules.input.NotAResource;
import io.istiolint.rules.input.YamlSyntax;
import io.istiolint.rules.schema.DeprecatedApiVersion;
import io.istiolint.rules.schema.SchemaViolation;
import io.istiolint.rules.schema.UnknownApiVersion;
import io.istiolint.rules.validation.InvalidRegex;
import io.istiolint.rules.validation.IstioValidation;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every rule istiolint ships, and the catalogue of their metadata. Keep each list sorted by code. */
public final class BuiltInRules {

  public static final List<DocumentRule> DOCUMENT_RULES = List.of(
      new YamlSyntax(),
      new NotAResource(),
      new DuplicateKey());

  public static final List<Rule> ALL = List.of(
      new UnknownApiVersion(),
      new SchemaViolation(),
      new DuplicateResource(),
      new DeprecatedApiVersion(),
      new IstioValidation(),
      new InvalidRegex());

  private BuiltInRules() {}

  /** The metadata of every code istiolint can report, the engine's own IL0000 included, by code. */
  public static List<RuleMeta> catalogue() {
    return Stream.of(Stream.of(Engine.INTERNAL_ERROR), DOCUMENT_RULES.stream().map(DocumentRule::meta),
            ALL.stream().map(Rule::meta))
        .flatMap(s -> s)
        .sorted(Comparator.comparing(RuleMeta::code))
        .toList();
  }

  /** A rule's metadata by code (IL0004) or name (schema-violation), case-insensitively. */
  public static Optional<RuleMeta> find(String codeOrName) {
    return catalogue().stream()
        .filter(m -> m.code().equalsIgnoreCase(codeOrName) || m.name().equalsIgnoreCase(codeOrName))
        .findFirst();
  }

  /** An engine running every built-in rule. */
  public static Engine engine() {
    return new Engine(ALL, DOCUMENT_RULES);
  }
}
