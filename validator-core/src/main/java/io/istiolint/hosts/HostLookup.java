package io.istiolint.hosts;

import io.istiolint.hosts.HostResolver.Lookup;
import io.istiolint.hosts.HostResolver.RuleChoice;
import io.istiolint.hosts.HostResolver.SubsetLookup;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Resource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What rules may ask about hosts, as istiod resolves them ({@link HostResolver} answers, for a whole view or one
 * laid over another); rules see only this.
 */
public interface HostLookup {

  /** Resolves {@code host} as written in namespace {@code from}. */
  Lookup lookup(String host, String from);

  /** The DestinationRules visible from {@code from} whose host covers {@code fqdn}, in input order. */
  List<Resource> destinationRules(String fqdn, String from);

  /** istiod's choice of DestinationRule for {@code fqdn} seen from a client in {@code client}. */
  RuleChoice destinationRulesFor(String fqdn, String client, String serviceNamespace);

  /** Whether {@code subset} of the looked-up host is defined for every client in {@code clients}. */
  SubsetLookup subset(Lookup host, String subset, Collection<String> clients);

  /** Whether {@code dr} is exported to {@code namespace}. */
  boolean destinationRuleVisible(Resource dr, String namespace);

  /** Whether every DestinationRule that could apply to {@code fqdn} from {@code from} is known. */
  boolean destinationRulesComplete(String fqdn, String from);

  /** Why a host only ServiceEntries can serve stays unverified while not every namespace's ServiceEntries are known. */
  String serviceEntriesUnknown();

  /** Every service the view declares: Services and ServiceEntries, one per host. */
  List<MeshService> services();

  /** The mesh facts hosts are resolved with. */
  MeshInfo mesh();

  /** {@code host} as istiod expands it in {@code namespace}: a short name gets the namespace and domain suffix. */
  String fqdn(String host, String namespace);

  boolean isClusterLocal(String fqdn);

  /** Whether {@code host} is a wildcard over every namespace. */
  boolean spansAllNamespaces(String host);

  /** The namespace a cluster-local {@code fqdn} names. */
  Optional<String> namespaceOf(String fqdn);
}
