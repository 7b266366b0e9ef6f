package io.istiolint.rules;

import io.istiolint.api.DocumentRule;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleMeta;
import io.istiolint.engine.Engine;
import io.istiolint.engine.Linter;
import io.istiolint.schemas.CrdSchemaCatalog;
import io.istiolint.rules.destinationrule.CredentialIgnoredBySidecars;
import io.istiolint.rules.destinationrule.DestinationRuleHostNotFound;
import io.istiolint.rules.destinationrule.DuplicateSubset;
import io.istiolint.rules.destinationrule.MultipleDestinationRulesForHost;
import io.istiolint.rules.destinationrule.SubsetSelectsNoWorkload;
import io.istiolint.rules.destinationrule.TlsWithoutCaCertificates;
import io.istiolint.rules.destinationrule.UnusedSubset;
import io.istiolint.rules.envoyfilter.OperationIgnored;
import io.istiolint.rules.envoyfilter.PatchInvalid;
import io.istiolint.rules.envoyfilter.ProxyVersionLoose;
import io.istiolint.rules.envoyfilter.ProxyVersionMatchesNoProxy;
import io.istiolint.rules.envoyfilter.ProxyVersionPartial;
import io.istiolint.rules.envoyfilter.RelativeOperationWithoutPriority;
import io.istiolint.rules.envoyfilter.SelectorMatchesNoWorkload;
import io.istiolint.rules.gateway.GatewayConflictingServers;
import io.istiolint.rules.gateway.GatewayCredentialExpiring;
import io.istiolint.rules.gateway.GatewayCredentialInvalid;
import io.istiolint.rules.gateway.GatewayCredentialNotFound;
import io.istiolint.rules.gateway.GatewayDuplicateCertificate;
import io.istiolint.rules.gateway.GatewayPortNotOnService;
import io.istiolint.rules.gateway.GatewaySelectorMatchesNoWorkload;
import io.istiolint.rules.gateway.GatewayUnused;
import io.istiolint.rules.input.DuplicateKey;
import io.istiolint.rules.input.DuplicateResource;
import io.istiolint.rules.input.NotAResource;
import io.istiolint.rules.input.YamlSyntax;
import io.istiolint.rules.schema.DeprecatedApiVersion;
import io.istiolint.rules.schema.NullValueDropped;
import io.istiolint.rules.schema.SchemaViolation;
import io.istiolint.rules.schema.UnknownApiVersion;
import io.istiolint.rules.serviceentry.AddressesRequired;
import io.istiolint.rules.serviceentry.ConflictingProtocol;
import io.istiolint.rules.sidecar.ConflictingSelectors;
import io.istiolint.rules.sidecar.EgressHostNotFound;
import io.istiolint.rules.sidecar.MultipleDefaultSidecars;
import io.istiolint.rules.sidecar.SelectorMatchesNothing;
import io.istiolint.rules.telemetry.TelemetryConflictingSelectors;
import io.istiolint.rules.telemetry.TelemetryDeprecatedProvider;
import io.istiolint.rules.telemetry.TelemetryEmptyProviders;
import io.istiolint.rules.telemetry.TelemetryInvalid;
import io.istiolint.rules.telemetry.TelemetryMultipleWithoutSelector;
import io.istiolint.rules.telemetry.TelemetryProviderNotFound;
import io.istiolint.rules.telemetry.TelemetrySelectorMatchesNothing;
import io.istiolint.rules.validation.InvalidRegex;
import io.istiolint.rules.validation.IstioValidation;
import io.istiolint.rules.validation.IstioValidationWarning;
import io.istiolint.rules.virtualservice.ConflictingMeshHosts;
import io.istiolint.rules.virtualservice.DestinationHostNotFound;
import io.istiolint.rules.virtualservice.DestinationPortNotFound;
import io.istiolint.rules.virtualservice.DestinationPortRequired;
import io.istiolint.rules.virtualservice.DestinationSubsetNotFound;
import io.istiolint.rules.virtualservice.GatewayNotFound;
import io.istiolint.rules.virtualservice.HostNotInGateway;
import io.istiolint.rules.virtualservice.VsDelegateCycle;
import io.istiolint.rules.virtualservice.VsDelegateNotFound;
import io.istiolint.rules.virtualservice.VsDeprecatedField;
import io.istiolint.rules.virtualservice.VsIneffectiveMatch;
import io.istiolint.rules.virtualservice.VsInternalGatewayRef;
import io.istiolint.rules.virtualservice.VsSubsetIgnoredAtGateway;
import io.istiolint.rules.virtualservice.VsUnreachableRule;
import io.istiolint.rules.virtualservice.VsMergedRouteUnreachable;
import io.istiolint.rules.virtualservice.VsNotExportedToGateway;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every rule istiolint ships, and the catalogue of their metadata. */
public final class BuiltInRules {

  public static final List<DocumentRule> DOCUMENT_RULES = List.of(
      new YamlSyntax(),
      new NotAResource(),
      new DuplicateKey());

  /** The resource rules, in code order. */
  public static final List<Rule> ALL = Stream.of(
      new UnknownApiVersion(),
      new SchemaViolation(),
      new NullValueDropped(),
      new DuplicateResource(),
      new DeprecatedApiVersion(),
      new ProxyVersionMatchesNoProxy(),
      new ProxyVersionLoose(),
      new RelativeOperationWithoutPriority(),
      new OperationIgnored(),
      new SelectorMatchesNoWorkload(),
      new PatchInvalid(),
      new ProxyVersionPartial(),
      new TelemetryProviderNotFound(),
      new TelemetryMultipleWithoutSelector(),
      new TelemetryConflictingSelectors(),
      new TelemetrySelectorMatchesNothing(),
      new TelemetryEmptyProviders(),
      new TelemetryInvalid(),
      new TelemetryDeprecatedProvider(),
      new VsUnreachableRule(),
      new VsIneffectiveMatch(),
      new VsDelegateNotFound(),
      new VsDelegateCycle(),
      new VsSubsetIgnoredAtGateway(),
      new VsInternalGatewayRef(),
      new VsDeprecatedField(),
      new VsMergedRouteUnreachable(),
      new VsNotExportedToGateway(),
      new DestinationHostNotFound(),
      new DestinationSubsetNotFound(),
      new DestinationPortNotFound(),
      new DestinationPortRequired(),
      new GatewayNotFound(),
      new HostNotInGateway(),
      new ConflictingMeshHosts(),
      new GatewaySelectorMatchesNoWorkload(),
      new GatewayCredentialNotFound(),
      new GatewayCredentialInvalid(),
      new GatewayConflictingServers(),
      new GatewayPortNotOnService(),
      new GatewayDuplicateCertificate(),
      new GatewayUnused(),
      new GatewayCredentialExpiring(),
      new IstioValidation(),
      new InvalidRegex(),
      new IstioValidationWarning(),
      new DestinationRuleHostNotFound(),
      new SubsetSelectsNoWorkload(),
      new DuplicateSubset(),
      new MultipleDestinationRulesForHost(),
      new TlsWithoutCaCertificates(),
      new UnusedSubset(),
      new CredentialIgnoredBySidecars(),
      new AddressesRequired(),
      new ConflictingProtocol(),
      new SelectorMatchesNothing(),
      new ConflictingSelectors(),
      new MultipleDefaultSidecars(),
      new EgressHostNotFound())
      .sorted(Comparator.comparing(r -> r.meta().code()))
      .toList();

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

  /** A linter running every built-in rule against the bundled Istio CRDs, as {@code istiolint lint} does. */
  public static Linter linter() {
    return new Linter(engine(), CrdSchemaCatalog.bundledIstio());
  }
}
