package io.istiolint.cluster;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The objects a cluster read returned, as the API server serves them.
 *
 * @param server the API server URL
 * @param context the kubeconfig context used
 * @param namespaces the namespaces asked for; empty when every namespace was read (-A). Objects of other
 *     namespaces (the root namespace's Istio configuration, istiod, the MeshConfig) were read as context
 * @param objects whole objects with {@code apiVersion} and {@code kind}, without {@code metadata.managedFields}
 *     and the {@code kubectl.kubernetes.io/last-applied-configuration} annotation (they only cost memory)
 * @param kinds one per kind attempted, saying what was read of it
 * @param istioCrds the CustomResourceDefinitions of the {@code *.istio.io} groups, as served; empty when
 *     there are none or they could not be read
 * @param warnings one line each, for the caller to print
 */
public record ClusterSnapshot(String server, String context, List<String> namespaces, List<ObjectNode> objects, List<KindRead> kinds,
    List<ObjectNode> istioCrds, List<String> warnings) {

  public ClusterSnapshot {
    namespaces = List.copyOf(namespaces);
    objects = List.copyOf(objects);
    kinds = List.copyOf(kinds);
    istioCrds = List.copyOf(istioCrds);
    warnings = List.copyOf(warnings);
  }
}
