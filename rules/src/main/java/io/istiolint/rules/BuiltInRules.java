package io.istiolint.rules;

import io.istiolint.api.DocumentRule;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleMeta;
import io.istiolint.engine.Engine;
import io.istiolint.rules.destinationrule.DestinationRuleHostNotFound;
import io.istiolint.rules.destinationrule.DuplicateSubset;
import io.istiolint.rules.destinationrule.MultipleDestinationRulesForHost;
import io.istiolint.rules.destinationrule.SubsetSelectsNoWorkload;
import io.istiolint.rules.destinationrule.TlsWithoutCaCertificates;
import io.istiolint.rules.destinationrule.UnusedSubset;
import io.istiolint.rules.input.DuplicateKey;
import io.istiolint.rules.input.DuplicateResource;
import io.istiolint.rules.input.NotAResource;
import io.istiolint.rules.input.YamlSyntax;
import io.istiolint.rules.schema.DeprecatedApiVersion;
import io.istiolint.rules.schema.SchemaViolation;
import io.istiolint.rules.schema.UnknownApiVersion;
import io.istiolint.rules.serviceentry.AddressesRequired;
import io.istiolint.rules.serviceentry.ConflictingProtocol;
import io.istiolint.rules.sidecar.ConflictingSelectors;
import io.istiolint.rules.sidecar.EgressHostNotFound;
import io.istiolint.rules.sidecar.MultipleDefaultSidecars;
import io.istiolint.rules.sidecar.SelectorMatchesNothing;
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
      new DestinationRuleHostNotFound(),
      new SubsetSelectsNoWorkload(),
      new DuplicateSubset(),
      new MultipleDestinationRulesForHost(),
      new TlsWithoutCaCertificates(),
      new UnusedSubset(),
      new AddressesRequired(),
      new ConflictingProtocol(),
      new SelectorMatchesNothing(),
      new ConflictingSelectors(),
      new MultipleDefaultSidecars(),
      new EgressHostNotFound());

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
