package io.istiolint.graph;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.YamlPath;
import io.istiolint.graph.RefGraph.Edge;
import io.istiolint.graph.RefGraph.Node;
import io.istiolint.graph.RefGraph.ResourceNode;
import io.istiolint.graph.RefGraph.TargetNode;
import io.istiolint.hosts.Clients;
import io.istiolint.hosts.Destinations;
import io.istiolint.hosts.GatewayRefs;
import io.istiolint.hosts.HostResolver;
import io.istiolint.hosts.MeshService;
import io.istiolint.index.CredentialName;
import io.istiolint.index.ResourceIndex;
import io.istiolint.index.Workload;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Resource;
import io.istiolint.model.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Resolves every reference of the loaded resources once and records it as an edge. */
final class RefGraphBuilder {

  private final ResourceIndex index;
  private final HostResolver hosts;
  private final MeshInfo mesh;
  private final Adjacency graph = RefGraph.newGraph();
  /** The outgoing edges drawn so far of a node: of this graph, or of the graph an overlay builds on. */
  private final Function<Node, Set<Edge>> drawn;
  /** The resource whose references are being drawn: the maker of the edges drawn now. */
  private Resource making;

  RefGraphBuilder(ResourceIndex index, HostResolver hosts) {
    this.index = index;
    this.hosts = hosts;
    this.mesh = hosts.mesh();
    this.drawn = n -> graph.containsVertex(n) ? graph.outgoingEdgesOf(n) : Set.of();
  }

  /** A builder of one resource's edges; {@code drawn} gives the outgoing edges of the graph it is laid over. */
  RefGraphBuilder(ResourceIndex index, HostResolver hosts, Function<Node, Set<Edge>> drawn) {
    this.index = index;
    this.hosts = hosts;
    this.mesh = hosts.mesh();
    this.drawn = drawn;
  }

  RefGraph build() {
    index.all().stream().filter(r -> ResourceIndex.understands(r.kind())).forEach(r -> graph.addVertex(RefGraph.node(r)));
    for (MeshService s : hosts.services()) {
      making = s.source();
      edge(new TargetNode("host", s.host()), RefGraph.node(s.source()), "served-by", null, true);
    }
    index.ofKind(Kind.SERVICE).forEach(this::serviceSelects);
    // Gateways first: a VirtualService's clients include the workloads its Gateways select.
    index.ofKind(Kind.GATEWAY).forEach(this::gateway);
    index.ofKind(Kind.VIRTUAL_SERVICE).forEach(this::virtualService);
    index.ofKind(Kind.DESTINATION_RULE).forEach(this::destinationRule);
    index.ofKind(Kind.SIDECAR).forEach(this::sidecar);
    return new RefGraph(graph);
  }

  /** The edges {@code r} makes, alone, as {@link #build} would draw them. */
  Adjacency edgesOf(Resource r) {
    if (ResourceIndex.understands(r.kind())) {
      graph.addVertex(RefGraph.node(r));
    }
    boolean serves = r.kind().equals(Kind.SERVICE) || r.kind().equals(Kind.SERVICE_ENTRY);
    for (MeshService s : serves ? hosts.services() : List.<MeshService>of()) {
      if (s.source() == r) {
        making = r;
        edge(new TargetNode("host", s.host()), RefGraph.node(s.source()), "served-by", null, true);
      }
    }
    Kind kind = r.kind();
    if (kind.equals(Kind.SERVICE)) {
      serviceSelects(r);
    } else if (kind.equals(Kind.GATEWAY)) {
      gateway(r);
    } else if (kind.equals(Kind.VIRTUAL_SERVICE)) {
      virtualService(r);
    } else if (kind.equals(Kind.DESTINATION_RULE)) {
      destinationRule(r);
    } else if (kind.equals(Kind.SIDECAR)) {
      sidecar(r);
    }
    return graph;
  }

  private void sidecar(Resource sidecar) {
    making = sidecar;
    selects(sidecar, Workload.selectorOf(sidecar), YamlPath.of("spec", "workloadSelector"));
  }

  private void serviceSelects(Resource service) {
    making = service;
    Map<String, String> selector = Workload.selectorOf(service);
    if (!selector.isEmpty()) {
      selects(service, selector, YamlPath.of("spec", "selector"));
    }
  }

  private void virtualService(Resource vs) {
    making = vs;
    ResourceNode from = RefGraph.node(vs);
    List<JsonNode> ownHosts = Json.items(vs.spec().path("hosts"));
    for (int i = 0; i < ownHosts.size(); i++) {
      // A VirtualService host names the traffic it routes; it need not be a service, so it always resolves.
      String host = Json.text(ownHosts.get(i), "");
      if (!host.isEmpty()) {
        edge(from, new TargetNode("host", hosts.fqdn(host, vs.namespace())), "host", YamlPath.of("spec", "hosts", i), true);
      }
    }
    Set<String> clients = Clients.namespaces(vs, index, mesh, this::selectedNamespaces);
    for (Destinations.Destination d : Destinations.of(vs)) {
      HostResolver.Lookup lookup = hosts.lookup(d.host(), vs.namespace());
      TargetNode host = new TargetNode("host", lookup.fqdn());
      // A service hidden from the VirtualService's namespace still resolves for a client that sees it.
      boolean resolved = lookup.status() != HostResolver.Status.NOT_FOUND
          || lookup.hidden().stream().anyMatch(s -> clients.stream().anyMatch(s::visibleFrom));
      edge(from, host, d.mirror() ? "mirror" : "route", d.path().field("host"), resolved);
      if (d.subset() != null) {
        TargetNode subset = new TargetNode("subset", lookup.fqdn() + "/" + d.subset());
        edge(from, subset, "subset", d.path().field("subset"),
            hosts.subset(lookup, d.subset(), clients).status() != HostResolver.Status.NOT_FOUND);
      }
    }
    for (GatewayRefs.GatewayRef ref : GatewayRefs.of(vs)) {
      Optional<Resource> gw = GatewayRefs.find(index, ref);
      Node to = gw.<Node>map(RefGraph::node).orElse(new TargetNode("gateway", ref.key()));
      // A Gateway API Gateway of that name binds nothing (istiod's gateways for it are named per listener: IL0105).
      edge(from, to, "gateway", ref.path(), gw.isPresent() || !index.completeness().isComplete(Kind.GATEWAY, ref.namespace()));
    }
    List<JsonNode> delegates = Json.items(vs.spec().path("http"));
    for (int i = 0; i < delegates.size(); i++) {
      var delegate = delegates.get(i).path("delegate");
      if (delegate.path("name").isString()) {
        String ns = Json.text(delegate.path("namespace"), vs.namespace());
        Optional<Resource> target = index.find(Kind.VIRTUAL_SERVICE, ns, delegate.get("name").asString(""));
        Node to = target.<Node>map(RefGraph::node).orElse(new TargetNode("virtualservice", ns + "/" + delegate.get("name").asString("")));
        edge(from, to, "delegate", YamlPath.of("spec", "http", i, "delegate"), target.isPresent());
      }
    }
  }

  /** The namespaces of the workloads a Gateway selects, from the edges drawn so far. */
  private Set<String> selectedNamespaces(Resource gateway) {
    Set<String> namespaces = new LinkedHashSet<>();
    for (Edge e : drawn.apply(RefGraph.node(gateway))) {
      if (e.relation().equals("selects") && e.target() instanceof ResourceNode target) {
        namespaces.add(target.ref().namespace());
      }
    }
    return namespaces;
  }

  private void destinationRule(Resource dr) {
    making = dr;
    ResourceNode from = RefGraph.node(dr);
    String host = Json.text(dr.spec().path("host"), "");
    if (host.isEmpty()) {
      return;
    }
    HostResolver.Lookup lookup = hosts.lookup(host, dr.namespace());
    edge(from, new TargetNode("host", lookup.fqdn()), "host", YamlPath.of("spec", "host"), lookup.status() != HostResolver.Status.NOT_FOUND);
    List<JsonNode> subsets = Json.items(dr.spec().path("subsets"));
    for (int i = 0; i < subsets.size(); i++) {
      String name = Json.text(subsets.get(i).path("name"), "");
      if (name.isEmpty()) {
        continue;
      }
      TargetNode subset = new TargetNode("subset", lookup.fqdn() + "/" + name);
      edge(subset, from, "defined-by", YamlPath.of("spec", "subsets", i), true);
      Map<String, String> labels = Json.stringMap(subsets.get(i).path("labels"));
      for (MeshService service : lookup.matches()) {
        if (service.selector().isEmpty() && !service.isServiceEntry()) {
          continue;
        }
        java.util.HashMap<String, String> selector = new java.util.HashMap<>(service.selector());
        selector.putAll(labels);
        for (Workload w : index.workloadsSelectedBy(service.namespace(), selector)) {
          edge(subset, RefGraph.node(w.source()), "selects", YamlPath.of("spec", "subsets", i, "labels"), true);
        }
      }
    }
  }

  private void gateway(Resource gw) {
    making = gw;
    Map<String, String> selector = Workload.selectorOf(gw);
    ResourceNode from = RefGraph.node(gw);
    // A Gateway selects its workloads in any namespace; each proxy reads its Secrets from its own namespace.
    Set<String> workloadNamespaces = new LinkedHashSet<>();
    if (!selector.isEmpty()) {
      for (Workload w : index.workloadsSelectedBy(selector)) {
        edge(from, RefGraph.node(w.source()), "selects", YamlPath.of("spec", "selector"), true);
        workloadNamespaces.add(w.namespace());
      }
    }
    if (workloadNamespaces.isEmpty()) {
      workloadNamespaces.add(gw.namespace());
    }
    List<JsonNode> servers = Json.items(gw.spec().path("servers"));
    for (int i = 0; i < servers.size(); i++) {
      JsonNode tls = servers.get(i).path("tls");
      YamlPath at = YamlPath.of("spec", "servers", i, "tls");
      credential(from, Json.text(tls.path("credentialName"), ""), at.field("credentialName"), workloadNamespaces);
      List<JsonNode> names = Json.items(tls.path("credentialNames"));
      for (int j = 0; j < names.size(); j++) {
        credential(from, Json.text(names.get(j), ""), at.field("credentialNames").index(j), workloadNamespaces);
      }
    }
  }

  private void credential(ResourceNode from, String raw, YamlPath path, Set<String> workloadNamespaces) {
    Optional<CredentialName> credential = CredentialName.parse(raw);
    if (credential.isEmpty()) {
      return;
    }
    for (String ns : credential.get().namespacesFor(workloadNamespaces)) {
      String name = credential.get().name();
      Optional<Resource> secret = index.find(Kind.SECRET, ns, name);
      Node to = secret.<Node>map(RefGraph::node).orElse(new TargetNode("secret", ns + "/" + name));
      edge(from, to, "credential", path, secret.isPresent() || !index.completeness().isComplete(Kind.SECRET, ns, name));
    }
  }

  private void selects(Resource r, Map<String, String> selector, YamlPath path) {
    if (selector.isEmpty()) {
      return;
    }
    for (Workload w : index.workloadsSelectedBy(r.namespace(), selector)) {
      edge(RefGraph.node(r), RefGraph.node(w.source()), "selects", path, true);
    }
  }

  private void edge(Node from, Node to, String relation, YamlPath path, boolean resolved) {
    graph.addVertex(from);
    graph.addVertex(to);
    graph.addEdge(new Edge(from, to, relation, path, resolved, making));
  }
}
