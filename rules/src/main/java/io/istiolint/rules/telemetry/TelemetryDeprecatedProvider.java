package io.istiolint.rules.telemetry;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * IL0707: a Telemetry uses an extension provider of a kind Istio deprecated: {@code lightstep} (since 1.15
 * Istio configures it as OpenTelemetry anyway) and {@code opencensus} (OpenCensus is sunset). istioctl reports
 * the Lightstep case as IST0002.
 */
public final class TelemetryDeprecatedProvider implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0707", "telemetry-deprecated-provider", Severity.WARNING,
      Set.of(Kind.TELEMETRY), Set.of(Kind.CONFIG_MAP, Kind.ISTIO_OPERATOR),
      "A Telemetry uses a deprecated provider kind (lightstep, opencensus)",
      "Define an opentelemetry provider in MeshConfig extensionProviders and use it instead",
      List.of("IST0002"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    for (Telemetries.ProviderRef ref : Telemetries.providerRefs(target)) {
      ctx.mesh().config().provider(ref.name()).filter(p -> p.type().deprecated() && p.type().serves(ref.use())).ifPresent(p ->
          ctx.report(target, ref.path(), "provider `" + p.name() + "` is a " + p.type().field() + " provider, a kind Istio has"
              + " deprecated", "define an opentelemetry provider for the same collector and use it here"));
    }
  }
}
