package io.istiolint.rules.validation;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.StandaloneRule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IL0009: a regex Istio or Envoy evaluates with RE2 that RE2 cannot compile, that is empty or over Istio's
 * 1024-character limit: VirtualService match conditions (uri, scheme, method, authority, headers,
 * queryParams, withoutHeaders), CORS allowOrigins, uriRegexRewrite.match, EnvoyFilter
 * {@code match.proxy.proxyVersion}, and {@code safe_regex} matchers inside EnvoyFilter patch values.
 *
 * <p>Istio refuses most of these at admission; it only warns about a proxyVersion over 1024 characters,
 * but such a patch never applies, so it is reported too. Envoy regexes inside patches are not checked by
 * Istio at all: Envoy rejects the whole configuration update that carries them.
 */
public final class InvalidRegex implements StandaloneRule {

  public static final RuleMeta META = new RuleMeta("IL0009", "invalid-regex", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE, Kind.ENVOY_FILTER), Set.of(),
      "A regex Istio or Envoy evaluates with RE2 does not compile under RE2 (look-arounds, back-references,"
          + " possessive quantifiers), is empty, or is longer than 1024 characters",
      "Rewrite the regex in RE2 syntax (https://github.com/google/re2/wiki/Syntax); the message names the position",
      List.of("IST0106"));

  /** The longest regex Istio accepts (and the longest proxyVersion istiod evaluates). */
  public static final int MAX_LENGTH = 1024;

  /** Envoy fields holding a RegexMatcher ({@code regex: ...}), in proto and JSON spelling. */
  private static final Set<String> REGEX_MATCHERS = Set.of("safe_regex", "safeRegex", "safe_regex_match", "safeRegexMatch");
  /** Envoy fields holding a RegexMatchAndSubstitute, whose {@code pattern} is a RegexMatcher. */
  private static final Set<String> REGEX_SUBSTITUTIONS = Set.of("regex_rewrite", "regexRewrite", "host_rewrite_path_regex",
      "hostRewritePathRegex");
  private static final List<String> STRING_MATCHES = List.of("uri", "scheme", "method", "authority");
  private static final List<String> STRING_MATCH_MAPS = List.of("headers", "queryParams", "withoutHeaders");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    if (!IstioValidation.served(target, ctx)) {
      return;
    }
    if (target.kind().equals(Kind.VIRTUAL_SERVICE)) {
      virtualService(target, ctx);
    } else {
      envoyFilter(target, ctx);
    }
  }

  private static void virtualService(Resource target, RuleContext ctx) {
    YamlPath spec = YamlPath.of("spec");
    List<JsonNode> http = Json.items(target.spec().path("http"));
    for (int i = 0; i < http.size(); i++) {
      JsonNode route = http.get(i);
      YamlPath rp = spec.field("http").index(i);
      List<JsonNode> matches = Json.items(route.path("match"));
      for (int j = 0; j < matches.size(); j++) {
        JsonNode m = matches.get(j);
        YamlPath mp = rp.field("match").index(j);
        for (String field : STRING_MATCHES) {
          stringMatch(target, ctx, m.path(field), mp.field(field), field);
        }
        for (String field : STRING_MATCH_MAPS) {
          JsonNode map = m.path(field);
          if (!map.isObject()) {
            continue;
          }
          for (Map.Entry<String, JsonNode> e : map.properties()) {
            // In withoutHeaders, regex `*` is not a regex: Istio turns it into "header present".
            if (field.equals("withoutHeaders") && "*".equals(Fields.text(e.getValue(), "regex"))) {
              continue;
            }
            stringMatch(target, ctx, e.getValue(), mp.field(field).field(e.getKey()), field + " `" + e.getKey() + "`");
          }
        }
      }
      List<JsonNode> origins = Json.items(route.path("corsPolicy").path("allowOrigins"));
      for (int k = 0; k < origins.size(); k++) {
        stringMatch(target, ctx, origins.get(k), rp.field("corsPolicy").field("allowOrigins").index(k), "CORS allowOrigins");
      }
      JsonNode rewrite = route.path("rewrite").path("uriRegexRewrite");
      String match = Fields.text(rewrite, "match");
      if (match != null && !match.isEmpty()) {
        regex(target, ctx, match, rp.field("rewrite").field("uriRegexRewrite").field("match"), "uriRegexRewrite match");
      }
    }
  }

  private static void stringMatch(Resource target, RuleContext ctx, JsonNode sm, YamlPath at, String what) {
    String regex = Fields.text(sm, "regex");
    if (regex == null) {
      return;
    }
    if (regex.isEmpty()) {
      ctx.report(target, at.field("regex"), "the " + what + " regex is empty", "give a regex, or use `prefix` or `exact`");
      return;
    }
    regex(target, ctx, regex, at.field("regex"), what);
  }

  private static void regex(Resource target, RuleContext ctx, String regex, YamlPath at, String what) {
    if (regex.length() > MAX_LENGTH) {
      ctx.report(target, at, "the " + what + " regex is " + regex.length() + " characters long; Istio allows at most " + MAX_LENGTH,
          "shorten it, e.g. by matching a common prefix with `prefix` and less in the regex");
      return;
    }
    Re2.Problem problem = Re2.check(regex);
    if (problem != null) {
      ctx.report(target, at, "the " + what + " regex `" + regex + "` is not valid RE2: " + problem.description()
          + (problem.position() > 0 ? " at character " + problem.position() : ""), problem.hint());
    }
  }

  private static void envoyFilter(Resource target, RuleContext ctx) {
    YamlPath spec = YamlPath.of("spec");
    List<JsonNode> patches = Json.items(target.spec().path("configPatches"));
    for (int i = 0; i < patches.size(); i++) {
      JsonNode patch = patches.get(i);
      YamlPath pp = spec.field("configPatches").index(i);
      String version = Fields.text(patch.path("match").path("proxy"), "proxyVersion");
      if (version != null && !version.isEmpty()) {
        YamlPath at = pp.field("match").field("proxy").field("proxyVersion");
        if (version.length() > MAX_LENGTH) {
          ctx.report(target, at, "proxyVersion is " + version.length() + " characters long; over " + MAX_LENGTH
              + " Istio ignores the regex and the patch never applies", "match the versions with a short regex, e.g. `^1\\.(29|30)\\.`");
        } else {
          regex(target, ctx, version, at, "proxyVersion");
        }
      }
      envoyRegexes(target, ctx, patch.path("patch").path("value"), pp.field("patch").field("value"), null);
    }
  }

  /** Envoy RegexMatcher values inside a patch: {@code safe_regex}, {@code safe_regex_match}, {@code regex_rewrite.pattern}. */
  private static void envoyRegexes(Resource target, RuleContext ctx, JsonNode node, YamlPath at, String parentKey) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        envoyRegexes(target, ctx, node.get(i), at.index(i), parentKey);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      boolean matcher = REGEX_MATCHERS.contains(key) || (key.equals("pattern") && REGEX_SUBSTITUTIONS.contains(parentKey));
      String regex = matcher ? Fields.text(e.getValue(), "regex") : null;
      if (regex != null) {
        YamlPath rp = at.field(key).field("regex");
        Re2.Problem problem = Re2.check(regex);
        if (problem != null) {
          ctx.report(target, rp, "Envoy regex `" + regex + "` is not valid RE2: " + problem.description()
              + (problem.position() > 0 ? " at character " + problem.position() : "") + "; Envoy rejects the configuration that carries it",
              problem.hint());
        }
      } else {
        envoyRegexes(target, ctx, e.getValue(), at.field(key), key);
      }
    }
  }
}
