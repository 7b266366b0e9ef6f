package io.istiolint.cluster;

import io.istiolint.api.Kind;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a cluster read knows about one kind, so that a missing object can be told apart from an unread one.
 *
 * @param kind the kind attempted
 * @param apiVersion the group/version it was read at (the server's preferred one), null when not served
 * @param allNamespaces listed cluster-wide, so every namespace is complete
 * @param namespaces the namespaces fully read, when not {@code allNamespaces}; a partial read (the mesh
 *     ConfigMaps, the istiod workloads of {@code istio-system}) never adds its namespace here
 * @param unavailable null when read; else why not, e.g. "forbidden: ..." or "not served by this cluster"
 * @param names null when every object of the kind was listed; else the only names looked up (Secrets: the
 *     {@code credentialName}s the cluster's Gateways and DestinationRules refer to, each also with
 *     {@code -cacert}), so any other name is unknown; a name looked up in one namespace only is written
 *     {@code namespace/name}
 */
public record KindRead(Kind kind, String apiVersion, boolean allNamespaces, Set<String> namespaces,
    String unavailable, Set<String> names) {

  public KindRead {
    namespaces = Collections.unmodifiableSortedSet(new TreeSet<>(namespaces));
    names = names == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }
}
