package io.istiolint.rules.virtualservice;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.GatewayRefs;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Which routes and matches of a VirtualService can never be reached because earlier ones take their traffic.
 * Shared by IL0108 (whole routes) and IL0109 (single matches).
 *
 * <p>Within one route list the proxy takes the first route whose match accepts the request (HTTP: the
 * Envoy routes Istio builds keep the order; TCP: Istio stops at the first route without matches). An earlier
 * match <em>covers</em> a later one when every request the later accepts is accepted by the earlier, checked
 * condition by condition: the earlier must be at least as general in each. Where that cannot be decided
 * exactly (regexes, unknown shapes), only identical conditions count.
 *
 * <p>Deliberately not counted as shadowing: a route that delegates (its traffic falls through when the
 * delegate's routes do not take it, or when the delegate is missing); and, in a delegate VirtualService
 * (no hosts), any covering other than identical matches, because Istio drops delegate routes that conflict
 * with the root's match and a more general route may be dropped while a narrower one survives. TLS and TCP
 * match conditions partly become filter-chain matches, where the most specific wins rather than the first, so
 * only identical matches count there (a TCP route without matches still ends the list).
 */
final class RouteShadowing {

  /** A route list of a VirtualService: {@code http}, {@code tcp} or {@code tls}. */
  static final List<String> SECTIONS = List.of("http", "tcp", "tls");

  /** A route that can never be reached, and the earlier routes that take its traffic. */
  record UnreachableRoute(YamlPath path, String label, boolean afterCatchAll, List<String> takenBy) {}

  /** A match that adds nothing, and the earlier match that takes its traffic. */
  record IneffectiveMatch(YamlPath path, YamlPath coveredBy, String coveredByLabel, boolean identical, boolean sameRoute) {}

  record Result(List<UnreachableRoute> routes, List<IneffectiveMatch> matches) {}

  private static final Set<String> HTTP_CONDITIONS = Set.of("uri", "scheme", "method", "authority", "headers",
      "withoutHeaders", "queryParams", "port", "sourceLabels", "sourceNamespace", "gateways", "ignoreUriCase");
  /** Fields of an HTTP match that do not decide which requests it accepts. */
  private static final Set<String> HTTP_LABELS = Set.of("name", "statPrefix");

  private static final JsonNode EMPTY_MATCH = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();

  private RouteShadowing() {}

  static Result analyze(Resource vs) {
    JsonNode spec = vs.spec();
    boolean delegate = Json.items(spec.path("hosts")).isEmpty();
    Set<String> vsGateways = gateways(spec.path("gateways"), vs.namespace(), Set.of());
    List<UnreachableRoute> routes = new ArrayList<>();
    List<IneffectiveMatch> matches = new ArrayList<>();
    for (String section : SECTIONS) {
      analyzeSection(vs, section, delegate, vsGateways, routes, matches);
    }
    return new Result(List.copyOf(routes), List.copyOf(matches));
  }

  /** A match of an earlier route; its route's label is only worded when it takes a later route's traffic. */
  private record Earlier(YamlPath path, YamlPath routePath, JsonNode route, JsonNode match) {
    String routeLabel() {
      return label(routePath, route);
    }
  }

  private static void analyzeSection(Resource vs, String section, boolean delegate, Set<String> vsGateways,
      List<UnreachableRoute> routes, List<IneffectiveMatch> out) {
    List<JsonNode> list = Json.items(vs.spec().path(section));
    boolean http = section.equals("http");
    // TLS routes must have matches (the schema requires them); a match-less one is a schema error, not a catch-all.
    boolean catchAllPossible = !section.equals("tls");
    // The route without matches that takes all later traffic: worded only when a later route exists.
    YamlPath catchAllPath = null;
    JsonNode catchAll = null;
    List<Earlier> earlier = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode route = list.get(i);
      YamlPath routePath = YamlPath.of("spec", section, i);
      if (!route.isObject()) {
        continue;
      }
      if (catchAll != null) {
        routes.add(new UnreachableRoute(routePath, label(routePath, route), true, List.of(label(catchAllPath, catchAll))));
        continue;
      }
      JsonNode match = route.path("match");
      boolean shadows = !route.has("delegate");
      if (match.isMissingNode() || match.isNull() || (match.isArray() && match.isEmpty())) {
        // A route without matches accepts what an empty match accepts: an earlier match without conditions takes it all.
        Earlier taker = http && !delegate ? earlier.stream()
            .filter(e -> httpCovers(e.match(), EMPTY_MATCH, vsGateways, vs.namespace())).findFirst().orElse(null) : null;
        if (taker != null) {
          routes.add(new UnreachableRoute(routePath, label(routePath, route), false, List.of(taker.routeLabel())));
        } else if (catchAllPossible && shadows) {
          catchAllPath = routePath;
          catchAll = route;
        }
        continue;
      }
      List<JsonNode> own = Json.items(match);
      Earlier[] byEarlierRoute = new Earlier[own.size()];
      int[] bySibling = new int[own.size()];
      boolean[] siblingIdentical = new boolean[own.size()];
      boolean[] earlierIdentical = new boolean[own.size()];
      for (int m = 0; m < own.size(); m++) {
        bySibling[m] = -1;
        JsonNode later = own.get(m);
        if (!later.isObject()) {
          continue;
        }
        for (Earlier e : earlier) {
          boolean same = identical(e.match(), later, http);
          if (same || (http && !delegate && httpCovers(e.match(), later, vsGateways, vs.namespace()))) {
            byEarlierRoute[m] = e;
            earlierIdentical[m] = same;
            break;
          }
        }
        for (int s = 0; s < m && byEarlierRoute[m] == null; s++) {
          boolean same = identical(own.get(s), later, http);
          if (same || (http && !delegate && own.get(s).isObject() && httpCovers(own.get(s), later, vsGateways, vs.namespace()))) {
            bySibling[m] = s;
            siblingIdentical[m] = same;
            break;
          }
        }
      }
      Set<String> takers = new LinkedHashSet<>();
      boolean unreachable = !own.isEmpty();
      for (int m = 0; m < own.size() && unreachable; m++) {
        Earlier taker = byEarlierRoute[m] != null ? byEarlierRoute[m] : bySibling[m] >= 0 ? byEarlierRoute[bySibling[m]] : null;
        if (taker == null) {
          unreachable = false;
        } else {
          takers.add(taker.routeLabel());
        }
      }
      if (unreachable) {
        routes.add(new UnreachableRoute(routePath, label(routePath, route), false, List.copyOf(takers)));
      } else {
        for (int m = 0; m < own.size(); m++) {
          YamlPath matchPath = routePath.field("match").index(m);
          if (byEarlierRoute[m] != null) {
            out.add(new IneffectiveMatch(matchPath, byEarlierRoute[m].path(), byEarlierRoute[m].routeLabel(), earlierIdentical[m], false));
          } else if (bySibling[m] >= 0) {
            out.add(new IneffectiveMatch(matchPath, routePath.field("match").index(bySibling[m]), label(routePath, route),
                siblingIdentical[m], true));
          }
        }
      }
      if (shadows) {
        for (int m = 0; m < own.size(); m++) {
          if (own.get(m).isObject()) {
            earlier.add(new Earlier(routePath.field("match").index(m), routePath, route, own.get(m)));
          }
        }
      }
    }
  }

  /** {@code spec.http[2]}, with its name when it has one: {@code spec.http[2] (`v2-route`)}. */
  static String label(YamlPath path, JsonNode route) {
    String name = Json.text(route.path("name"), "");
    return name.isEmpty() ? path.toString() : path + " (`" + name + "`)";
  }

  private static boolean identical(JsonNode a, JsonNode b, boolean http) {
    if (!a.isObject() || !b.isObject()) {
      return false;
    }
    if (!http) {
      return a.equals(b);
    }
    return withoutLabels(a).equals(withoutLabels(b));
  }

  private static JsonNode withoutLabels(JsonNode match) {
    var copy = ((tools.jackson.databind.node.ObjectNode) match).deepCopy();
    copy.remove(HTTP_LABELS);
    return copy;
  }

  /** True when every request {@code later} accepts is accepted by {@code earlier} (HTTP match requests). */
  static boolean httpCovers(JsonNode earlier, JsonNode later, Set<String> vsGateways, String namespace) {
    for (JsonNode m : List.of(earlier, later)) {
      var names = m.propertyNames().iterator();
      while (names.hasNext()) {
        String f = names.next();
        if (!HTTP_CONDITIONS.contains(f) && !HTTP_LABELS.contains(f)) {
          return false; // a field we do not know the meaning of
        }
      }
    }
    boolean earlierIgnoresCase = earlier.path("ignoreUriCase").asBoolean(false);
    boolean laterIgnoresCase = later.path("ignoreUriCase").asBoolean(false);
    if (!covers(earlier.path("uri"), later.path("uri"), earlierIgnoresCase, laterIgnoresCase)) {
      return false;
    }
    for (String f : List.of("scheme", "method", "authority")) {
      if (!covers(earlier.path(f), later.path(f), false, false)) {
        return false;
      }
    }
    if (!headersCover(earlier.path("headers"), later.path("headers"))
        || !withoutCovers(earlier.path("withoutHeaders"), later.path("withoutHeaders"))
        || !queryCovers(earlier.path("queryParams"), later.path("queryParams"))) {
      return false;
    }
    if (present(earlier.path("port")) && !earlier.path("port").equals(later.path("port"))) {
      return false;
    }
    if (present(earlier.path("sourceNamespace")) && !earlier.path("sourceNamespace").equals(later.path("sourceNamespace"))) {
      return false;
    }
    JsonNode labels = earlier.path("sourceLabels");
    if (present(labels)) {
      if (!labels.isObject() || !later.path("sourceLabels").isObject()) {
        return false;
      }
      Map<String, String> wanted = Json.stringMap(labels);
      Map<String, String> have = Json.stringMap(later.path("sourceLabels"));
      if (!have.entrySet().containsAll(wanted.entrySet())) {
        return false;
      }
    }
    Set<String> laterGateways = gateways(later.path("gateways"), namespace, vsGateways);
    laterGateways.retainAll(vsGateways);
    Set<String> earlierGateways = gateways(earlier.path("gateways"), namespace, vsGateways);
    // A match whose gateways the VirtualService is not bound to never applies: that is not shadowing.
    return !laterGateways.isEmpty() && earlierGateways.containsAll(laterGateways);
  }

  private static boolean present(JsonNode n) {
    return !n.isMissingNode() && !n.isNull();
  }

  /**
   * The gateways a list names, normalised to {@code ns/name} (or {@code mesh}); {@code fallback} when the
   * list is absent or empty (a VirtualService without gateways is bound to {@code mesh}).
   */
  static Set<String> gateways(JsonNode list, String namespace, Set<String> fallback) {
    Set<String> names = new HashSet<>();
    for (String ref : GatewayRefs.names(list)) {
      // Read as istiod reads them (./name, name.ns, ns/name), so two spellings of one Gateway compare equal.
      names.add(ref.equals(GatewayRefs.MESH) ? ref
          : GatewayRefs.parse(YamlPath.ROOT, ref, namespace).map(GatewayRefs.GatewayRef::key).orElse(ref));
    }
    if (!names.isEmpty()) {
      return names;
    }
    return fallback.isEmpty() ? new HashSet<>(Set.of("mesh")) : new HashSet<>(fallback);
  }

  /** Every header the earlier match requires is required by the later one with a condition at most as general. */
  private static boolean headersCover(JsonNode earlier, JsonNode later) {
    return everyEntryCovered(earlier, later, (e, l) -> present(l) && headerCovers(e, l));
  }

  /**
   * {@code withoutHeaders} read the other way round: every header the earlier match excludes must be excluded
   * by the later one with a condition at least as general (it then accepts only requests the earlier accepts).
   */
  private static boolean withoutCovers(JsonNode earlier, JsonNode later) {
    return everyEntryCovered(earlier, later, (e, l) -> present(l) && headerCovers(l, e));
  }

  /**
   * True when {@code earlier} is absent, or both are maps and each entry of {@code earlier} meets {@code covers}
   * with the entry of the same key in {@code later} (a missing node when there is none).
   */
  private static boolean everyEntryCovered(JsonNode earlier, JsonNode later, BiPredicate<JsonNode, JsonNode> covers) {
    if (!present(earlier)) {
      return true;
    }
    if (!earlier.isObject() || !later.isObject()) {
      return false;
    }
    for (var e : earlier.properties()) {
      if (!covers.test(e.getValue(), later.path(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** A header condition: {@code {}} (or regex {@code *}) only asks for the header to be present. */
  private static boolean headerCovers(JsonNode general, JsonNode specific) {
    if (isPresence(general)) {
      return isPresence(specific) || StringMatch.of(specific) != null;
    }
    return covers(general, specific, false, false);
  }

  private static boolean isPresence(JsonNode m) {
    return m.isObject() && (m.isEmpty() || (m.size() == 1 && "*".equals(Json.text(m.path("regex"), null))));
  }

  /** Query parameters: only identical conditions (Istio's handling of the other forms is not exact enough to reason about). */
  private static boolean queryCovers(JsonNode general, JsonNode specific) {
    return everyEntryCovered(general, specific, JsonNode::equals);
  }

  /** One of {@code exact}, {@code prefix}, {@code regex} with a string value. */
  private record StringMatch(String type, String value) {
    static StringMatch of(JsonNode n) {
      if (!n.isObject() || n.size() != 1) {
        return null;
      }
      String type = n.propertyNames().iterator().next();
      JsonNode v = n.get(type);
      return v.isString() && Set.of("exact", "prefix", "regex").contains(type) ? new StringMatch(type, v.asString("")) : null;
    }
  }

  /**
   * True when {@code general} accepts every value {@code specific} accepts. An absent general condition accepts
   * everything; a prefix covers a longer prefix or an exact value that starts with it; a regex covers only the
   * same regex. A case-insensitive condition covers its case-sensitive twin, never the other way round.
   */
  private static boolean covers(JsonNode general, JsonNode specific, boolean generalIgnoresCase, boolean specificIgnoresCase) {
    if (!present(general)) {
      return true;
    }
    StringMatch g = StringMatch.of(general);
    StringMatch s = StringMatch.of(specific);
    if (g == null || s == null) {
      return general.equals(specific) && generalIgnoresCase == specificIgnoresCase;
    }
    if (g.type().equals("regex") || s.type().equals("regex")) {
      return g.equals(s) && generalIgnoresCase == specificIgnoresCase;
    }
    if (specificIgnoresCase && !generalIgnoresCase) {
      return false;
    }
    String gv = generalIgnoresCase ? g.value().toLowerCase(Locale.ROOT) : g.value();
    String sv = generalIgnoresCase ? s.value().toLowerCase(Locale.ROOT) : s.value();
    if (g.type().equals("exact")) {
      return s.type().equals("exact") && gv.equals(sv);
    }
    return sv.startsWith(gv);
  }
}
