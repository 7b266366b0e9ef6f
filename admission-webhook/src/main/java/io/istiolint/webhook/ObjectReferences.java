package io.istiolint.webhook;

import io.istiolint.api.Kind;
import io.istiolint.api.ResourceRef;
import io.istiolint.graph.RefGraph;
import io.istiolint.index.Workload;
import io.istiolint.report.KialiValidations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JsonGenerator;

/**
 * Kiali's {@code IstioReferences} of one object: the Istio objects it refers to ({@code objectReferences}), the
 * Services and ServiceEntries serving the hosts it names ({@code serviceReferences}), and the workloads it selects
 * ({@code workloadReferences}, for a DestinationRule those its subsets select). The references are those of
 * {@code --format kiali}, sorted the same way.
 */
record ObjectReferences(List<ResourceRef> objects, List<ResourceRef> services, List<ResourceRef> workloads) {

  static ObjectReferences of(ConfigCatalog catalog, ResourceRef ref) {
    RefGraph graph = catalog.snapshot().graph();
    Set<ResourceRef> all = new LinkedHashSet<>(KialiValidations.references(graph, ref));
    for (RefGraph.Edge defines : graph.incoming(new RefGraph.ResourceNode(ref))) {
      if (defines.relation().equals("defined-by")) {
        for (RefGraph.Edge selects : graph.outgoing(defines.source())) {
          if (selects.relation().equals("selects") && selects.target() instanceof RefGraph.ResourceNode workload) {
            all.add(workload.ref());
          }
        }
      }
    }
    List<ResourceRef> objects = new ArrayList<>();
    List<ResourceRef> services = new ArrayList<>();
    List<ResourceRef> workloads = new ArrayList<>();
    for (ResourceRef r : all.stream().sorted(KialiValidations.REF_ORDER).toList()) {
      Kind kind = r.kindRef();
      Optional<ConfigCatalog.Item> item = catalog.find(r);
      if (kind.equals(Kind.SERVICE) || kind.equals(Kind.SERVICE_ENTRY)) {
        services.add(r);
      } else if (item.isPresent() && Workload.of(item.get().resource()).isPresent()) {
        workloads.add(r);
      } else {
        objects.add(r);
      }
    }
    return new ObjectReferences(objects, services, workloads);
  }

  void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeArrayPropertyStart("objectReferences");
    for (ResourceRef r : objects) {
      g.writeStartObject();
      KialiValidations.writeGvk(g, r);
      g.writeStringProperty("name", r.name());
      g.writeStringProperty("namespace", r.namespace());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("serviceReferences");
    for (ResourceRef r : services) {
      g.writeStartObject();
      if (r.kindRef().equals(Kind.SERVICE_ENTRY)) {
        g.writeBooleanProperty("isServiceEntry", true);
      }
      g.writeStringProperty("name", r.name());
      g.writeStringProperty("namespace", r.namespace());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("workloadReferences");
    for (ResourceRef r : workloads) {
      g.writeStartObject();
      g.writeStringProperty("name", r.name());
      g.writeStringProperty("namespace", r.namespace());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
