package io.istiolint.index;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The labels istiod matches selectors against are more than a pod's own: before it matches DestinationRule subsets
 * (endpoints) or the workload selectors of Sidecars, EnvoyFilters, Telemetries and Gateways (proxies), it adds the
 * locality of the pod's node ({@code topology.kubernetes.io/region}, {@code topology.kubernetes.io/zone},
 * {@code topology.istio.io/subzone}), the node's name ({@code kubernetes.io/hostname}), the cluster ID
 * ({@code topology.istio.io/cluster}) and the network ({@code topology.istio.io/network}, unless the pod carries it).
 *
 * <p>Read from istiod: {@code AugmentLabels} (pilot/pkg/serviceregistry/util/label) called by the Kubernetes
 * registry's {@code NewEndpointBuilder} and {@code GetProxyWorkloadLabels} (pilot/pkg/serviceregistry/kube/controller,
 * with {@code getPodLocality}: the pod's {@code istio-locality} label, else its node's labels), by the ServiceEntry
 * registry for WorkloadEntries ({@code convertWorkloadEntryToWorkloadInstance}: {@code spec.locality},
 * {@code spec.network}, no node), and for proxies by {@code setTopologyLabels} (pilot/pkg/xds/ads.go).
 *
 * <p>A pod's node is known from its {@code spec.nodeName} and the Node objects among the inputs; a pod template has
 * no node, so what comes from the node is unknown for controllers. The cluster ID is istiod's default,
 * {@code Kubernetes}, unless configured otherwise, which the inputs do not show: another value is unknown, as is a
 * network the pod does not carry (it comes from its namespace's label or MeshNetworks).
 */
public final class EndpointLabels {

  static final String REGION = "topology.kubernetes.io/region";
  static final String ZONE = "topology.kubernetes.io/zone";
  static final String SUBZONE = "topology.istio.io/subzone";
  static final String HOSTNAME = "kubernetes.io/hostname";
  static final String CLUSTER = "topology.istio.io/cluster";
  static final String NETWORK = "topology.istio.io/network";
  private static final Set<String> ADDED = Set.of(REGION, ZONE, SUBZONE, HOSTNAME, CLUSTER, NETWORK);

  /** The node labels istiod reads a locality from: the GA ones, else the deprecated beta ones. */
  private static final String BETA_REGION = "failure-domain.beta.kubernetes.io/region";
  private static final String BETA_ZONE = "failure-domain.beta.kubernetes.io/zone";
  /** A pod's own locality, {@code region.zone.subzone}, which wins over its node's. */
  private static final String LOCALITY_LABEL = "istio-locality";
  /** istiod's cluster ID when none is configured. */
  static final String DEFAULT_CLUSTER_ID = "Kubernetes";

  /** Whether istiod's labels of a workload carry a selector. */
  public enum Match { YES, NO, UNKNOWN }

  /** Why a selector naming labels istiod adds stays unverified. */
  public static final String UNKNOWN_REASON = "the selector names labels istiod adds from the node, cluster or network "
      + "(topology.*, kubernetes.io/hostname), not known for the workloads it may select (add their Pods and Nodes)";

  private EndpointLabels() {}

  /** True when {@code selector} names a label istiod adds to endpoints and proxies. */
  public static boolean namesAdded(Map<String, String> selector) {
    return selector.keySet().stream().anyMatch(ADDED::contains);
  }

  /** {@code selector} without the labels istiod adds: what a workload's own labels must carry. */
  public static Map<String, String> ownPart(Map<String, String> selector) {
    Map<String, String> own = new HashMap<>(selector);
    own.keySet().removeAll(ADDED);
    return own;
  }

  /**
   * Whether istiod selects a loaded workload of {@code namespace} (null: of every namespace) with {@code selector},
   * the labels it adds counted.
   */
  public static Match selects(Index index, String namespace, Map<String, String> selector) {
    Map<String, String> own = ownPart(selector);
    var candidates = namespace == null ? index.workloadsSelectedBy(own) : index.workloadsSelectedBy(namespace, own);
    return any(index, candidates, selector);
  }

  /** The best match among {@code workloads}: YES if one surely carries {@code selector}, else UNKNOWN if one may. */
  public static Match any(Index index, Collection<Workload> workloads, Map<String, String> selector) {
    Match best = Match.NO;
    for (Workload w : workloads) {
      Match m = match(index, w, selector);
      if (m == Match.YES) {
        return m;
      }
      if (m == Match.UNKNOWN) {
        best = m;
      }
    }
    return best;
  }

  /** Whether the labels istiod gives {@code w}'s endpoints and proxy carry {@code selector}. */
  public static Match match(Index index, Workload w, Map<String, String> selector) {
    boolean unknown = false;
    for (Map.Entry<String, String> e : selector.entrySet()) {
      Value value = ADDED.contains(e.getKey()) ? added(index, w, e.getKey(), e.getValue())
          : Value.of(w.labels().get(e.getKey()));
      if (!value.known()) {
        unknown = true;
      } else if (!e.getValue().equals(value.value())) {
        return Match.NO;
      }
    }
    return unknown ? Match.UNKNOWN : Match.YES;
  }

  /** A label's value (null: absent), or unknown. */
  private record Value(boolean known, String value) {
    static final Value UNKNOWN = new Value(false, null);

    static Value of(String value) {
      return new Value(true, value);
    }
  }

  private static Value added(Index index, Workload w, String key, String wanted) {
    Kind kind = w.source().kind();
    boolean entry = kind.equals(Kind.WORKLOAD_ENTRY) || kind.equals(Kind.WORKLOAD_GROUP);
    String own = w.labels().get(key);
    switch (key) {
      case CLUSTER:
        // Always set, over the pod's own label: istiod's cluster ID, configured where the inputs do not show.
        return wanted.equals(DEFAULT_CLUSTER_ID) ? Value.of(DEFAULT_CLUSTER_ID) : Value.UNKNOWN;
      case NETWORK:
        if (own != null) {
          return Value.of(own);
        }
        String network = entry ? Json.text(entrySpec(w).path("network"), "") : "";
        return network.isEmpty() ? Value.UNKNOWN : Value.of(network);
      case HOSTNAME:
        if (entry) {
          return Value.of(own); // a WorkloadEntry has no node
        }
        String node = nodeName(w);
        return node.isEmpty() ? Value.UNKNOWN : Value.of(node);
      default:
        return locality(index, w, entry).map(parts -> {
          String part = parts.get(key);
          return Value.of(part == null || part.isEmpty() ? own : part);
        }).orElse(Value.UNKNOWN);
    }
  }

  /** The region, zone and subzone istiod gives {@code w}'s endpoints (empty parts leave its own labels), or empty when unknown. */
  private static Optional<Map<String, String>> locality(Index index, Workload w, boolean entry) {
    String locality;
    if (entry) {
      locality = Json.text(entrySpec(w).path("locality"), "");
    } else if (w.labels().containsKey(LOCALITY_LABEL)) {
      locality = w.labels().get(LOCALITY_LABEL).replace('.', '/');
    } else {
      String name = nodeName(w);
      if (name.isEmpty()) {
        return Optional.empty();
      }
      Optional<Resource> node = index.find(Kind.NODE, "", name);
      if (node.isEmpty()) {
        return index.completeness().isComplete(Kind.NODE, "", name) ? Optional.of(Map.of()) : Optional.empty();
      }
      Map<String, String> labels = node.get().labels();
      locality = first(labels, REGION, BETA_REGION) + "/" + first(labels, ZONE, BETA_ZONE) + "/" + labels.getOrDefault(SUBZONE, "");
    }
    String[] parts = locality.split("/", -1);
    Map<String, String> out = new HashMap<>();
    out.put(REGION, parts[0]);
    out.put(ZONE, parts.length > 1 ? parts[1] : "");
    out.put(SUBZONE, parts.length > 2 ? parts[2] : "");
    return Optional.of(out);
  }

  private static String first(Map<String, String> labels, String ga, String beta) {
    String value = labels.getOrDefault(ga, "");
    return value.isEmpty() ? labels.getOrDefault(beta, "") : value;
  }

  /** The node a pod (or, rarely, a pod template) is bound to, or "" when the scheduler has yet to choose. */
  private static String nodeName(Workload w) {
    return Json.text(w.podSpec().path("nodeName"), "");
  }

  /** Where a WorkloadEntry keeps its locality and network; a WorkloadGroup keeps them in its entries' template. */
  private static JsonNode entrySpec(Workload w) {
    Resource r = w.source();
    return r.kind().equals(Kind.WORKLOAD_GROUP) ? r.spec().path("template") : r.spec();
  }
}
