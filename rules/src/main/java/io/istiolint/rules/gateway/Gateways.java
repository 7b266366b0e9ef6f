package io.istiolint.rules.gateway;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.YamlPath;
import io.istiolint.index.CredentialName;
import io.istiolint.index.EndpointLabels;
import io.istiolint.index.Index;
import io.istiolint.index.OperatorGateways;
import io.istiolint.index.Workload;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What the gateway rules share: reading servers, the workloads a Gateway selects, and how much is known of them. */
final class Gateways {

  private static final String NO_GATEWAY_WORKLOADS = "no gateway workloads loaded (a Gateway selects its pods in every namespace)";

  /**
   * Why a Gateway's workloads may be missing: no workloads in files, namespaces the cluster read left out, or an
   * IstioOperator whose gateways cannot be told.
   */
  static String whyGatewayWorkloadsIncomplete(Index index) {
    if (index.completeness().workloadsCompleteEverywhere()) {
      Optional<String> unknown = operatorGateways(index).stream().flatMap(g -> g.unknown().stream()).findFirst();
      if (unknown.isPresent()) {
        return unknown.get();
      }
    }
    return index.completeness().whyWorkloadsIncompleteSomewhere(NO_GATEWAY_WORKLOADS);
  }

  /** Why an {@link Overlap#UNKNOWN} overlap leaves a check unverified. */
  static final String UNKNOWN_OVERLAP = "gateway workloads not loaded (whether two Gateways share a proxy is unknown)";

  private static final Set<String> HTTP_PROTOCOLS = Set.of("HTTP", "HTTP2", "GRPC", "GRPC-WEB", "HTTP_PROXY");
  private static final Set<String> TERMINATING_MODES = Set.of("SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL");

  private Gateways() {}

  /** One entry of {@code spec.servers}. */
  record Server(Resource gateway, int index, JsonNode node) {

    YamlPath path() {
      return YamlPath.of("spec", "servers", index);
    }

    /** The port number, or -1 when it is missing or not a number. */
    int port() {
      JsonNode n = node.path("port").path("number");
      return n.isIntegralNumber() ? n.asInt(0) : -1;
    }

    String protocol() {
      return Json.text(node.path("port").path("protocol"), "").toUpperCase(Locale.ROOT);
    }

    String bind() {
      return Json.text(node.path("bind"), "");
    }

    List<String> hosts() {
      return Json.items(node.path("hosts")).stream().map(h -> Json.text(h, "")).filter(h -> !h.isEmpty()).toList();
    }

    JsonNode tls() {
      return node.path("tls");
    }

    /** The TLS mode; Istio's default when {@code tls} is given without one is PASSTHROUGH. */
    String tlsMode() {
      return tls().isObject() ? Json.text(tls().path("mode"), "PASSTHROUGH") : "";
    }

    /** True when the gateway terminates TLS with a certificate of its own (not ISTIO_MUTUAL, not passthrough). */
    boolean terminatesTls() {
      return TERMINATING_MODES.contains(tlsMode());
    }

    /** Istio's TLS server: TLS settings on a non-HTTP protocol (an HTTP server's tls only redirects). */
    boolean isTlsServer() {
      return tls().isObject() && !HTTP_PROTOCOLS.contains(protocol());
    }

    boolean isPlainHttp() {
      return !isTlsServer() && HTTP_PROTOCOLS.contains(protocol());
    }

    /** The Secrets named by {@code tls.credentialName} and {@code tls.credentialNames}, with where they are written. */
    List<Credential> credentials() {
      List<Credential> out = new ArrayList<>();
      YamlPath tlsPath = path().field("tls");
      CredentialName.parse(Json.text(tls().path("credentialName"), ""))
          .ifPresent(c -> out.add(new Credential(c, tlsPath.field("credentialName"))));
      List<JsonNode> names = Json.items(tls().path("credentialNames"));
      for (int j = 0; j < names.size(); j++) {
        YamlPath at = tlsPath.field("credentialNames").index(j);
        CredentialName.parse(Json.text(names.get(j), "")).ifPresent(c -> out.add(new Credential(c, at)));
      }
      return out;
    }

    String describe() {
      String name = Json.text(node.path("port").path("name"), "");
      return "port " + port() + (name.isEmpty() ? "" : " (" + name + ")");
    }
  }

  /** A credential reference and where it is written. */
  record Credential(CredentialName name, YamlPath path) {}

  static List<Server> servers(Resource gateway) {
    List<JsonNode> nodes = Json.items(gateway.spec().path("servers"));
    List<Server> servers = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).isObject()) {
        servers.add(new Server(gateway, i, nodes.get(i)));
      }
    }
    return servers;
  }

  /**
   * The workloads the Gateway applies to, in every namespace: the loaded ones and the gateways the IstioOperators
   * among the inputs install. An empty selector selects them all.
   */
  static List<Workload> workloads(Index index, Resource gateway) {
    return selectedBy(index, Workload.selectorOf(gateway));
  }

  /** Whether istiod's labels of some gateway workload (loaded or installed), the labels it adds counted, carry {@code selector}. */
  static EndpointLabels.Match selects(Index index, Map<String, String> selector) {
    return EndpointLabels.any(index, selectedBy(index, EndpointLabels.ownPart(selector)), selector);
  }

  private static List<Workload> selectedBy(Index index, Map<String, String> selector) {
    List<Workload> selected = new ArrayList<>(index.workloadsSelectedBy(selector));
    operatorGateways(index).forEach(g -> g.workloads().stream().filter(w -> w.matches(selector)).forEach(selected::add));
    return selected;
  }

  /** Every workload, the IstioOperators' gateways included (for "did you mean"). */
  static List<Workload> allWorkloads(Index index) {
    return selectedBy(index, Map.of());
  }

  private static List<OperatorGateways> operatorGateways(Index index) {
    return index.ofKind(Kind.ISTIO_OPERATOR).stream().map(OperatorGateways::of).toList();
  }

  /**
   * The namespaces the Gateway's proxies run in, as far as the loaded workloads show. An empty selector picks
   * every gateway proxy, and application pods cannot be told from gateway pods, so it shows none.
   */
  static Set<String> proxyNamespaces(Index index, Resource gateway) {
    if (Workload.selectorOf(gateway).isEmpty()) {
      return Set.of();
    }
    return workloads(index, gateway).stream().map(Workload::namespace).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * True when every gateway workload that can exist is known: every namespace's workloads are, and the gateways each
   * IstioOperator among the inputs installs can be told.
   */
  static boolean allWorkloadsKnown(Index index) {
    return index.completeness().workloadsCompleteEverywhere()
        && operatorGateways(index).stream().allMatch(g -> g.unknown().isEmpty());
  }

  /** Whether the same proxy runs both Gateways. */
  enum Overlap { YES, NO, UNKNOWN }

  static Overlap overlap(Index index, Resource a, Resource b) {
    Map<String, String> sa = Workload.selectorOf(a);
    Map<String, String> sb = Workload.selectorOf(b);
    for (Workload w : selectedBy(index, sa)) {
      if (w.matches(sb)) {
        return Overlap.YES;
      }
    }
    if (allWorkloadsKnown(index)) {
      return Overlap.NO;
    }
    for (Map.Entry<String, String> e : sa.entrySet()) {
      if (sb.containsKey(e.getKey()) && !sb.get(e.getKey()).equals(e.getValue())) {
        return Overlap.NO;
      }
    }
    // Every pod the larger selector picks is picked by the smaller one too; otherwise it takes a pod with both.
    boolean nested = sb.entrySet().containsAll(sa.entrySet()) || sa.entrySet().containsAll(sb.entrySet());
    return nested ? Overlap.YES : Overlap.UNKNOWN;
  }

  static final Kind CERTIFICATE = new Kind("cert-manager.io", "Certificate");
  static final Kind SEALED_SECRET = new Kind("bitnami.com", "SealedSecret");
  static final Kind EXTERNAL_SECRET = new Kind("external-secrets.io", "ExternalSecret");

  /**
   * True when a loaded object makes the Secret {@code ns/name} at run time: a cert-manager Certificate
   * ({@code spec.secretName}), a SealedSecret or an ExternalSecret (their target name, by default their own).
   * Its content is unknown, but it will exist.
   */
  static boolean secretGenerated(Index index, String ns, String name) {
    for (Resource r : index.ofKind(CERTIFICATE)) {
      if (r.namespace().equals(ns) && name.equals(Json.text(r.spec().path("secretName"), ""))) {
        return true;
      }
    }
    for (Resource r : index.ofKind(SEALED_SECRET)) {
      if (r.namespace().equals(ns) && name.equals(Json.text(r.spec().path("template").path("metadata").path("name"), r.name()))) {
        return true;
      }
    }
    for (Resource r : index.ofKind(EXTERNAL_SECRET)) {
      if (r.namespace().equals(ns) && name.equals(Json.text(r.spec().path("target").path("name"), r.name()))) {
        return true;
      }
    }
    return false;
  }
}
