package io.istiolint.rules.telemetry;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.RuleContext;
import io.istiolint.api.YamlPath;
import io.istiolint.index.Workload;
import io.istiolint.mesh.ExtensionProvider;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a Telemetry picks the proxies it configures, and the providers it names; shared by the Telemetry rules.
 * Istio applies, per proxy, the root namespace's selector-less Telemetry, then its own namespace's
 * selector-less one, then the first Telemetry of its namespace whose selector or targetRefs pick it.
 */
final class Telemetries {

  static final Kind GATEWAY_CLASS = new Kind("gateway.networking.k8s.io", "GatewayClass");

  /** The GatewayClasses istiod creates itself. */
  static final Set<String> BUILT_IN_GATEWAY_CLASSES = Set.of("istio", "istio-waypoint", "istio-remote", "istio-east-west");

  private static final YamlPath SPEC = YamlPath.of("spec");

  private Telemetries() {}

  /** How a Telemetry selects proxies. */
  enum Scope {
    /** No selector labels and no targetRefs: every proxy of its namespace (of the mesh in the root namespace). */
    NAMESPACE_WIDE,
    /** {@code selector.matchLabels}: the workloads of its namespace with those labels. */
    SELECTOR,
    /** {@code targetRef}/{@code targetRefs}: the proxies of the Services, Gateways… named. */
    TARGET_REFS,
    /** Several of selector, targetRef and targetRefs: Istio rejects it (IL0706 reports it). */
    CONFLICTING
  }

  /** A {@code targetRef} or one {@code targetRefs} entry. */
  record TargetRef(YamlPath path, String group, String kind, String name) {

    /** The kind it names, or empty for combinations Istio does not support. */
    Optional<Kind> target() {
      if (group.isEmpty() && kind.equals("Service")) {
        return Optional.of(Kind.SERVICE);
      } else if (group.equals("networking.istio.io") && kind.equals("ServiceEntry")) {
        return Optional.of(Kind.SERVICE_ENTRY);
      } else if (group.equals(Kind.KUBERNETES_GATEWAY.group()) && kind.equals("Gateway")) {
        return Optional.of(Kind.KUBERNETES_GATEWAY);
      } else if (group.equals(GATEWAY_CLASS.group()) && kind.equals("GatewayClass")) {
        return Optional.of(GATEWAY_CLASS);
      }
      return Optional.empty();
    }

    /** What it attaches to, comparable between Telemetries. */
    String key() {
      return group + "/" + kind + "/" + name;
    }
  }

  /** A provider named by a metrics, tracing or accessLogging entry. */
  record ProviderRef(ExtensionProvider.Use use, YamlPath path, String name) {

    String what() {
      return switch (use) {
        case METRICS -> "metrics";
        case TRACING -> "tracing";
        case ACCESS_LOGGING -> "access logging";
        case AUTHORIZATION -> "authorization";
      };
    }
  }

  static Scope scope(Resource telemetry) {
    JsonNode spec = telemetry.spec();
    boolean selector = spec.has("selector") && !spec.path("selector").isNull();
    boolean labels = !Json.stringMap(spec.path("selector").path("matchLabels")).isEmpty();
    boolean targetRef = spec.has("targetRef") && !spec.path("targetRef").isNull();
    boolean targetRefs = !Json.items(spec.path("targetRefs")).isEmpty();
    int set = (selector ? 1 : 0) + (targetRef ? 1 : 0) + (targetRefs ? 1 : 0);
    if (set > 1) {
      return Scope.CONFLICTING;
    }
    if (labels) {
      return Scope.SELECTOR;
    }
    return targetRef || targetRefs ? Scope.TARGET_REFS : Scope.NAMESPACE_WIDE;
  }

  static List<TargetRef> targetRefs(Resource telemetry) {
    List<TargetRef> refs = new ArrayList<>();
    JsonNode one = telemetry.spec().path("targetRef");
    if (one.isObject()) {
      refs.add(targetRef(one, SPEC.field("targetRef")));
    }
    List<JsonNode> many = Json.items(telemetry.spec().path("targetRefs"));
    for (int i = 0; i < many.size(); i++) {
      if (many.get(i).isObject()) {
        refs.add(targetRef(many.get(i), SPEC.field("targetRefs").index(i)));
      }
    }
    return refs;
  }

  private static TargetRef targetRef(JsonNode node, YamlPath path) {
    return new TargetRef(path, Json.text(node.path("group"), ""), Json.text(node.path("kind"), ""), Json.text(node.path("name"), ""));
  }

  /** The workloads a selector Telemetry picks in its namespace. */
  static List<Workload> selected(Resource telemetry, RuleContext ctx) {
    return ctx.index().workloadsSelectedBy(telemetry.namespace(), Workload.selectorOf(telemetry));
  }

  /** Every {@code providers[].name} of the metrics, tracing and accessLogging entries, with its path. */
  static List<ProviderRef> providerRefs(Resource telemetry) {
    List<ProviderRef> refs = new ArrayList<>();
    addProviders(telemetry, "metrics", ExtensionProvider.Use.METRICS, refs);
    addProviders(telemetry, "tracing", ExtensionProvider.Use.TRACING, refs);
    addProviders(telemetry, "accessLogging", ExtensionProvider.Use.ACCESS_LOGGING, refs);
    return refs;
  }

  private static void addProviders(Resource telemetry, String field, ExtensionProvider.Use use, List<ProviderRef> refs) {
    List<JsonNode> entries = Json.items(telemetry.spec().path(field));
    for (int i = 0; i < entries.size(); i++) {
      List<JsonNode> providers = Json.items(entries.get(i).path("providers"));
      for (int j = 0; j < providers.size(); j++) {
        String name = Json.text(providers.get(j).path("name"), "");
        if (!name.isEmpty()) {
          refs.add(new ProviderRef(use, SPEC.field(field).index(i).field("providers").index(j).field("name"), name));
        }
      }
    }
  }

  /** The other Telemetries of the namespace (distinct names: a repeated definition is IL0005's). */
  static List<Resource> others(Resource telemetry, RuleContext ctx) {
    List<Resource> others = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Resource r : ctx.index().ofKind(Kind.TELEMETRY)) {
      if (r.namespace().equals(telemetry.namespace()) && !r.name().equals(telemetry.name()) && !names.contains(r.name())) {
        others.add(r);
        names.add(r.name());
      }
    }
    return others;
  }

  /** Selector labels as written: "`app: reviews, version: v1`". */
  static String labels(Map<String, String> labels) {
    return "`" + String.join(", ", labels.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()) + "`";
  }

  /** "`a`, `b` and `c`". */
  static String names(List<String> names) {
    List<String> quoted = names.stream().map(n -> "`" + n + "`").toList();
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
  }
}
