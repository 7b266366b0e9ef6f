package io.istiolint.rules.envoyfilter;

import com.google.re2j.Pattern;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.mesh.ProxyVersions;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IL0601: a patch's {@code match.proxy.proxyVersion} selects none of the proxy versions running in the mesh, so
 * the patch is never applied — typically a pin to the release the filter was written for, left behind by an
 * upgrade. The regex is evaluated as istiod does (RE2, searched anywhere in {@code ISTIO_VERSION}), against the
 * versions given with {@code --proxy-version}, found in the inputs, or assumed (the message then says so).
 * Istio itself checks nothing of the kind.
 */
public final class ProxyVersionMatchesNoProxy implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0601", "ef-proxy-version-matches-no-proxy", Severity.WARNING,
      Set.of(Kind.ENVOY_FILTER), Set.of(Kind.POD, Kind.DEPLOYMENT, Kind.ISTIO_OPERATOR),
      "An EnvoyFilter patch's proxyVersion matches none of the proxy versions in the mesh: the patch never applies",
      "Match the versions the mesh runs (e.g. '^1\\.30\\.'), drop the pin, or tell istiolint the versions with --proxy-version",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    ProxyVersions proxies = ctx.mesh().proxies();
    if (!proxies.isKnown()) {
      return;
    }
    for (ConfigPatch patch : ConfigPatch.of(target)) {
      String regex = patch.proxyVersion();
      if (regex == null) {
        continue;
      }
      Optional<Pattern> pattern = ProxyVersionRegex.compile(regex); // empty: too long or not RE2, IL0009's finding
      if (pattern.isEmpty() || !ProxyVersionRegex.selected(pattern.get(), proxies.versions()).isEmpty()) {
        continue;
      }
      String hint = "to patch the proxies the mesh runs, write " + quote(ProxyVersionRegex.patternFor(proxies.versions()))
          + (proxies.assumed() ? "; if the mesh runs other versions, name them with --proxy-version" : "");
      ctx.report(target, patch.at("match", "proxy", "proxyVersion"),
          "proxyVersion " + quote(regex) + " matches none of the proxy versions in the mesh ("
              + ProxyVersionRegex.describe(proxies) + "): this patch is applied to no proxy",
          hint);
    }
  }

  static String quote(String regex) {
    return "'" + regex + "'";
  }
}
