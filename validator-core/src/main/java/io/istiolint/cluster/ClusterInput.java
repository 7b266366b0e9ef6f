package io.istiolint.cluster;

import io.istiolint.api.Kind;
import io.istiolint.engine.Linter;
import io.istiolint.index.Completeness;
import io.istiolint.load.ObjectReader;
import io.istiolint.model.Origin;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns what a cluster read returned into the linter's input: resources read by the same {@link ObjectReader}
 * as files, located by their {@code cluster://} address, and the coverage the read vouches for.
 */
public final class ClusterInput {

  private static final ObjectReader READER = new ObjectReader("default"); // cluster objects always name their namespace

  private ClusterInput() {}

  public static Linter.Cluster of(ClusterSnapshot snapshot) {
    Set<String> asked = Set.copyOf(snapshot.namespaces());
    List<Resource> resources = new ArrayList<>(snapshot.objects().size());
    List<Resource> context = new ArrayList<>();
    Origin origin = Origin.cluster(snapshot.context());
    // Read beside each other (a large cluster's objects are tens of thousands), kept in the snapshot's order.
    List<List<Resource>> read = snapshot.objects().parallelStream().map(o -> READER.read(o, origin).resources()).toList();
    for (List<Resource> ofObject : read) {
      for (Resource r : ofObject) {
        boolean checked = asked.isEmpty() || r.namespace() == null || r.namespace().isEmpty() || asked.contains(r.namespace());
        (checked ? resources : context).add(r);
      }
    }
    return new Linter.Cluster(snapshot.context(), resources, context, coverage(snapshot), List.copyOf(snapshot.istioCrds()));
  }

  /** The resources of one object read from the cluster of kubeconfig context {@code context} (one, or none for a List). */
  public static List<Resource> read(String context, JsonNode object) {
    return READER.read(object, Origin.cluster(context)).resources();
  }

  /**
   * What the read vouches for. A kind read only by name (Secrets: those Gateways and DestinationRules refer to)
   * counts as listed where it was looked up, for the names looked up.
   */
  private static Completeness.ClusterCoverage coverage(ClusterSnapshot snapshot) {
    Set<Kind> everywhere = new HashSet<>();
    Map<Kind, Set<String>> listedIn = new HashMap<>();
    Map<Kind, String> unavailable = new HashMap<>();
    Map<Kind, Set<String>> namesOnly = new HashMap<>();
    for (KindRead read : snapshot.kinds()) {
      if (read.names() != null) {
        namesOnly.put(read.kind(), read.names());
      }
      if (read.unavailable() != null) {
        unavailable.put(read.kind(), read.unavailable());
      } else if (read.allNamespaces()) {
        everywhere.add(read.kind());
      } else {
        listedIn.put(read.kind(), read.namespaces());
      }
    }
    return new Completeness.ClusterCoverage(snapshot.context(), everywhere, listedIn, unavailable, namesOnly);
  }
}
