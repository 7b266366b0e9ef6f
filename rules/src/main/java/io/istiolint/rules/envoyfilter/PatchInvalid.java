package io.istiolint.rules.envoyfilter;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.mesh.ProxyVersions;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * IL0606: a config patch Istio rejects or cannot apply as written: no {@code applyTo}, no {@code patch}, no
 * operation, no {@code value} for an operation that needs one; a {@code match} for another kind of object
 * than {@code applyTo} (a cluster match on an HTTP_FILTER); a {@code filter} match that has no effect
 * (LISTENER, FILTER_CHAIN) or lacks its name; a {@code subFilter} outside HTTP_FILTER or under a filter that
 * is not the HTTP connection manager; and the old names of filters istiod generates ({@code envoy.router}), which
 * match none of them (unless an EnvoyFilter inserts a filter under that very name: names match literally). istiod before 1.19 still matched those old names (and only warned), so they
 * are not reported when every proxy version of the mesh is older.
 */
public final class PatchInvalid implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0606", "ef-patch-invalid", Severity.ERROR,
      Set.of(Kind.ENVOY_FILTER), Set.of(),
      "An EnvoyFilter config patch is incomplete or inconsistent: missing applyTo/operation/value, a match for another object type, a deprecated filter name",
      "Complete the patch and match the object applyTo names (listener for filters, routeConfiguration for routes, cluster for clusters)",
      List.of("IST0106"));

  private static final Set<String> LISTENER_KINDS = Set.of("LISTENER", "FILTER_CHAIN", "NETWORK_FILTER", "HTTP_FILTER", "LISTENER_FILTER");
  private static final Set<String> ROUTE_KINDS = Set.of("ROUTE_CONFIGURATION", "VIRTUAL_HOST", "HTTP_ROUTE");

  /**
   * The old names of filters istiod generates itself, and the names it gives them now (pilot/pkg/xds/filters/
   * filters.go, and the listeners' connection managers and TCP proxies). Only these can be stale: a filter istiod
   * never generates (Lua, health check) is in a listener only when some EnvoyFilter inserts it, under whatever
   * name that patch gives it, and a match on that name is matched literally.
   */
  private static final Map<String, String> DEPRECATED_NAMES = Map.of(
      "envoy.http_connection_manager", "envoy.filters.network.http_connection_manager",
      "envoy.tcp_proxy", "envoy.filters.network.tcp_proxy",
      "envoy.router", "envoy.filters.http.router",
      "envoy.cors", "envoy.filters.http.cors",
      "envoy.fault", "envoy.filters.http.fault",
      "envoy.grpc_web", "envoy.filters.http.grpc_web");

  /** Operations that put a filter into a listener under the name in {@code patch.value.name}. */
  private static final Set<String> INSERTING = Set.of("ADD", "INSERT_BEFORE", "INSERT_AFTER", "INSERT_FIRST", "REPLACE");

  /** The first release whose istiod matches filter names exactly (istio/istio#45675). */
  private static final String EXACT_NAMES_SINCE = "1.19";

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    List<String> versions = ctx.mesh().proxyVersions();
    boolean oldNamesMatch = !versions.isEmpty()
        && versions.stream().allMatch(v -> ProxyVersions.ORDER.compare(v, EXACT_NAMES_SINCE) < 0);
    Set<String> stale = oldNamesMatch ? Set.of() : staleNames(ctx);
    for (ConfigPatch patch : ConfigPatch.of(target)) {
      if (!patch.node().isObject()) {
        continue;
      }
      String applyTo = patch.applyTo();
      if (applyTo.isEmpty() || applyTo.equals("INVALID")) {
        ctx.report(target, patch.at(),
            "config patch without applyTo: Istio rejects the EnvoyFilter",
            "say which object to patch: LISTENER, FILTER_CHAIN, NETWORK_FILTER, HTTP_FILTER, ROUTE_CONFIGURATION, VIRTUAL_HOST, HTTP_ROUTE, CLUSTER, ...");
      }
      checkPatch(target, ctx, patch);
      checkMatch(target, ctx, patch, applyTo, stale);
    }
  }

  private static void checkPatch(Resource target, RuleContext ctx, ConfigPatch patch) {
    if (!patch.node().path("patch").isObject()) {
      ctx.report(target, patch.at(), "config patch without patch: Istio rejects the EnvoyFilter",
          "add patch.operation and patch.value");
      return;
    }
    String op = patch.operation();
    if (op.isEmpty() || op.equals("INVALID")) {
      ctx.report(target, patch.at("patch"), "patch without operation: Istio rejects the EnvoyFilter",
          "set patch.operation: MERGE, ADD, REMOVE, INSERT_BEFORE, INSERT_AFTER, INSERT_FIRST or REPLACE");
    } else if (!op.equals("REMOVE") && patch.value().isMissingNode()) {
      ctx.report(target, patch.at("patch", "operation"), op + " without patch.value: Istio rejects the EnvoyFilter",
          "put " + (op.equals("MERGE") ? "the fields to merge" : op.equals("REPLACE") ? "the replacement" : "the object to add")
              + " under patch.value");
    }
  }

  /**
   * The old names a match finds no filter under: every one of {@link #DEPRECATED_NAMES} that no EnvoyFilter
   * inserts a filter under literally (istiod matches names exactly, so such a match finds that filter).
   */
  private static Set<String> staleNames(RuleContext ctx) {
    Set<String> stale = new HashSet<>(DEPRECATED_NAMES.keySet());
    for (Resource filter : ctx.index().ofKind(Kind.ENVOY_FILTER)) {
      for (ConfigPatch patch : ConfigPatch.of(filter)) {
        if ((patch.applyTo().equals("HTTP_FILTER") || patch.applyTo().equals("NETWORK_FILTER"))
            && INSERTING.contains(patch.operation()) && patch.valueName() != null) {
          stale.remove(patch.valueName());
        }
      }
    }
    return stale;
  }

  private static void checkMatch(Resource target, RuleContext ctx, ConfigPatch patch, String applyTo, Set<String> stale) {
    JsonNode match = patch.match();
    String expected = LISTENER_KINDS.contains(applyTo) ? "listener" : ROUTE_KINDS.contains(applyTo) ? "routeConfiguration"
        : applyTo.equals("CLUSTER") ? "cluster" : null;
    if (expected != null) {
      for (String other : List.of("listener", "routeConfiguration", "cluster")) {
        if (!other.equals(expected) && match.has(other)) {
          ctx.report(target, patch.at("match", other).key(),
              "match." + other + " cannot select " + ConfigPatch.withArticle(applyTo) + ": Istio rejects the EnvoyFilter",
              "match " + ConfigPatch.withArticle(applyTo) + " with match." + expected);
        }
      }
    }
    JsonNode filter = match.path("listener").path("filterChain").path("filter");
    if (!filter.isObject()) {
      return;
    }
    if (applyTo.equals("LISTENER") || applyTo.equals("FILTER_CHAIN")) {
      ctx.report(target, patch.at("match", "listener", "filterChain", "filter").key(),
          "a filter match has no effect on " + ConfigPatch.withArticle(applyTo) + ": the patch applies to every " + applyTo.toLowerCase(Locale.ROOT).replace('_', ' ')
              + " the rest of the match selects",
          "remove the filter match, or patch NETWORK_FILTER or HTTP_FILTER");
    }
    String name = Json.text(filter.path("name"), "");
    if (name.isEmpty()) {
      ctx.report(target, patch.at("match", "listener", "filterChain", "filter").key(),
          "filter match without a name: Istio rejects the EnvoyFilter", "name the network filter, e.g. " + ConfigPatch.HCM);
    } else if (stale.contains(name)) {
      reportDeprecated(target, ctx, patch.at("match", "listener", "filterChain", "filter", "name"), name);
    }
    JsonNode subFilter = filter.path("subFilter");
    if (!subFilter.isObject()) {
      return;
    }
    if (!applyTo.equals("HTTP_FILTER")) {
      ctx.report(target, patch.at("match", "listener", "filterChain", "filter", "subFilter").key(),
          "subFilter only applies to HTTP_FILTER patches, not " + applyTo + ": Istio rejects the EnvoyFilter",
          "remove subFilter, or patch HTTP_FILTER");
    } else if (!name.isEmpty() && !name.equals(ConfigPatch.HCM) && !name.equals("envoy.http_connection_manager")) {
      ctx.report(target, patch.at("match", "listener", "filterChain", "filter", "name"),
          "subFilter needs the HTTP connection manager as its filter, not `" + name + "`: Istio rejects the EnvoyFilter",
          "write `" + ConfigPatch.HCM + "`");
    }
    String subName = Json.text(subFilter.path("name"), "");
    if (subName.isEmpty()) {
      ctx.report(target, patch.at("match", "listener", "filterChain", "filter", "subFilter").key(),
          "subFilter match without a name: Istio rejects the EnvoyFilter", "name the HTTP filter, e.g. envoy.filters.http.router");
    } else if (stale.contains(subName)) {
      reportDeprecated(target, ctx, patch.at("match", "listener", "filterChain", "filter", "subFilter", "name"), subName);
    }
  }

  private static void reportDeprecated(Resource target, RuleContext ctx, YamlPath at, String name) {
    ctx.report(target, at,
        "`" + name + "` is a deprecated filter name: the filters istiod generates are named `" + DEPRECATED_NAMES.get(name)
            + "`, and since Istio " + EXACT_NAMES_SINCE + " a match on the old name finds none of them",
        "write `" + DEPRECATED_NAMES.get(name) + "`");
  }
}
