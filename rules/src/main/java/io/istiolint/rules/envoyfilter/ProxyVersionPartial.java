package io.istiolint.rules.envoyfilter;

import com.google.re2j.Pattern;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.mesh.ProxyVersions;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IL0607: mid-upgrade, when the mesh runs several proxy versions, a version-pinned patch reaches only some of
 * them. Reported (as information) only when no other patch makes up for it: patches of the same applyTo that
 * create the same {@code value.name} (the usual "one patch per version" pattern, in any EnvoyFilter) count
 * together, so a filter pinned per release and covering every version present is silent.
 */
public final class ProxyVersionPartial implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0607", "ef-proxy-version-partial", Severity.INFO,
      Set.of(Kind.ENVOY_FILTER), Set.of(Kind.ENVOY_FILTER, Kind.POD, Kind.DEPLOYMENT, Kind.ISTIO_OPERATOR),
      "The mesh runs several proxy versions and a version-pinned EnvoyFilter patch reaches only some of them",
      "If every proxy needs the patch, widen its proxyVersion or add a patch for the versions it misses",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    ProxyVersions proxies = ctx.mesh().proxies();
    if (proxies.assumed() || proxies.versions().size() < 2) {
      return;
    }
    List<String> all = proxies.versions();
    for (ConfigPatch patch : ConfigPatch.of(target)) {
      List<String> reached = reached(patch, all);
      if (reached == null || reached.isEmpty() || reached.size() == all.size()) {
        continue;
      }
      Set<String> covered = new LinkedHashSet<>(reached);
      String name = patch.valueName();
      if (name != null) {
        for (Resource other : ctx.index().ofKind(Kind.ENVOY_FILTER)) {
          for (ConfigPatch sibling : ConfigPatch.of(other)) {
            if (sibling.applyTo().equals(patch.applyTo()) && name.equals(sibling.valueName())) {
              List<String> r = reached(sibling, all);
              covered.addAll(r == null ? List.of() : r);
            }
          }
        }
      }
      List<String> missed = new ArrayList<>(all);
      missed.removeAll(covered);
      if (missed.isEmpty()) {
        continue;
      }
      String what = name == null ? "this patch" : "`" + name + "`";
      ctx.report(target, patch.at("match", "proxy", "proxyVersion"),
          "proxyVersion " + ProxyVersionMatchesNoProxy.quote(patch.proxyVersion()) + " applies this patch to the "
              + String.join(", ", reached) + " proxies only: the " + String.join(", ", missed)
              + " proxies of the mesh get " + what + " from no EnvoyFilter",
          "if they need it, add a patch for them (proxyVersion " + ProxyVersionMatchesNoProxy.quote(ProxyVersionRegex.patternFor(missed))
              + ") or widen this one to " + ProxyVersionMatchesNoProxy.quote(ProxyVersionRegex.patternFor(all)));
    }
  }

  /** The mesh versions a patch reaches; all of them without a pin; null when its pattern cannot be read. */
  private static List<String> reached(ConfigPatch patch, List<String> versions) {
    String regex = patch.proxyVersion();
    if (regex == null) {
      return versions;
    }
    if (ProxyVersionRegex.tooLong(regex)) {
      return List.of();
    }
    Optional<Pattern> pattern = ProxyVersionRegex.compile(regex);
    return pattern.map(p -> ProxyVersionRegex.selected(p, versions)).orElse(null);
  }
}
