package io.istiolint.rules.schema;

import io.istiolint.api.StandaloneRule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Resource;
import io.istiolint.schemas.CrdInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IL0007: an older API version (v1alpha3, v1beta1, v1alpha1) of a kind that is also served as v1, or a
 * version its CRD marks deprecated. The object works, but the old versions are on their way out.
 */
public final class DeprecatedApiVersion implements StandaloneRule {

  public static final RuleMeta META = new RuleMeta("IL0007", "deprecated-api-version", Severity.INFO, Set.of(), Set.of(),
      "An older API version is used where v1 is served (or the CRD marks the version deprecated)",
      "Change apiVersion to the v1 version; the schema is the same, nothing else changes (v1 needs Istio 1.22+)",
      List.of());

  private static final YamlPath API_VERSION = YamlPath.of("apiVersion");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    if (!target.kind().isIstio()) {
      return;
    }
    Optional<CrdInfo> crd = ctx.schemas().crd(target.group(), target.kind().kind());
    Optional<CrdInfo.ServedVersion> used = crd.flatMap(c -> c.version(target.version()));
    if (used.isEmpty()) {
      return; // not served at all: IL0003
    }
    String v1 = target.group() + "/v1";
    if (used.get().deprecated()) {
      String warning = used.get().deprecationWarning();
      ctx.report(target, API_VERSION, target.ref().apiVersion() + " " + target.kind().kind() + " is deprecated"
          + (warning == null || warning.isBlank() ? "" : ": " + warning), null);
    } else if (!target.version().equals("v1") && crd.get().version("v1").isPresent()) {
      ctx.report(target, API_VERSION, target.ref().apiVersion() + " is an older version of " + target.kind().kind()
          + "; " + v1 + " is served", "change apiVersion to " + v1 + " (same schema; needs Istio 1.22 or newer)");
    }
  }
}
