package io.istiolint.rules.envoyfilter;

import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;

/**
 * IL0603: a relative patch (INSERT_BEFORE, INSERT_AFTER, REPLACE, REMOVE, MERGE) anchored on a filter or route
 * that another EnvoyFilter adds, when priorities do not put the other one first. istiod applies EnvoyFilters
 * by ascending {@code priority}, then root-namespace filters first, then by creation time: with equal
 * priorities in the same kind of namespace the outcome depends on which object was created first, and a
 * re-create (a GitOps sync, a restore) silently flips it; with a lower priority the anchor never exists yet.
 * Within one EnvoyFilter, patches apply in order, so an anchor added by a later patch is reported too.
 *
 * <p>istioctl (IST0151) warns about every relative patch without a priority, including those anchored on
 * filters Istio generates itself (the router, the HTTP connection manager), which are always there — as in
 * Istio's own samples. This rule reports only a real ordering dependency between patches.
 */
public final class RelativeOperationWithoutPriority implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0603", "ef-relative-operation-without-priority", Severity.WARNING,
      Set.of(Kind.ENVOY_FILTER), Set.of(Kind.ENVOY_FILTER),
      "A relative EnvoyFilter patch is anchored on a filter another EnvoyFilter adds, and priorities do not order the two",
      "Give the EnvoyFilter with the relative patch a higher priority than the one that adds its anchor",
      List.of("IST0151", "IST0155"));

  private static final Set<String> RELATIVE = Set.of("INSERT_BEFORE", "INSERT_AFTER", "REPLACE", "REMOVE", "MERGE");
  private static final Set<String> ADDING = Set.of("ADD", "INSERT_BEFORE", "INSERT_AFTER", "INSERT_FIRST", "REPLACE");

  /**
   * Filters istiod generates itself: a patch anchored on one finds it whatever other EnvoyFilters add (one that
   * adds or replaces a filter of the same name does not create the anchor).
   */
  private static final Set<String> GENERATED = Set.of(
      "envoy.filters.network.http_connection_manager", "envoy.filters.network.tcp_proxy", "envoy.filters.network.rbac",
      "envoy.filters.network.ext_authz", "envoy.filters.network.sni_cluster", "istio.metadata_exchange", "istio.stats",
      "envoy.filters.http.router", "envoy.filters.http.cors", "envoy.filters.http.fault", "envoy.filters.http.rbac",
      "envoy.filters.http.ext_authz", "envoy.filters.http.jwt_authn", "envoy.filters.http.grpc_stats",
      "envoy.filters.http.grpc_web", "istio_authn", "istio.alpn",
      "envoy.filters.listener.tls_inspector", "envoy.filters.listener.http_inspector", "envoy.filters.listener.original_dst");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    String root = ctx.mesh().rootNamespace();
    for (ConfigPatch patch : ConfigPatch.of(target)) {
      String anchor = patch.anchor();
      if (anchor == null || GENERATED.contains(anchor) || !RELATIVE.contains(patch.operation()) || addedEarlier(target, patch)) {
        continue;
      }
      for (Resource other : ctx.index().ofKind(Kind.ENVOY_FILTER)) {
        if (!appliesToSameProxies(target, other, root)) {
          continue;
        }
        for (ConfigPatch adder : ConfigPatch.of(other)) {
          if (!adder.applyTo().equals(patch.applyTo()) || !ADDING.contains(adder.operation()) || !anchor.equals(adder.valueName())) {
            continue;
          }
          String problem = problem(target, patch, other, adder, root);
          if (problem != null) {
            ctx.report(target, patch.anchorPath(), problem, hint(target, other));
          }
        }
      }
    }
  }

  private static String problem(Resource target, ConfigPatch patch, Resource other, ConfigPatch adder, String root) {
    String what = patch.operation() + " relative to `" + patch.anchor() + "`";
    if (other == target) {
      return adder.index() > patch.index()
          ? what + ", which configPatches[" + adder.index() + "] of this EnvoyFilter adds only later: patches apply in order, so this one finds nothing"
          : null;
    }
    long mine = ConfigPatch.priority(target);
    long theirs = ConfigPatch.priority(other);
    String by = other.ref().displayName();
    if (mine > theirs) {
      return null;
    }
    if (mine < theirs) {
      return what + ", which " + by + " adds with a higher priority (" + theirs + " > " + mine
          + "): this patch is applied first and finds nothing";
    }
    boolean mineRoot = target.namespace().equals(root);
    boolean theirsRoot = other.namespace().equals(root);
    if (theirsRoot && !mineRoot) {
      return null;
    }
    if (mineRoot && !theirsRoot) {
      return what + ", which " + by + " adds: with equal priority filters of the root namespace " + root
          + " apply first, so this patch finds nothing";
    }
    String pinned = adder.proxyVersion() == null ? "" : " (for proxies matching " + "'" + adder.proxyVersion() + "')";
    return what + ", which " + by + " adds" + pinned + ", and both have priority " + mine
        + ": which applies first depends on which was created first, and changes when they are re-created";
  }

  private static String hint(Resource target, Resource other) {
    if (other == target) {
      return "move the patch that adds the filter before this one";
    }
    return "set priority: " + (ConfigPatch.priority(other) + 1) + " (or higher) on this EnvoyFilter so it applies after "
        + other.ref().displayName();
  }

  /** True when an earlier patch of the same EnvoyFilter adds the anchor: it is there whatever the others do. */
  private static boolean addedEarlier(Resource target, ConfigPatch patch) {
    return ConfigPatch.of(target).stream().limit(patch.index()).anyMatch(p -> p.applyTo().equals(patch.applyTo())
        && ADDING.contains(p.operation()) && patch.anchor().equals(p.valueName()));
  }

  /** True when some proxy can get both filters: same namespace, or one of them in the root namespace. */
  private static boolean appliesToSameProxies(Resource a, Resource b, String root) {
    return a.namespace().equals(b.namespace()) || a.namespace().equals(root) || b.namespace().equals(root);
  }
}
