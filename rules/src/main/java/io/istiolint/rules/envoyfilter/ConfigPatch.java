package io.istiolint.rules.envoyfilter;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of an EnvoyFilter's {@code configPatches}, read shape-safely.
 *
 * @param index its position in {@code configPatches}
 */
record ConfigPatch(int index, JsonNode node) {

  static final String HCM = "envoy.filters.network.http_connection_manager";

  /** The patches of an EnvoyFilter, in order. */
  static List<ConfigPatch> of(Resource filter) {
    List<ConfigPatch> patches = new ArrayList<>();
    List<JsonNode> items = Json.items(filter.spec().path("configPatches"));
    for (int i = 0; i < items.size(); i++) {
      patches.add(new ConfigPatch(i, items.get(i)));
    }
    return patches;
  }

  /** "a CLUSTER", "an HTTP_FILTER": the indefinite article as the applyTo is read aloud. */
  static String withArticle(String applyTo) {
    return (applyTo.startsWith("HTTP_") || applyTo.startsWith("EXTENSION_") ? "an " : "a ") + applyTo;
  }

  /** {@code spec.priority}; Istio's default is 0. */
  static long priority(Resource filter) {
    JsonNode p = filter.spec().path("priority");
    return p.canConvertToLong() && p.isIntegralNumber() ? p.asLong(0L) : 0;
  }

  /** The path of a field of this patch, e.g. {@code at("match", "proxy", "proxyVersion")}. */
  YamlPath at(String... fields) {
    YamlPath path = YamlPath.of("spec", "configPatches", index);
    for (String f : fields) {
      path = path.field(f);
    }
    return path;
  }

  String applyTo() {
    return Json.text(node.path("applyTo"), "");
  }

  String operation() {
    return Json.text(node.path("patch").path("operation"), "");
  }

  JsonNode match() {
    return node.path("match");
  }

  JsonNode value() {
    return node.path("patch").path("value");
  }

  /** {@code match.proxy.proxyVersion} when it is a non-empty string (Istio ignores an empty one), else null. */
  String proxyVersion() {
    String v = Json.text(match().path("proxy").path("proxyVersion"), "");
    return v.isEmpty() ? null : v;
  }

  /** The name of the object the patch creates ({@code value.name}), or null. */
  String valueName() {
    String name = Json.text(value().path("name"), "");
    return name.isEmpty() ? null : name;
  }

  /**
   * The name of the existing object a relative operation is anchored on: the sub-filter for HTTP_FILTER, the
   * network filter for NETWORK_FILTER, the listener filter for LISTENER_FILTER, the route for HTTP_ROUTE; or null.
   */
  String anchor() {
    JsonNode filter = match().path("listener").path("filterChain").path("filter");
    String name = switch (applyTo()) {
      case "HTTP_FILTER" -> Json.text(filter.path("subFilter").path("name"), "");
      case "NETWORK_FILTER" -> Json.text(filter.path("name"), "");
      case "LISTENER_FILTER" -> Json.text(match().path("listener").path("listenerFilter"), "");
      case "HTTP_ROUTE" -> Json.text(match().path("routeConfiguration").path("vhost").path("route").path("name"), "");
      default -> "";
    };
    return name.isEmpty() ? null : name;
  }

  /** The path of {@link #anchor()}. */
  YamlPath anchorPath() {
    return switch (applyTo()) {
      case "HTTP_FILTER" -> at("match", "listener", "filterChain", "filter", "subFilter", "name");
      case "NETWORK_FILTER" -> at("match", "listener", "filterChain", "filter", "name");
      case "LISTENER_FILTER" -> at("match", "listener", "listenerFilter");
      default -> at("match", "routeConfiguration", "vhost", "route", "name");
    };
  }
}
