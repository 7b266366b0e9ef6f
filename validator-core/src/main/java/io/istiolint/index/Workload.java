package io.istiolint.index;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import io.istiolint.api.Kind;
import io.istiolint.model.Resource;
import io.istiolint.model.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Something that runs proxies and carries labels: a Pod, the pod template of a controller (Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Argo Rollout, and any other object whose {@code spec.template}
 * is a pod template, such as an OpenShift DeploymentConfig or a Kruise CloneSet), a WorkloadEntry, or a
 * WorkloadGroup. In files,
 * controllers stand in for the Pods they will create, so selectors are matched against their templates; a
 * WorkloadGroup likewise stands in for the WorkloadEntries its VMs register, labelled {@code spec.metadata.labels},
 * and a Kubernetes Gateway of an Istio class for the proxy Deployment Istio creates for it, whose pods carry
 * the Gateway's name and its {@code spec.infrastructure.labels}.
 *
 * @param podSpec the pod spec (containers, …), or a missing node for a WorkloadEntry, WorkloadGroup or Gateway
 */
public record Workload(Resource source, String namespace, Map<String, String> labels, JsonNode podSpec) {

  /** The GatewayClasses Istio installs and deploys a proxy for (ingress, waypoint, east-west). */
  private static final Set<String> ISTIO_GATEWAY_CLASSES = Set.of("istio", "istio-waypoint", "istio-east-west");

  public Workload {
    labels = Map.copyOf(labels);
  }

  /** The workload a resource describes, if it is one. */
  public static Optional<Workload> of(Resource r) {
    Kind kind = r.kind();
    JsonNode template;
    if (kind.equals(Kind.POD)) {
      return Optional.of(new Workload(r, r.namespace(), r.labels(), r.spec()));
    } else if (kind.equals(Kind.WORKLOAD_ENTRY)) {
      return Optional.of(new Workload(r, r.namespace(), Json.stringMap(r.spec().path("labels")), r.spec().path("podSpec")));
    } else if (kind.equals(Kind.WORKLOAD_GROUP)) {
      return Optional.of(new Workload(r, r.namespace(), Json.stringMap(r.spec().path("metadata").path("labels")),
          MissingNode.getInstance()));
    } else if (kind.equals(Kind.KUBERNETES_GATEWAY)) {
      return deployedGateway(r);
    } else if (kind.equals(Kind.CRON_JOB)) {
      template = r.spec().path("jobTemplate").path("spec").path("template");
    } else if (kind.equals(Kind.DEPLOYMENT) || kind.equals(Kind.STATEFUL_SET) || kind.equals(Kind.DAEMON_SET)
        || kind.equals(Kind.REPLICA_SET) || kind.equals(Kind.JOB)) {
      template = r.spec().path("template");
    } else if (kind.equals(Kind.ROLLOUT) && r.spec().path("template").isObject()) {
      // A Rollout with workloadRef has no template: the Deployment it names carries the labels.
      template = r.spec().path("template");
    } else if (!kind.isIstio() && isPodTemplate(r.spec().path("template"))) {
      // Any other controller that runs pods from a template: OpenShift DeploymentConfig, Kruise CloneSet, ...
      template = r.spec().path("template");
    } else {
      return Optional.empty();
    }
    return Optional.of(new Workload(r, r.namespace(), Json.stringMap(template.path("metadata").path("labels")), template.path("spec")));
  }

  /** A pod template: what a controller's {@code spec.template} is when it runs pods (containers are required). */
  private static boolean isPodTemplate(JsonNode template) {
    return template.path("spec").path("containers").isArray();
  }

  /**
   * The pods Istio deploys for a Kubernetes Gateway of one of its classes: labelled with the Gateway's name
   * ({@code gateway.networking.k8s.io/gateway-name}, and the older {@code istio.io/gateway-name}) and its
   * {@code spec.infrastructure.labels}.
   */
  private static Optional<Workload> deployedGateway(Resource r) {
    if (!ISTIO_GATEWAY_CLASSES.contains(Json.text(r.spec().path("gatewayClassName"), ""))) {
      return Optional.empty();
    }
    Map<String, String> labels = new HashMap<>(Json.stringMap(r.spec().path("infrastructure").path("labels")));
    labels.put("gateway.networking.k8s.io/gateway-name", r.name());
    labels.put("istio.io/gateway-name", r.name());
    return Optional.of(new Workload(r, r.namespace(), labels, MissingNode.getInstance()));
  }

  /**
   * The labels with which {@code r} selects workloads, from where its kind keeps them: {@code selector} of a
   * Service or Gateway, {@code workloadSelector.labels} of a Sidecar, EnvoyFilter or ServiceEntry,
   * {@code workloadSelector.matchLabels} of a DestinationRule, {@code selector.matchLabels} of a Telemetry.
   * Empty when it has none, and for other kinds.
   */
  public static Map<String, String> selectorOf(Resource r) {
    Kind kind = r.kind();
    JsonNode spec = r.spec();
    if (kind.equals(Kind.SERVICE) || kind.equals(Kind.GATEWAY)) {
      return Json.stringMap(spec.path("selector"));
    } else if (kind.equals(Kind.SIDECAR) || kind.equals(Kind.ENVOY_FILTER) || kind.equals(Kind.SERVICE_ENTRY)) {
      return Json.stringMap(spec.path("workloadSelector").path("labels"));
    } else if (kind.equals(Kind.DESTINATION_RULE)) {
      return Json.stringMap(spec.path("workloadSelector").path("matchLabels"));
    } else if (kind.equals(Kind.TELEMETRY)) {
      return Json.stringMap(spec.path("selector").path("matchLabels"));
    }
    return Map.of();
  }

  /** Kubernetes equality-based selection: every selector label present with the same value. */
  public boolean matches(Map<String, String> selector) {
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
