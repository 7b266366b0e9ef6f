package io.istiolint.rules.schema;

import io.istiolint.api.Kind;
import io.istiolint.api.StandaloneRule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Resource;
import io.istiolint.schemas.CrdInfo;
import io.istiolint.schemas.SchemaCatalog;
import io.istiolint.schemas.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IL0003: an object in an Istio API group ({@code *.istio.io}) that no Istio CRD serves. The API server
 * refuses it ("no matches for kind"), or worse, the kind was removed from Istio years ago and the
 * manifest only looks like it still does something.
 */
public final class UnknownApiVersion implements StandaloneRule {

  public static final RuleMeta META = new RuleMeta("IL0003", "unknown-api-version", Severity.ERROR, Set.of(), Set.of(),
      "An Istio apiVersion/kind that no Istio CRD serves, including APIs Istio removed",
      "Use a served apiVersion and kind; for removed APIs, move to the replacement named in the message",
      List.of());

  /** An API Istio removed, and what replaced it. */
  private record Removed(String what, String replacement) {}

  /**
   * Kinds whose replacement differs from the rest of their group's: the pre-0.8 routing APIs shared
   * config.istio.io with Mixer's adapters but were replaced by networking.istio.io's kinds, not by Telemetry.
   */
  private static final Map<String, Removed> REMOVED_KINDS = Map.of(
      "config.istio.io/RouteRule", routing("VirtualService"),
      "config.istio.io/DestinationPolicy", routing("DestinationRule"),
      "config.istio.io/EgressRule", routing("ServiceEntry"));

  private static final Map<String, Removed> REMOVED_GROUPS = Map.of(
      "config.istio.io", new Removed("the Mixer APIs (config.istio.io) were removed in Istio 1.8",
          "use Telemetry (telemetry.istio.io/v1) for metrics and logs, and WasmPlugin or EnvoyFilter for custom filters"),
      "rbac.istio.io", new Removed("the RBAC APIs (rbac.istio.io) were removed in Istio 1.6",
          "use AuthorizationPolicy (security.istio.io/v1)"),
      "authentication.istio.io", new Removed("the authentication Policy and MeshPolicy (authentication.istio.io) were"
          + " removed in Istio 1.6", "use PeerAuthentication and RequestAuthentication (security.istio.io/v1)"));

  private static Removed routing(String replacement) {
    return new Removed("the pre-0.8 routing APIs (RouteRule, DestinationPolicy, EgressRule) were replaced in Istio 0.8 by"
        + " VirtualService, DestinationRule and ServiceEntry (networking.istio.io)",
        "rewrite it as a " + replacement + " (networking.istio.io/v1)");
  }

  private static final YamlPath API_VERSION = YamlPath.of("apiVersion");
  private static final YamlPath KIND = YamlPath.of("kind");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    Kind kind = target.kind();
    if (!kind.isIstio() || kind.equals(Kind.ISTIO_OPERATOR)) {
      return; // IstioOperator is an install-time input, not a served CRD
    }
    SchemaCatalog schemas = ctx.schemas();
    Removed removed = REMOVED_KINDS.getOrDefault(kind.group() + "/" + kind.kind(), REMOVED_GROUPS.get(kind.group()));
    if (removed != null) {
      ctx.report(target, API_VERSION, kind.kind() + " (" + target.ref().apiVersion() + ") is no longer served: " + removed.what(),
          removed.replacement());
      return;
    }
    if (!schemas.groups().contains(kind.group())) {
      Optional<String> group = Suggestions.closest(kind.group(), schemas.groups());
      ctx.report(target, API_VERSION, "no Istio API group is named " + kind.group(),
          group.map(g -> "did you mean " + g + "/" + target.version() + "?").orElse("served Istio groups: "
              + String.join(", ", schemas.groups().stream().sorted().toList())));
      return;
    }
    Optional<CrdInfo> crd = schemas.crd(kind.group(), kind.kind());
    if (crd.isEmpty()) {
      Set<String> kinds = schemas.kinds(kind.group());
      Optional<String> suggestion = Suggestions.closest(kind.kind(), kinds);
      Optional<String> elsewhere = schemas.groups().stream()
          .filter(g -> schemas.crd(g, kind.kind()).isPresent()).findFirst();
      String hint = suggestion.map(k -> "did you mean kind " + k + "?")
          .or(() -> elsewhere.map(g -> kind.kind() + " is served by " + g))
          .orElse(kind.group() + " serves: " + String.join(", ", kinds.stream().sorted().toList()));
      ctx.report(target, KIND, kind.group() + " serves no kind " + kind.kind(), hint);
      return;
    }
    CrdInfo info = crd.get();
    if (info.version(target.version()).isEmpty()) {
      String served = info.versions().stream().map(CrdInfo.ServedVersion::name).collect(Collectors.joining(", "));
      String preferred = info.versions().stream().filter(CrdInfo.ServedVersion::storage).findFirst()
          .or(() -> info.versions().stream().findFirst()).map(CrdInfo.ServedVersion::name).orElse("");
      ctx.report(target, API_VERSION, kind.kind() + " is not served at " + target.ref().apiVersion()
              + " (served versions: " + served + ")",
          "use apiVersion " + kind.group() + "/" + (info.version("v1").isPresent() ? "v1" : preferred));
    }
  }
}
