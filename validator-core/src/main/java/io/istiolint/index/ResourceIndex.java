package io.istiolint.index;

import io.istiolint.api.Kind;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every resource loaded, immutable, indexed by kind and by identity (kind, namespace, name). The same
 * identity can appear more than once in the inputs; lookups return all occurrences in input order.
 */
public final class ResourceIndex {

  /** Kubernetes kinds istiolint reads; with the Istio kinds they are the kinds it understands. */
  private static final Set<Kind> KUBERNETES_KINDS = Set.of(Kind.SERVICE, Kind.POD, Kind.NAMESPACE, Kind.SECRET,
      Kind.CONFIG_MAP, Kind.DEPLOYMENT, Kind.STATEFUL_SET, Kind.DAEMON_SET, Kind.REPLICA_SET, Kind.JOB, Kind.CRON_JOB);

  private record Identity(Kind kind, String namespace, String name) {}

  private final List<Resource> all;
  private final Map<Kind, List<Resource>> byKind;
  private final Map<Identity, List<Resource>> byIdentity;

  public ResourceIndex(Collection<Resource> resources) {
    this.all = List.copyOf(resources);
    Map<Kind, List<Resource>> kinds = new LinkedHashMap<>();
    Map<Identity, List<Resource>> identities = new HashMap<>();
    for (Resource r : all) {
      kinds.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r);
      identities.computeIfAbsent(identity(r), k -> new ArrayList<>(1)).add(r);
    }
    kinds.replaceAll((k, v) -> List.copyOf(v));
    identities.replaceAll((k, v) -> List.copyOf(v));
    this.byKind = Map.copyOf(kinds);
    this.byIdentity = Map.copyOf(identities);
  }

  public List<Resource> all() {
    return all;
  }

  public List<Resource> ofKind(Kind kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  /** Every loaded resource with the same kind, namespace and name as {@code resource}, itself included. */
  public List<Resource> sameIdentity(Resource resource) {
    return byIdentity.getOrDefault(identity(resource), List.of(resource));
  }

  /** True for Istio kinds and the Kubernetes kinds Istio config refers to; other kinds are ignored. */
  public static boolean understands(Kind kind) {
    return kind.isIstio() || KUBERNETES_KINDS.contains(kind);
  }

  private static Identity identity(Resource r) {
    return new Identity(r.kind(), r.namespace(), r.name());
  }
}
