package io.istiolint.api;

/**
 * A resource kind within an API group (the version does not matter for identity: the API server stores
 * one object whichever served version it was written with). The core group is "".
 */
public record Kind(String group, String kind) {

  public static final Kind VIRTUAL_SERVICE = new Kind("networking.istio.io", "VirtualService");
  public static final Kind DESTINATION_RULE = new Kind("networking.istio.io", "DestinationRule");
  public static final Kind GATEWAY = new Kind("networking.istio.io", "Gateway");
  public static final Kind SERVICE_ENTRY = new Kind("networking.istio.io", "ServiceEntry");
  public static final Kind SIDECAR = new Kind("networking.istio.io", "Sidecar");
  public static final Kind ENVOY_FILTER = new Kind("networking.istio.io", "EnvoyFilter");
  public static final Kind WORKLOAD_ENTRY = new Kind("networking.istio.io", "WorkloadEntry");
  public static final Kind WORKLOAD_GROUP = new Kind("networking.istio.io", "WorkloadGroup");
  public static final Kind TELEMETRY = new Kind("telemetry.istio.io", "Telemetry");
  public static final Kind ISTIO_OPERATOR = new Kind("install.istio.io", "IstioOperator");

  public static final Kind SERVICE = new Kind("", "Service");
  public static final Kind POD = new Kind("", "Pod");
  public static final Kind NAMESPACE = new Kind("", "Namespace");
  public static final Kind SECRET = new Kind("", "Secret");
  public static final Kind CONFIG_MAP = new Kind("", "ConfigMap");
  /** A node, whose labels give the locality istiod adds to the endpoints of the pods it runs. */
  public static final Kind NODE = new Kind("", "Node");
  public static final Kind DEPLOYMENT = new Kind("apps", "Deployment");
  public static final Kind STATEFUL_SET = new Kind("apps", "StatefulSet");
  public static final Kind DAEMON_SET = new Kind("apps", "DaemonSet");
  public static final Kind REPLICA_SET = new Kind("apps", "ReplicaSet");
  public static final Kind JOB = new Kind("batch", "Job");
  public static final Kind CRON_JOB = new Kind("batch", "CronJob");
  /** Argo Rollouts' replacement for a Deployment: its pods come from {@code spec.template} the same way. */
  public static final Kind ROLLOUT = new Kind("argoproj.io", "Rollout");

  /** The Kubernetes Gateway API Gateway, which VirtualServices, Telemetries and EnvoyFilters may name. */
  public static final Kind KUBERNETES_GATEWAY = new Kind("gateway.networking.k8s.io", "Gateway");

  /** The kinds above, each the one instance read objects share (a lookup by kind then meets itself first). */
  private static final java.util.Map<Kind, Kind> KNOWN = java.util.stream.Stream.of(VIRTUAL_SERVICE, DESTINATION_RULE,
      GATEWAY, SERVICE_ENTRY, SIDECAR, ENVOY_FILTER, WORKLOAD_ENTRY, WORKLOAD_GROUP, TELEMETRY, ISTIO_OPERATOR, SERVICE, POD,
      NAMESPACE, SECRET, CONFIG_MAP, NODE, DEPLOYMENT, STATEFUL_SET, DAEMON_SET, REPLICA_SET, JOB, CRON_JOB, ROLLOUT,
      KUBERNETES_GATEWAY).collect(java.util.stream.Collectors.toUnmodifiableMap(k -> k, k -> k));

  /** The kind of {@code group} and {@code kind}: the constant above when it is one of them. */
  public static Kind of(String group, String kind) {
    Kind made = new Kind(group, kind);
    return KNOWN.getOrDefault(made, made);
  }

  /** The group of an apiVersion string: "networking.istio.io/v1" → "networking.istio.io", "v1" → "". */
  public static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The version of an apiVersion string: "networking.istio.io/v1" → "v1", "v1" → "v1". */
  public static String versionOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }

  /** True for groups owned by Istio ({@code *.istio.io}). */
  public boolean isIstio() {
    return group.endsWith(".istio.io");
  }

  // Written out: a record's generated equals and hashCode go through method handles, which C1 (the launcher's
  // compiler) does not inline, and kinds are compared for every rule on every resource.
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof Kind other && kind.equals(other.kind) && group.equals(other.group);
  }

  @Override
  public int hashCode() {
    return group.hashCode() * 31 + kind.hashCode();
  }

  @Override
  public String toString() {
    return group.isEmpty() ? kind : kind + "." + group;
  }
}
