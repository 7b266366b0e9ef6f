package io.istiolint.index;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway Deployments an IstioOperator installs, as {@link Workload}s whose source is the IstioOperator: its
 * {@code spec.components.ingressGateways} and {@code egressGateways} (or, where it lists none, its profile's), each
 * enabled one in its {@code namespace} (else the IstioOperator's, else {@code istio-system}), its pods labelled
 * with the chart's defaults ({@code app: istio-ingressgateway}, {@code istio: ingressgateway}; egress alike) under its
 * {@code label} map, and the labels the chart always adds.
 *
 * <p>Read from istioctl's installer: {@code Component.Get} (operator/pkg/component) picks the enabled entries and
 * their namespace, {@code applyComponentValuesToHelmValues} (operator/pkg/render) passes {@code label} as the chart's
 * {@code labels}, which the chart merges over its own (manifests/charts/gateways/istio-ingress, istio-egress);
 * {@code readProfile} and {@code MergeInputs} lay the IstioOperator over its profile, a list replacing the profile's.
 *
 * @param workloads the gateway pods it installs
 * @param unknown   why the labels of some gateway it installs cannot be told (a profile or chart not bundled with
 *                  istioctl, a k8s overlay that may patch them, chart values istioctl releases treat differently), or
 *                  empty when {@code workloads} are all of them
 */
public record OperatorGateways(List<Workload> workloads, Optional<String> unknown) {

  /** An installer component: its list under spec.components, its chart's gateway name, its component label, its chart's labels. */
  private record Component(String components, String chart, String component, Map<String, String> defaultLabels) {}

  private static final Component INGRESS = new Component("ingressGateways", "istio-ingressgateway", "IngressGateways",
      Map.of("app", "istio-ingressgateway", "istio", "ingressgateway"));
  private static final Component EGRESS = new Component("egressGateways", "istio-egressgateway", "EgressGateways",
      Map.of("app", "istio-egressgateway", "istio", "egressgateway"));

  /** Profiles bundled with istioctl (manifests/profiles) that keep the default profile's gateways. */
  private static final Set<String> DEFAULT_GATEWAYS = Set.of("default", "openshift", "preview", "stable");
  /** Profiles that turn the default profile's ingress gateway off. */
  private static final Set<String> NO_INGRESS = Set.of("empty", "minimal", "remote", "ambient", "openshift-ambient");
  /** The profile that also turns the egress gateway on. */
  private static final String DEMO = "demo";

  public OperatorGateways {
    workloads = List.copyOf(workloads);
  }

  /** The gateways the IstioOperator {@code iop} installs. */
  public static OperatorGateways of(Resource iop) {
    JsonNode spec = iop.spec();
    String profile = Json.text(spec.path("profile"), "default");
    String name = iop.namespace() + "/" + (iop.name().isEmpty() ? "(unnamed)" : iop.name());
    if (!Json.text(spec.path("installPackagePath"), "").isEmpty()) {
      return unknown("IstioOperator " + name + " installs from its own charts (installPackagePath)");
    }
    if (!DEFAULT_GATEWAYS.contains(profile) && !NO_INGRESS.contains(profile) && !profile.equals(DEMO)) {
      return unknown("IstioOperator " + name + " uses profile `" + profile + "`, which istioctl does not bundle");
    }
    // The installer's default namespace is the IstioOperator's metadata.namespace as written, else the profile's.
    String namespace = Json.text(iop.object().path("metadata").path("namespace"), "istio-system");
    String revision = Json.text(spec.path("revision"), "default");
    List<Workload> workloads = new ArrayList<>();
    for (Component gateway : List.of(INGRESS, EGRESS)) {
      JsonNode listed = spec.path("components").path(gateway.components());
      List<JsonNode> entries = listed.isArray() ? Json.items(listed) : List.of(profileEntry(gateway, profile));
      JsonNode values = spec.path("values").path("gateways").path(gateway.chart());
      if (!values.path("labels").isMissingNode()) {
        // The installer replaces them with the component's `label`; older istioctl releases applied them.
        return unknown("IstioOperator " + name + " sets values.gateways." + gateway.chart() + ".labels");
      }
      boolean forced = values.path("enabled").asBoolean(false);
      for (JsonNode entry : entries) {
        if (!forced && !entry.path("enabled").asBoolean(true)) {
          continue;
        }
        if (!entry.path("k8s").path("overlays").isMissingNode()) {
          return unknown("IstioOperator " + name + " patches gateway " + Json.text(entry.path("name"), gateway.chart())
              + " with k8s.overlays");
        }
        workloads.add(workload(iop, gateway, entry, namespace, revision));
      }
    }
    return new OperatorGateways(workloads, Optional.empty());
  }

  /** The one entry a profile lists for {@code gateway}: default.yaml's, as the named profile overrides it. */
  private static JsonNode profileEntry(Component gateway, String profile) {
    boolean enabled = gateway == INGRESS ? !NO_INGRESS.contains(profile) : profile.equals(DEMO);
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("name", gateway.chart()).put("enabled", enabled);
    return entry;
  }

  private static Workload workload(Resource iop, Component gateway, JsonNode entry, String namespace, String revision) {
    Map<String, String> labels = new HashMap<>(gateway.defaultLabels());
    labels.putAll(Json.stringMap(entry.path("label")));
    labels.put("app.kubernetes.io/name", gateway.chart());
    labels.put("operator.istio.io/component", gateway.component());
    labels.put("istio.io/rev", revision);
    return new Workload(iop, Json.text(entry.path("namespace"), namespace), labels, MissingNode.getInstance());
  }

  private static OperatorGateways unknown(String why) {
    return new OperatorGateways(List.of(), Optional.of(why + ", so the labels of the gateways it installs are unknown"));
  }
}
