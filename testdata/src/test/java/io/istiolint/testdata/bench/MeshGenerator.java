package io.istiolint.testdata.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a consistent, valid mesh: the ingress gateway (Deployment, Service) and a mesh-wide EnvoyFilter in
 * istio-system; per namespace a Gateway, a Sidecar, a Telemetry and a ServiceEntry; per app a Service, two
 * Deployments (v1, v2), a DestinationRule with both subsets and a VirtualService splitting traffic between
 * them (one app per namespace is also exposed through the Gateway). One file per namespace, as a repository
 * would hold it.
 */
public final class MeshGenerator {

  /** Resources written per app. */
  public static final int RESOURCES_PER_APP = 5;

  /** Resources written per namespace besides its apps. */
  public static final int RESOURCES_PER_NAMESPACE = 4;

  /** Resources written once for the whole mesh (istio-system). */
  public static final int MESH_WIDE_RESOURCES = 3;

  private MeshGenerator() {}

  /**
   * {@code DIR NAMESPACES APPS [REVIEW]}: writes the mesh under DIR (created), and with REVIEW an AdmissionReview
   * updating VirtualService team-0/app-1 (a valid change: the webhook's common case) for {@code bin/bench-webhook}.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args[0]));
    int resources = write(dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    if (args.length > 3) {
      Files.writeString(Path.of(args[3]), """
          {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
            "uid": "bench-0001", "operation": "UPDATE", "namespace": "team-0", "name": "app-1",
            "kind": {"group": "networking.istio.io", "version": "v1", "kind": "VirtualService"},
            "resource": {"group": "networking.istio.io", "version": "v1", "resource": "virtualservices"},
            "object": {"apiVersion": "networking.istio.io/v1", "kind": "VirtualService",
              "metadata": {"name": "app-1", "namespace": "team-0", "labels": {"release": "canary-2"}},
              "spec": {"hosts": ["app-1"], "http": [
                {"match": [{"headers": {"x-canary": {"exact": "true"}}}],
                 "route": [{"destination": {"host": "app-1", "subset": "v2", "port": {"number": 8080}}}]},
                {"route": [{"destination": {"host": "app-1", "subset": "v1", "port": {"number": 8080}}, "weight": 80},
                           {"destination": {"host": "app-1", "subset": "v2", "port": {"number": 8080}}, "weight": 20}],
                 "retries": {"attempts": 3, "perTryTimeout": "2s", "retryOn": "5xx,connect-failure"}, "timeout": "10s"}]}}}}
          """);
    }
    System.out.println(resources + " resources written to " + dir);
  }

  /** Writes {@code namespaces × apps} apps under {@code dir}; returns the number of resources written. */
  public static int write(Path dir, int namespaces, int apps) throws IOException {
    Files.writeString(dir.resolve("istio-system.yaml"), meshWide());
    int resources = MESH_WIDE_RESOURCES;
    for (int n = 0; n < namespaces; n++) {
      String ns = "team-" + n;
      try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(ns + ".yaml"))) {
        w.write(gateway(ns));
        w.write(namespaceWide(ns));
        resources += RESOURCES_PER_NAMESPACE;
        for (int a = 0; a < apps; a++) {
          w.write(app(ns, "app-" + a, a == 0));
          resources += RESOURCES_PER_APP;
        }
      }
    }
    return resources;
  }

  private static String meshWide() {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: istio-ingressgateway
          namespace: istio-system
        spec:
          selector:
            matchLabels: {istio: ingressgateway}
          template:
            metadata:
              labels: {istio: ingressgateway, app: istio-ingressgateway}
            spec:
              containers:
              - name: istio-proxy
                image: docker.io/istio/proxyv2:1.30.3
                ports: [{containerPort: 8080}, {containerPort: 8443}]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: istio-ingressgateway
          namespace: istio-system
        spec:
          selector: {istio: ingressgateway}
          ports:
          - {name: http2, port: 80, targetPort: 8080}
          - {name: https, port: 443, targetPort: 8443}
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata:
          name: request-id-header
          namespace: istio-system
        spec:
          configPatches:
          - applyTo: NETWORK_FILTER
            match:
              context: SIDECAR_INBOUND
              proxy:
                proxyVersion: '^1\\.30\\..*'
              listener:
                filterChain:
                  filter:
                    name: envoy.filters.network.http_connection_manager
            patch:
              operation: MERGE
              value:
                typed_config:
                  "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                  always_set_request_id_in_response: true
        ---
        """;
  }

  private static String namespaceWide(String ns) {
    return """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata:
          name: default
          namespace: %1$s
        spec:
          egress:
          - hosts: ["./*", "istio-system/*"]
        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata:
          name: namespace-defaults
          namespace: %1$s
        spec:
          accessLogging:
          - providers:
            - name: envoy
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: payments-api
          namespace: %1$s
        spec:
          hosts: [payments-%1$s.example.com]
          location: MESH_EXTERNAL
          resolution: DNS
          ports:
          - {number: 443, name: https, protocol: TLS}
        ---
        """.formatted(ns);
  }

  private static String gateway(String ns) {
    return """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: ingress
          namespace: %1$s
        spec:
          selector:
            istio: ingressgateway
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: ["%1$s.example.com"]
        ---
        """.formatted(ns);
  }

  private static String app(String ns, String app, boolean exposed) {
    String gatewayBinding = exposed ? "  gateways: [ingress, mesh]\n" : "";
    String extraHost = exposed ? ", " + ns + ".example.com" : "";
    StringBuilder sb = new StringBuilder("""
        apiVersion: v1
        kind: Service
        metadata:
          name: %2$s
          namespace: %1$s
          labels: {app: %2$s}
        spec:
          selector: {app: %2$s}
          ports:
          - {name: http, port: 8080, targetPort: 8080}
        ---
        """.formatted(ns, app));
    for (String version : new String[] {"v1", "v2"}) {
      sb.append("""
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: %2$s-%3$s
            namespace: %1$s
          spec:
            replicas: 2
            selector:
              matchLabels: {app: %2$s, version: %3$s}
            template:
              metadata:
                labels: {app: %2$s, version: %3$s}
              spec:
                containers:
                - name: %2$s
                  image: registry.example.com/%2$s:%3$s
                  ports: [{containerPort: 8080}]
          ---
          """.formatted(ns, app, version));
    }
    sb.append("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: %2$s
          namespace: %1$s
        spec:
          host: %2$s
          trafficPolicy:
            connectionPool:
              http: {http1MaxPendingRequests: 100, maxRequestsPerConnection: 10}
            outlierDetection: {consecutive5xxErrors: 5, interval: 30s, baseEjectionTime: 60s}
          subsets:
          - name: v1
            labels: {version: v1}
          - name: v2
            labels: {version: v2}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: %2$s
          namespace: %1$s
        spec:
          hosts: [%2$s%3$s]
        %4$s  http:
          - match:
            - headers:
                x-canary: {exact: "true"}
            route:
            - destination: {host: %2$s, subset: v2, port: {number: 8080}}
          - route:
            - destination: {host: %2$s, subset: v1, port: {number: 8080}}
              weight: 90
            - destination: {host: %2$s, subset: v2, port: {number: 8080}}
              weight: 10
            retries: {attempts: 3, perTryTimeout: 2s, retryOn: "5xx,connect-failure"}
            timeout: 10s
        ---
        """.formatted(ns, app, extraHost, gatewayBinding));
    return sb.toString();
  }
}
