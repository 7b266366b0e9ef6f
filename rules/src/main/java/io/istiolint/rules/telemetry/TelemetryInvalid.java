package io.istiolint.rules.telemetry;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.mesh.ExtensionProvider;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.schemas.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IL0706: Telemetry content that Istio rejects or silently ignores and the CRD schema (IL0004) does not
 * catch: selector together with targetRef(s); a tag override that removes with a value or upserts without
 * one, removes a tag the metric does not have, or misspells a standard tag; tag overrides of a disabled metric;
 * a tracing custom tag with no value source or no name; the filter of a disabled access log; a provider used
 * for a signal it cannot serve (a Prometheus provider for tracing). Unknown metric names, a sampling
 * percentage outside 0–100 and custom tags with several sources are schema violations, reported by IL0004.
 */
public final class TelemetryInvalid implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0706", "telemetry-invalid", Severity.ERROR,
      Set.of(Kind.TELEMETRY), Set.of(Kind.CONFIG_MAP, Kind.ISTIO_OPERATOR),
      "Telemetry content Istio rejects or ignores: tag override misuse, empty custom tags, selector with targetRefs, a provider of the wrong kind",
      "Fix the field as the message says; the Telemetry API reference lists what each field accepts",
      List.of("IST0106"));

  /** The labels of Istio's standard metrics. */
  static final List<String> STANDARD_TAGS = List.of("reporter", "source_workload", "source_workload_namespace",
      "source_principal", "source_app", "source_version", "source_canonical_service", "source_canonical_revision",
      "source_cluster", "destination_workload", "destination_workload_namespace", "destination_principal",
      "destination_app", "destination_version", "destination_service", "destination_service_name",
      "destination_service_namespace", "destination_canonical_service", "destination_canonical_revision",
      "destination_cluster", "request_protocol", "response_code", "grpc_response_status", "response_flags",
      "connection_security_policy");

  /** Labels only the HTTP and gRPC metrics carry. */
  private static final Set<String> HTTP_ONLY_TAGS = Set.of("response_code", "grpc_response_status");

  private static final Set<String> TCP_METRICS = Set.of("TCP_OPENED_CONNECTIONS", "TCP_CLOSED_CONNECTIONS", "TCP_SENT_BYTES",
      "TCP_RECEIVED_BYTES");

  private static final List<String> TAG_SOURCES = List.of("literal", "environment", "header", "formatter");

  private static final YamlPath SPEC = YamlPath.of("spec");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    checkAttachment(target, ctx);
    checkMetrics(target, ctx);
    checkTracing(target, ctx);
    checkAccessLogging(target, ctx);
    checkProviderKinds(target, ctx);
  }

  private static void checkAttachment(Resource target, RuleContext ctx) {
    if (Telemetries.scope(target) != Telemetries.Scope.CONFLICTING) {
      return;
    }
    String field = target.spec().has("targetRefs") ? "targetRefs" : "targetRef";
    ctx.report(target, SPEC.field(field).key(), "a Telemetry sets at most one of selector, targetRef and targetRefs;"
        + " Istio rejects this one", "keep one: selector for sidecars, targetRefs for gateways and waypoints");
  }

  private static void checkMetrics(Resource target, RuleContext ctx) {
    List<JsonNode> metrics = Json.items(target.spec().path("metrics"));
    for (int i = 0; i < metrics.size(); i++) {
      List<JsonNode> overrides = Json.items(metrics.get(i).path("overrides"));
      for (int j = 0; j < overrides.size(); j++) {
        JsonNode override = overrides.get(j);
        YamlPath at = SPEC.field("metrics").index(i).field("overrides").index(j);
        JsonNode tags = override.path("tagOverrides");
        if (!tags.isObject() || tags.isEmpty()) {
          continue;
        }
        if (override.path("disabled").asBoolean(false)) {
          ctx.report(target, at.field("tagOverrides").key(), "this override disables the metric, so its tagOverrides do nothing",
              "remove tagOverrides, or drop `disabled: true` to keep the metric with these tags");
          continue;
        }
        String metric = override.path("match").has("customMetric") ? null
            : Json.text(override.path("match").path("metric"), "ALL_METRICS");
        for (Map.Entry<String, JsonNode> tag : tags.properties()) {
          checkTag(target, ctx, at.field("tagOverrides").field(tag.getKey()), tag.getKey(), tag.getValue(), metric);
        }
      }
    }
  }

  private static void checkTag(Resource target, RuleContext ctx, YamlPath at, String name, JsonNode override, String metric) {
    if (name.isEmpty()) {
      ctx.report(target, at.key(), "a tag override has an empty tag name", "name the tag to add, change or remove");
      return;
    }
    if (!override.isObject()) {
      return; // a null or a scalar is a schema violation
    }
    String operation = Json.text(override.path("operation"), "UPSERT");
    boolean hasValue = override.has("value") && !override.path("value").isNull();
    if (operation.equals("REMOVE")) {
      if (hasValue) {
        ctx.report(target, at.field("value").key(), "tag `" + name + "` is removed (operation REMOVE), so it takes no value;"
            + " Istio rejects the Telemetry", "drop `value`, or use operation UPSERT to set the tag");
      } else if (metric != null && TCP_METRICS.contains(metric) && HTTP_ONLY_TAGS.contains(name)) {
        ctx.report(target, at.key(), "TCP metric " + metric + " has no `" + name + "` tag (only HTTP and gRPC metrics do):"
            + " removing it does nothing", "remove this override, or match an HTTP metric such as REQUEST_COUNT");
      } else if (!STANDARD_TAGS.contains(name) && !upsertedAnywhere(name, ctx)) {
        Suggestions.closest(name, STANDARD_TAGS).ifPresent(s -> ctx.report(target, at.key(), "`" + name
            + "` is not a tag of Istio's standard metrics (nor added by a Telemetry): removing it does nothing",
            Suggestions.didYouMean(s)));
      }
    } else if (operation.equals("UPSERT") && (!hasValue || Json.text(override.path("value"), "").isEmpty())) {
      ctx.report(target, hasValue ? at.field("value") : at.key(), "tag `" + name + "` is set (operation UPSERT) without a value;"
          + " Istio rejects the Telemetry", "give `value` an expression, e.g. `request.host`, or use operation REMOVE");
    }
  }

  /** True when some Telemetry adds {@code tag}: removing it elsewhere is then meaningful. */
  private static boolean upsertedAnywhere(String tag, RuleContext ctx) {
    for (Resource r : ctx.index().ofKind(Kind.TELEMETRY)) {
      for (JsonNode metrics : Json.items(r.spec().path("metrics"))) {
        for (JsonNode override : Json.items(metrics.path("overrides"))) {
          JsonNode t = override.path("tagOverrides").path(tag);
          if (t.isObject() && !Json.text(t.path("operation"), "UPSERT").equals("REMOVE")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void checkTracing(Resource target, RuleContext ctx) {
    List<JsonNode> tracing = Json.items(target.spec().path("tracing"));
    for (int i = 0; i < tracing.size(); i++) {
      JsonNode customTags = tracing.get(i).path("customTags");
      if (!customTags.isObject()) {
        continue;
      }
      YamlPath at = SPEC.field("tracing").index(i).field("customTags");
      for (Map.Entry<String, JsonNode> tag : customTags.properties()) {
        YamlPath tagAt = at.field(tag.getKey());
        if (tag.getKey().isEmpty()) {
          ctx.report(target, tagAt.key(), "a custom tag has an empty name; Istio rejects the Telemetry", "name the span tag");
        } else if ((tag.getValue().isObject() || tag.getValue().isNull()) && TAG_SOURCES.stream().noneMatch(tag.getValue()::has)) {
          ctx.report(target, tagAt.key(), "custom tag `" + tag.getKey() + "` has no value source: spans get no such tag",
              "set one of `literal: {value: …}`, `environment: {name: …}`, `header: {name: …}` or `formatter: {value: …}`");
        }
      }
    }
  }

  private static void checkAccessLogging(Resource target, RuleContext ctx) {
    List<JsonNode> logging = Json.items(target.spec().path("accessLogging"));
    for (int i = 0; i < logging.size(); i++) {
      JsonNode entry = logging.get(i);
      if (entry.path("disabled").asBoolean(false) && entry.has("filter")) {
        ctx.report(target, SPEC.field("accessLogging").index(i).field("filter").key(), "this entry disables access logging, so"
            + " its filter does nothing", "remove the filter, or drop `disabled: true` to log only what the filter selects");
      }
    }
  }

  private static void checkProviderKinds(Resource target, RuleContext ctx) {
    for (Telemetries.ProviderRef ref : Telemetries.providerRefs(target)) {
      ctx.mesh().config().provider(ref.name()).filter(p -> !p.type().serves(ref.use())).ifPresent(p ->
          ctx.report(target, ref.path(), "provider `" + p.name() + "` is a " + p.type().field() + " provider, which does not serve "
              + ref.what() + ": Istio ignores it here", "name a " + ref.what() + " provider, e.g. "
              + example(ref.use())));
    }
  }

  private static String example(ExtensionProvider.Use use) {
    return switch (use) {
      case METRICS -> "`prometheus`";
      case TRACING -> "an opentelemetry or zipkin provider";
      case ACCESS_LOGGING -> "`envoy` (the built-in file logger) or an envoyOtelAls provider";
      case AUTHORIZATION -> "an envoyExtAuthzHttp provider";
    };
  }
}
