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
import java.util.ArrayList;
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

  /**
   * Draws every reference. Each kind's objects are read in parallel, each into its own list of edges, which are
   * added in index order: the graph is the same, edge for edge, as one drawn object by object.
   */
  RefGraph build() {
    index.all().stream().filter(r -> ResourceIndex.understands(r.kind())).forEach(r -> graph.addVertex(RefGraph.node(r)));
    hosts.services().forEach(s -> graph.addEdge(servedBy(s)));
    // Gateways before VirtualServices: a VirtualService's clients include the workloads its Gateways select.
    draw(Kind.SERVICE);
    draw(Kind.GATEWAY);
    draw(Kind.VIRTUAL_SERVICE, Kind.DESTINATION_RULE, Kind.SIDECAR);
    return new RefGraph(graph);
  }

  /** Draws the references of the objects of {@code kinds}, which read none of each other's edges. */
  private void draw(Kind... kinds) {
    List<Resource> objects = new ArrayList<>();
    for (Kind kind : kinds) {
      objects.addAll(index.ofKind(kind));
    }
    graph.addAll(objects.parallelStream().map(this::drawnBy).toList());
  }

  /** The edges {@code r} makes, alone, as {@link #build} would draw them. */
  Adjacency edgesOf(Resource r) {
    if (ResourceIndex.understands(r.kind())) {
      graph.addVertex(RefGraph.node(r));
    }
    boolean serves = r.kind().equals(Kind.SERVICE) || r.kind().equals(Kind.SERVICE_ENTRY);
    for (MeshService s : serves ? hosts.services() : List.<MeshService>of()) {
      if (s.source() == r) {
        graph.addEdge(servedBy(s));
      }
    }
    drawnBy(r).forEach(graph::addEdge);
    return graph;
  }

  /** A host to the Service or ServiceEntry that serves it, made by that object. */
  private static Edge servedBy(MeshService s) {
    return new Edge(new TargetNode("host", s.host()), RefGraph.node(s.source()), "served-by", null, true, s.source());
  }

  /** The edges {@code r} makes from what it names (not those of the hosts it serves), in drawing order. */
  private List<Edge> drawnBy(Resource r) {
    Drawing d = new Drawing(r);
    Kind kind = r.kind();
    if (kind.equals(Kind.SERVICE)) {
      serviceSelects(r, d);
    } else if (kind.equals(Kind.GATEWAY)) {
      gateway(r, d);
    } else if (kind.equals(Kind.VIRTUAL_SERVICE)) {
      virtualService(r, d);
    } else if (kind.equals(Kind.DESTINATION_RULE)) {
      destinationRule(r, d);
    } else if (kind.equals(Kind.SIDECAR)) {
      sidecar(r, d);
    }
    return d.edges;
  }

  /** The edges one resource makes, as they are drawn: it is their maker. */
  private static final class Drawing {
    final Resource making;
    final List<Edge> edges = new ArrayList<>();

    Drawing(Resource making) {
      this.making = making;
    }

    void edge(Node from, Node to, String relation, YamlPath path, boolean resolved) {
      edges.add(new Edge(from, to, relation, path, resolved, making));
    }
  }

  private void sidecar(Resource sidecar, Drawing d) {
    selects(sidecar, Workload.selectorOf(sidecar), YamlPath.of("spec", "workloadSelector"), d);
  }

  private void serviceSelects(Resource service, Drawing d) {
    Map<String, String> selector = Workload.selectorOf(service);
    if (!selector.isEmpty()) {
      selects(service, selector, YamlPath.of("spec", "selector"), d);
    }
  }

  private void virtualService(Resource vs, Drawing d) {
    ResourceNode from = RefGraph.node(vs);
    List<JsonNode> ownHosts = Json.items(vs.spec().path("hosts"));
    for (int i = 0; i < ownHosts.size(); i++) {
      // A VirtualService host names the traffic it routes; it need not be a service, so it always resolves.
      String host = Json.text(ownHosts.get(i), "");
      if (!host.isEmpty()) {
        d.edge(from, new TargetNode("host", hosts.fqdn(host, vs.namespace())), "host", YamlPath.of("spec", "hosts", i), true);
      }
    }
    Set<String> clients = Clients.namespaces(vs, index, mesh, this::selectedNamespaces);
    for (Destinations.Destination dest : Destinations.of(vs)) {
      HostResolver.Lookup lookup = hosts.lookup(dest.host(), vs.namespace());
      TargetNode host = new TargetNode("host", lookup.fqdn());
      // A service hidden from the VirtualService's namespace still resolves for a client that sees it.
      boolean resolved = lookup.status() != HostResolver.Status.NOT_FOUND
          || lookup.hidden().stream().anyMatch(s -> clients.stream().anyMatch(s::visibleFrom));
      d.edge(from, host, dest.mirror() ? "mirror" : "route", dest.path().field("host"), resolved);
      if (dest.subset() != null) {
        TargetNode subset = new TargetNode("subset", lookup.fqdn() + "/" + dest.subset());
        d.edge(from, subset, "subset", dest.path().field("subset"),
            hosts.subset(lookup, dest.subset(), clients).status() != HostResolver.Status.NOT_FOUND);
      }
    }
    for (GatewayRefs.GatewayRef ref : GatewayRefs.of(vs)) {
      Optional<Resource> gw = GatewayRefs.find(index, ref);
      Node to = gw.<Node>map(RefGraph::node).orElse(new TargetNode("gateway", ref.key()));
      // A Gateway API Gateway of that name binds nothing (istiod's gateways for it are named per listener: IL0105).
      d.edge(from, to, "gateway", ref.path(), gw.isPresent() || !index.completeness().isComplete(Kind.GATEWAY, ref.namespace()));
    }
    List<JsonNode> delegates = Json.items(vs.spec().path("http"));
    for (int i = 0; i < delegates.size(); i++) {
      var delegate = delegates.get(i).path("delegate");
      if (delegate.path("name").isString()) {
        String ns = Json.text(delegate.path("namespace"), vs.namespace());
        Optional<Resource> target = index.find(Kind.VIRTUAL_SERVICE, ns, delegate.get("name").asString(""));
        Node to = target.<Node>map(RefGraph::node).orElse(new TargetNode("virtualservice", ns + "/" + delegate.get("name").asString("")));
        d.edge(from, to, "delegate", YamlPath.of("spec", "http", i, "delegate"), target.isPresent());
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

  private void destinationRule(Resource dr, Drawing d) {
    ResourceNode from = RefGraph.node(dr);
    String host = Json.text(dr.spec().path("host"), "");
    if (host.isEmpty()) {
      return;
    }
    HostResolver.Lookup lookup = hosts.lookup(host, dr.namespace());
    d.edge(from, new TargetNode("host", lookup.fqdn()), "host", YamlPath.of("spec", "host"), lookup.status() != HostResolver.Status.NOT_FOUND);
    List<JsonNode> subsets = Json.items(dr.spec().path("subsets"));
    for (int i = 0; i < subsets.size(); i++) {
      String name = Json.text(subsets.get(i).path("name"), "");
      if (name.isEmpty()) {
        continue;
      }
      TargetNode subset = new TargetNode("subset", lookup.fqdn() + "/" + name);
      d.edge(subset, from, "defined-by", YamlPath.of("spec", "subsets", i), true);
      Map<String, String> labels = Json.stringMap(subsets.get(i).path("labels"));
      for (MeshService service : lookup.matches()) {
        if (service.selector().isEmpty() && !service.isServiceEntry()) {
          continue;
        }
        java.util.HashMap<String, String> selector = new java.util.HashMap<>(service.selector());
        selector.putAll(labels);
        for (Workload w : index.workloadsSelectedBy(service.namespace(), selector)) {
          d.edge(subset, RefGraph.node(w.source()), "selects", YamlPath.of("spec", "subsets", i, "labels"), true);
        }
      }
    }
  }

  private void gateway(Resource gw, Drawing d) {
    Map<String, String> selector = Workload.selectorOf(gw);
    ResourceNode from = RefGraph.node(gw);
    // A Gateway selects its workloads in any namespace; each proxy reads its Secrets from its own namespace.
    Set<String> workloadNamespaces = new LinkedHashSet<>();
    if (!selector.isEmpty()) {
      for (Workload w : index.workloadsSelectedBy(selector)) {
        d.edge(from, RefGraph.node(w.source()), "selects", YamlPath.of("spec", "selector"), true);
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
      credential(from, Json.text(tls.path("credentialName"), ""), at.field("credentialName"), workloadNamespaces, d);
      List<JsonNode> names = Json.items(tls.path("credentialNames"));
      for (int j = 0; j < names.size(); j++) {
        credential(from, Json.text(names.get(j), ""), at.field("credentialNames").index(j), workloadNamespaces, d);
      }
    }
  }

  private void credential(ResourceNode from, String raw, YamlPath path, Set<String> workloadNamespaces, Drawing d) {
    Optional<CredentialName> credential = CredentialName.parse(raw);
    if (credential.isEmpty()) {
      return;
    }
    for (String ns : credential.get().namespacesFor(workloadNamespaces)) {
      String name = credential.get().name();
      Optional<Resource> secret = index.find(Kind.SECRET, ns, name);
      Node to = secret.<Node>map(RefGraph::node).orElse(new TargetNode("secret", ns + "/" + name));
      d.edge(from, to, "credential", path, secret.isPresent() || !index.completeness().isComplete(Kind.SECRET, ns, name));
    }
  }

  private void selects(Resource r, Map<String, String> selector, YamlPath path, Drawing d) {
    if (selector.isEmpty()) {
      return;
    }
    for (Workload w : index.workloadsSelectedBy(r.namespace(), selector)) {
      d.edge(RefGraph.node(r), RefGraph.node(w.source()), "selects", path, true);
    }
  }
}
