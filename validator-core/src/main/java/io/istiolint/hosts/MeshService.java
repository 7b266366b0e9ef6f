package io.istiolint.hosts;

import io.istiolint.api.Kind;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host the mesh can route to: a Kubernetes Service ({@code name.ns.svc.<domain>}) or one host of a
 * ServiceEntry, with its ports, where it is visible, and which workloads back it.
 *
 * @param host     the FQDN, or the ServiceEntry host as declared (possibly a wildcard)
 * @param exportTo the namespaces it is visible in ({@code *} = all)
 * @param selector the Service selector or the ServiceEntry workloadSelector labels (empty: none)
 */
public record MeshService(Resource source, String host, List<Port> ports, Set<String> exportTo, Map<String, String> selector) {

  /** A port of a service: number, name and protocol as declared (protocol may be empty). */
  public record Port(long number, String name, String protocol) {}

  public MeshService {
    ports = List.copyOf(ports);
    exportTo = Set.copyOf(exportTo);
    selector = Map.copyOf(selector);
  }

  public String namespace() {
    return source.namespace();
  }

  public boolean isServiceEntry() {
    return source.kind().equals(Kind.SERVICE_ENTRY);
  }

  public boolean visibleFrom(String namespace) {
    return ExportTo.visible(exportTo, namespace);
  }

  public boolean hasPort(long number) {
    return ports.stream().anyMatch(p -> p.number() == number);
  }
}
