package io.istiolint.rules.validation;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import io.istiolint.schemas.Suggestions;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Istio's admission checks of one http route of a VirtualService: route actions, matches, header
 * operations, CORS, fault injection, mirroring, redirects, direct responses, retries, rewrites, destinations.
 */
final class HttpRouteChecks {

  private HttpRouteChecks() {}

  private static final Set<String> GRPC_STATUS = Set.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
      "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED");

  private static final Set<String> CORS_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE");

  private static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "reset-before-request", "connect-failure",
      "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers", "envoy-ratelimited",
      "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable");

  /** The status codes Go's net/http names, which is what Istio accepts as a numeric retryOn entry. */
  private static final Set<Integer> HTTP_STATUS = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
      300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415,
      416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511);

  private static final long MAX_BODY = 1024 * 1024;

  static void check(Problems p, JsonNode r, YamlPath rp, boolean delegateVs, boolean appliesToGateway) {
    conflicts(p, r, rp, delegateVs);
    List<JsonNode> matches = Json.items(r.path("match"));
    for (int j = 0; j < matches.size(); j++) {
      if (matches.get(j).isObject()) {
        match(p, matches.get(j), rp.field("match").index(j), appliesToGateway);
      }
    }
    headerOperations(p, r, rp);
    authorityRewrites(p, r, rp);
    cors(p, r.path("corsPolicy"), rp.field("corsPolicy"));
    fault(p, r.path("fault"), rp.field("fault"));
    mirror(p, r, rp);
    redirect(p, r, rp);
    directResponse(p, r.path("directResponse"), rp.field("directResponse"));
    retries(p, r.path("retries"), rp.field("retries"));
    rewrite(p, r, rp);
    httpDestinations(p, r, rp);
    CommonChecks.duration(p, r, "timeout", rp, false);
  }

  private static void conflicts(Problems p, JsonNode r, YamlPath rp, boolean delegateVs) {
    boolean routes = Fields.nonEmpty(r, "route");
    if (!delegateVs && Fields.set(r, "delegate")) {
      for (String field : List.of("redirect", "route")) {
        if (field.equals("route") ? routes : Fields.set(r, field)) { // `route: []` is no route to Istio
          p.report(rp.field(field).key(), "an http route that delegates cannot also have `" + field + "`",
              "the delegate VirtualService routes this traffic: remove `" + field + "` or `delegate`");
        }
      }
      return;
    }
    if (delegateVs && Fields.set(r, "delegate")) {
      p.report(rp.field("delegate").key(), "a delegate VirtualService cannot delegate again", "delegation is one level deep: route here instead");
    }
    boolean redirect = Fields.set(r, "redirect");
    boolean direct = Fields.set(r, "directResponse");
    if (redirect || direct) {
      String what = redirect ? "redirect" : "directResponse";
      for (String field : redirect ? List.of("route", "fault", "rewrite", "directResponse") : List.of("route", "fault", "rewrite")) {
        if (field.equals("route") ? routes : Fields.set(r, field)) {
          p.report(rp.field(field).key(), "an http route with `" + what + "` cannot also have `" + field + "`",
              "`" + what + "` answers the request itself: remove one of them, or split them into two routes");
        }
      }
    } else if (!routes && !Fields.set(r, "delegate")) {
      p.report(rp, "the http route has no `route`, `redirect` or `directResponse`", "add a `route` with a destination");
    }
    if (Fields.set(r, "mirror") && Fields.nonEmpty(r, "mirrors")) {
      p.report(rp.field("mirrors").key(), "an http route cannot have both `mirror` and `mirrors`", "move the `mirror` destination into `mirrors`");
    }
  }

  private static void match(Problems p, JsonNode m, YamlPath mp, boolean appliesToGateway) {
    for (String field : List.of("headers", "withoutHeaders")) {
      for (Map.Entry<String, JsonNode> e : Fields.entries(m, field)) {
        YamlPath hp = mp.field(field).field(e.getKey());
        String name = e.getKey();
        if (Syntax.isJwtClaim(name)) {
          if (!appliesToGateway) {
            p.report(hp.key(), "JWT claim routing (`" + name + "`) only works at a gateway, and this VirtualService applies to the mesh",
                "bind the VirtualService to an ingress Gateway with `gateways`, where a RequestAuthentication validates the token");
          }
        } else if (name.isEmpty()) {
          p.report(hp.key(), "a header match has an empty header name", "name the header to match");
        } else if (!Syntax.isHeaderToken(name) && !Syntax.PSEUDO_HEADERS.contains(name)) {
          p.report(hp.key(), "`" + name + "` is not a valid header name", "header names are letters, digits and `-`, e.g. `x-user`");
        }
        emptyPrefix(p, e.getValue(), hp);
      }
    }
    for (String field : List.of("scheme", "method", "authority")) {
      if (m.has(field)) {
        emptyPrefix(p, m.path(field), mp.field(field));
      }
    }
    for (Map.Entry<String, JsonNode> e : Fields.entries(m, "queryParams")) {
      emptyPrefix(p, e.getValue(), mp.field("queryParams").field(e.getKey()));
    }
    CommonChecks.optionalPort(p, m, "port", mp, "match port");
    CommonChecks.labelMap(p, m, "sourceLabels", mp);
    VirtualServiceChecks.gatewayNames(p, m, mp);
    String sourceNamespace = Fields.text(m, "sourceNamespace");
    if (sourceNamespace != null && !sourceNamespace.isEmpty() && !Syntax.isDnsLabel(sourceNamespace)) {
      p.report(mp.field("sourceNamespace"), "sourceNamespace `" + sourceNamespace + "` is not a valid namespace name", "name one namespace");
    }
  }

  /** An empty {@code prefix} matches everything; Envoy refuses it everywhere but in {@code uri}. */
  private static void emptyPrefix(Problems p, JsonNode sm, YamlPath at) {
    String prefix = Fields.text(sm, "prefix");
    if (prefix != null && prefix.isEmpty()) {
      p.report(at.field("prefix"), "an empty prefix match is not allowed here", "give a prefix, or remove the condition to match any value");
    }
  }

  private static void headerOperations(Problems p, JsonNode owner, YamlPath at) {
    JsonNode headers = owner.path("headers");
    if (!headers.isObject()) {
      return;
    }
    YamlPath hp = at.field("headers");
    for (String side : List.of("request", "response")) {
      JsonNode ops = headers.path(side);
      YamlPath op = hp.field(side);
      for (String kind : List.of("add", "set")) {
        for (Map.Entry<String, JsonNode> e : Fields.entries(ops, kind)) {
          headerName(p, e.getKey(), op.field(kind).field(e.getKey()).key(), side.equals("request"));
          if (e.getValue().isString()) {
            String problem = Syntax.headerValue(e.getValue().asString(""));
            if (problem != null) {
              p.report(op.field(kind).field(e.getKey()), "header value of `" + e.getKey() + "` is not valid for Envoy: " + problem,
                  "write `%%` for a literal percent sign; variables look like `%DOWNSTREAM_REMOTE_ADDRESS%`");
            }
          }
        }
      }
      List<JsonNode> remove = Json.items(ops.path("remove"));
      for (int i = 0; i < remove.size(); i++) {
        if (remove.get(i).isString()) {
          headerName(p, remove.get(i).asString(""), op.field("remove").index(i), false);
        }
      }
    }
  }

  private static void headerName(Problems p, String name, YamlPath at, boolean requestAddOrSet) {
    if (name.isEmpty()) {
      p.report(at, "a header operation has an empty header name", "name the header");
      return;
    }
    boolean authority = name.equalsIgnoreCase(":authority") || name.equalsIgnoreCase("host");
    if (requestAddOrSet && authority) {
      return;
    }
    if (name.equalsIgnoreCase("host")) {
      p.report(at, "the `Host` header cannot be " + (requestAddOrSet ? "changed" : "removed or set") + " here",
          "rewrite the authority in the request headers or with `rewrite.authority`");
    } else if (name.startsWith(":")) {
      p.report(at, "pseudo-header `" + name + "` cannot be modified", requestAddOrSet
          ? "only `:authority` can be set on requests" : "remove this header operation");
    }
  }

  /**
   * The authority may be rewritten once per http route: {@code rewrite.authority}, or one request set/add of
   * {@code :authority}/{@code host}. Istio checks the route's own headers only, not those of each destination.
   */
  private static void authorityRewrites(Problems p, JsonNode owner, YamlPath at) {
    List<YamlPath> places = new ArrayList<>();
    String rewrite = Fields.text(owner.path("rewrite"), "authority");
    if (rewrite != null && !rewrite.isEmpty()) {
      places.add(at.field("rewrite").field("authority"));
    }
    for (String kind : List.of("set", "add")) {
      for (Map.Entry<String, JsonNode> e : Fields.entries(owner.path("headers").path("request"), kind)) {
        if (e.getKey().equalsIgnoreCase(":authority") || e.getKey().equalsIgnoreCase("host")) {
          places.add(at.field("headers").field("request").field(kind).field(e.getKey()).key());
        }
      }
    }
    if (places.size() > 1) {
      p.report(places.get(1), "the authority is rewritten more than once (also at " + places.get(0) + ")", "rewrite it in one place only");
    }
  }

  private static void cors(Problems p, JsonNode cors, YamlPath at) {
    if (!cors.isObject()) {
      return;
    }
    List<JsonNode> origins = Json.items(cors.path("allowOrigins"));
    for (int i = 0; i < origins.size(); i++) {
      JsonNode o = origins.get(i);
      if (!o.isObject() || Fields.set(o, "regex")) {
        continue; // an empty or invalid regex is IL0009's
      }
      String field = Fields.set(o, "exact") ? "exact" : Fields.set(o, "prefix") ? "prefix" : null;
      if (field == null || Fields.string(o, field).isEmpty()) {
        p.report(field == null ? at.field("allowOrigins").index(i) : at.field("allowOrigins").index(i).field(field),
            "a CORS allowOrigins entry has no origin", "give an origin, e.g. `exact: https://example.com`");
      }
    }
    List<JsonNode> methods = Json.items(cors.path("allowMethods"));
    for (int i = 0; i < methods.size(); i++) {
      if (methods.get(i).isString() && !CORS_METHODS.contains(methods.get(i).asString("")) && !methods.get(i).asString("").equals("*")) {
        String m = methods.get(i).asString("");
        p.report(at.field("allowMethods").index(i), "`" + m + "` is not an HTTP method CORS can allow",
            Suggestions.didYouMeanClosest(m, CORS_METHODS)
                .orElse("use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, CONNECT or TRACE (upper case), or `*`"));
      }
    }
    for (String field : List.of("allowHeaders", "exposeHeaders")) {
      List<JsonNode> names = Json.items(cors.path(field));
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).isString()) {
          String n = names.get(i).asString("");
          if (n.isEmpty() || (!n.equals("*") && !Syntax.isHeaderToken(n))) {
            p.report(at.field(field).index(i), n.isEmpty() ? field + " has an empty header name" : "`" + n + "` in " + field + " is not a valid header name",
                "list header names, or `*`");
          }
        }
      }
    }
    String maxAge = Fields.text(cors, "maxAge");
    if (maxAge != null) {
      String problem = Syntax.duration(maxAge, false);
      var nanos = Syntax.durationNanos(maxAge);
      if (problem != null) {
        p.report(at.field("maxAge"), "maxAge: " + problem, Syntax.DURATION_HINT);
      } else if (nanos != null && nanos.remainder(BigDecimal.valueOf(1_000_000_000L)).signum() != 0) {
        p.report(at.field("maxAge"), "maxAge `" + maxAge + "` has a fraction of a second, which CORS cannot express",
            "use whole seconds, e.g. `24h` or `600s`");
      }
    }
  }

  private static void fault(Problems p, JsonNode fault, YamlPath at) {
    if (!fault.isObject()) {
      return;
    }
    JsonNode abort = fault.path("abort");
    JsonNode delay = fault.path("delay");
    if (!Fields.set(fault, "abort") && !Fields.set(fault, "delay")) {
      p.report(at, "fault injection has neither `abort` nor `delay`", "add an abort or a delay, or remove `fault`");
    }
    if (abort.isObject()) {
      YamlPath ap = at.field("abort");
      CommonChecks.percentage(p, abort, "percentage", ap);
      if (Fields.set(abort, "grpcStatus")) {
        String status = Fields.text(abort, "grpcStatus");
        if (status != null && !GRPC_STATUS.contains(status)) {
          p.report(ap.field("grpcStatus"), "`" + status + "` is not a gRPC status code name",
              Suggestions.didYouMeanClosest(status.toUpperCase(Locale.ROOT), GRPC_STATUS)
                  .orElse("use a name such as `UNAVAILABLE` or `NOT_FOUND`"));
        }
      } else if (Fields.set(abort, "http2Error")) {
        p.report(ap.field("http2Error").key(), "HTTP/2 error aborts are not supported by Istio", "abort with `httpStatus` or `grpcStatus`");
      } else {
        Long status = Fields.integer(abort, "httpStatus");
        if (status != null && (status < 200 || status > 600)) {
          p.report(ap.field("httpStatus"), "abort httpStatus " + status + " is not in 200..600", "use an HTTP status such as 503");
        }
      }
    }
    if (delay.isObject()) {
      YamlPath dp = at.field("delay");
      CommonChecks.percentage(p, delay, "percentage", dp);
      CommonChecks.duration(p, delay, "fixedDelay", dp, false);
      if (Fields.set(delay, "exponentialDelay")) {
        p.report(dp.field("exponentialDelay").key(), "exponentialDelay is not supported by Istio", "use `fixedDelay`");
      }
    }
  }

  private static void mirror(Problems p, JsonNode r, YamlPath rp) {
    for (String field : List.of("mirrorPercent", "mirror_percent")) {
      Long v = Fields.integer(r, field);
      if (v != null && v > 100) {
        p.report(rp.field(field), field + " " + v + " is over 100", "use `mirrorPercentage: {value: N}` with N from 0 to 100");
      }
    }
    Double pct = Fields.number(r.path("mirrorPercentage"), "value");
    if (pct != null && (pct < 0 || pct > 100)) {
      p.report(rp.field("mirrorPercentage").field("value"), "mirrorPercentage " + pct + " is not within 0..100", "give a percentage from 0 to 100");
    }
    CommonChecks.destination(p, r.path("mirror"), rp.field("mirror"));
    List<JsonNode> mirrors = Json.items(r.path("mirrors"));
    for (int i = 0; i < mirrors.size(); i++) {
      JsonNode m = mirrors.get(i);
      YamlPath mp = rp.field("mirrors").index(i);
      CommonChecks.destination(p, m.path("destination"), mp.field("destination"));
      Double v = Fields.number(m.path("percentage"), "value");
      if (v != null && (v < 0 || v > 100)) {
        p.report(mp.field("percentage").field("value"), "mirror percentage " + v + " is not within 0..100", "give a percentage from 0 to 100");
      }
    }
  }

  private static void redirect(Problems p, JsonNode r, YamlPath rp) {
    JsonNode redirect = r.path("redirect");
    if (!redirect.isObject()) {
      return;
    }
    YamlPath at = rp.field("redirect");
    String uri = Fields.string(redirect, "uri");
    String prefixRewrite = Fields.string(redirect, "prefixRewrite");
    if (uri.isEmpty() && prefixRewrite.isEmpty() && Fields.string(redirect, "authority").isEmpty() && Fields.string(redirect, "scheme").isEmpty()
        && !Fields.set(redirect, "port") && !Fields.set(redirect, "derivePort")) {
      p.report(at, "the redirect changes nothing: it sets none of uri, prefixRewrite, authority, scheme or port", "say where to redirect to");
      return;
    }
    if (!uri.isEmpty() && !prefixRewrite.isEmpty()) {
      p.report(at.field("prefixRewrite").key(), "a redirect cannot have both `uri` and `prefixRewrite`", "keep one of them");
    } else if (!prefixRewrite.isEmpty()) {
      List<JsonNode> matches = Json.items(r.path("match"));
      for (int j = 0; j < matches.size(); j++) {
        JsonNode u = matches.get(j).path("uri");
        if (u.isObject() && !Fields.set(u, "prefix")) {
          p.report(rp.field("match").index(j).field("uri"), "`redirect.prefixRewrite` needs the route's uri matches to be prefix matches",
              "match the uri with `prefix`, or redirect with `uri`");
        }
      }
    }
    Long code = Fields.integer(redirect, "redirectCode");
    if (code != null && code != 0 && (code < 300 || code > 399)) {
      p.report(at.field("redirectCode"), "redirectCode " + code + " is not a 3xx status", "use 301, 302, 303, 307 or 308");
    }
    String scheme = Fields.string(redirect, "scheme");
    if (!scheme.isEmpty() && !scheme.equals("http") && !scheme.equals("https")) {
      p.report(at.field("scheme"), "redirect scheme `" + scheme + "` is neither `http` nor `https`", "use `http` or `https` (lower case)");
    }
    CommonChecks.optionalPort(p, redirect, "port", at, "redirect port");
  }

  private static void directResponse(Problems p, JsonNode dr, YamlPath at) {
    if (!dr.isObject()) {
      return;
    }
    Long status = Fields.integer(dr, "status");
    if (status != null && (status < 200 || status > 600)) {
      p.report(at.field("status"), "directResponse status " + status + " is not in 200..600", "use an HTTP status such as 200 or 503");
    }
    JsonNode body = dr.path("body");
    String text = Fields.text(body, "string");
    String bytes = Fields.text(body, "bytes");
    long size = text != null ? text.getBytes(StandardCharsets.UTF_8).length : bytes != null ? bytes.length() * 3L / 4 : 0;
    if (size > MAX_BODY) {
      p.report(at.field("body"), "the directResponse body is over 1 MiB (" + size + " bytes)", "serve large bodies from a service");
    }
  }

  private static void retries(Problems p, JsonNode retries, YamlPath at) {
    if (!retries.isObject()) {
      return;
    }
    long attempts = Fields.integerOrZero(retries, "attempts");
    if (attempts < 0) {
      p.report(at.field("attempts"), "retry attempts " + attempts + " is negative", "use 0 to disable retries, or a positive count");
    } else if (attempts == 0 && (Fields.set(retries, "perTryTimeout") || !Fields.string(retries, "retryOn").isEmpty()
        || Fields.set(retries, "retryRemoteLocalities"))) {
      p.report(Fields.set(retries, "attempts") ? at.field("attempts") : at,
          "retries are configured but `attempts` is " + (Fields.set(retries, "attempts") ? "0" : "not set (0)") + ", which disables them",
          "set `attempts` to the number of retries, e.g. `attempts: 3`");
    }
    CommonChecks.duration(p, retries, "perTryTimeout", at, false);
    CommonChecks.duration(p, retries, "backoff", at, false);
    String retryOn = Fields.string(retries, "retryOn");
    if (!retryOn.isEmpty()) {
      for (String policy : retryOn.split(",", -1)) {
        if (!RETRY_ON.contains(policy) && !isHttpStatus(policy)) {
          String trimmed = policy.trim();
          p.report(at.field("retryOn"), "`" + policy + "` in retryOn is not a retry condition",
              !trimmed.equals(policy) && (RETRY_ON.contains(trimmed) || isHttpStatus(trimmed)) ? "remove the spaces: write `5xx,reset`, not `5xx, reset`"
                  : Suggestions.didYouMeanClosest(trimmed, RETRY_ON)
                      .orElse("use conditions such as `5xx`, `connect-failure`, `reset` or a status code"));
        }
      }
    }
  }

  /** Istio reads a numeric entry with Go's Atoi: an optional sign, then decimal digits, leading zeros allowed ({@code +503}, {@code 0503}). */
  private static boolean isHttpStatus(String s) {
    String digits = s.startsWith("+") ? s.substring(1) : s;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    String significant = digits.replaceFirst("^0+(?=.)", "");
    return significant.length() <= 3 && HTTP_STATUS.contains(Integer.parseInt(significant));
  }

  private static void rewrite(Problems p, JsonNode r, YamlPath rp) {
    JsonNode rewrite = r.path("rewrite");
    if (!rewrite.isObject()) {
      return;
    }
    YamlPath at = rp.field("rewrite");
    boolean uri = !Fields.string(rewrite, "uri").isEmpty();
    boolean regex = Fields.set(rewrite, "uriRegexRewrite");
    if (uri && regex) {
      p.report(at.field("uriRegexRewrite").key(), "a rewrite cannot have both `uri` and `uriRegexRewrite`", "keep one of them");
    } else if (!uri && !regex && Fields.string(rewrite, "authority").isEmpty()) {
      p.report(at, "the rewrite changes nothing: it sets none of uri, uriRegexRewrite or authority", "say what to rewrite, or remove `rewrite`");
    }
    JsonNode rr = rewrite.path("uriRegexRewrite");
    if (rr.isObject() && (Fields.string(rr, "match").isEmpty() || Fields.string(rr, "rewrite").isEmpty())) {
      p.report(at.field("uriRegexRewrite"), "uriRegexRewrite needs both `match` and `rewrite`", "give the regex to match and its replacement");
    }
  }

  private static void httpDestinations(Problems p, JsonNode r, YamlPath rp) {
    List<JsonNode> routes = Json.items(r.path("route"));
    for (int k = 0; k < routes.size(); k++) {
      if (routes.get(k).isObject()) {
        headerOperations(p, routes.get(k), rp.field("route").index(k));
      }
    }
    VirtualServiceChecks.destinations(p, routes, rp.field("route"));
  }
}
