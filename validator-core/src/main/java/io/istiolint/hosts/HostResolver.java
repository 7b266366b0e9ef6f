package io.istiolint.hosts;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import io.istiolint.api.Kind;
import io.istiolint.api.ResourceRef;
import io.istiolint.index.Reads;
import io.istiolint.index.ResourceIndex;
import io.istiolint.index.Workload;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Origin;
import io.istiolint.model.Resource;
import io.istiolint.model.Json;
import io.istiolint.model.SourceMap;
import io.istiolint.schemas.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Resolves hosts the way Istio's data plane does (istiod's short-name resolution), not the looser way of
 * some tools: only a dot-less short name is expanded ({@code reviews} → {@code reviews.<ns>.svc.<domain>});
 * a name with a dot is taken literally, so {@code reviews.bookinfo} reaches nothing unless a ServiceEntry
 * declares exactly that host. Visibility follows {@code exportTo} (the Service annotation
 * {@code networking.istio.io/exportTo}, ServiceEntry {@code exportTo}, or the mesh default).
 */
public final class HostResolver implements HostLookup {

  /** Why a host that {@link #spansAllNamespaces spans all namespaces} stays unverified without {@code --complete}. */
  public static final String ALL_NAMESPACES_NEEDED = "a wildcard over all namespaces needs the Services of every namespace";

  static final String EXPORT_TO_ANNOTATION = "networking.istio.io/exportTo";

  /** Whether a lookup found something, found nothing, or could not tell because its scope was not loaded. */
  public enum Status { FOUND, NOT_FOUND, UNVERIFIED }

  /**
   * The outcome of resolving one host.
   *
   * @param matches    services visible from the asking namespace that serve the host
   * @param hidden     services that would serve it but whose exportTo hides them from the asking namespace
   * @param reason     for NOT_FOUND and UNVERIFIED: why, in a few words
   * @param suggestion a close host that does resolve, written the way the caller should write it, or null
   */
  public record Lookup(String host, String fqdn, Status status, List<MeshService> matches, List<MeshService> hidden,
      String reason, String suggestion) {
    public Lookup {
      matches = List.copyOf(matches); // shared by every rule that asks (answers are remembered)
      hidden = List.copyOf(hidden);
    }
  }

  /** A question asked of the resolver, as the key of its remembered answer; written out as ResourceRef's. */
  private record Question(String a, String b, String c) {
    @Override
    public int hashCode() {
      int h = Objects.hashCode(a);
      h = h * ResourceRef.HASH_MIX + Objects.hashCode(b);
      return h * ResourceRef.HASH_MIX + Objects.hashCode(c);
    }

    @Override
    public boolean equals(Object o) {
      return this == o || o instanceof Question q && Objects.equals(a, q.a) && Objects.equals(b, q.b) && Objects.equals(c, q.c);
    }
  }

  // Answers given, with the questions about the view they asked: every rule that follows a reference resolves
  // its host and its DestinationRules again. Each resolver answers over one index, so they stay true.
  private final Map<Question, Reads.Answer<Lookup>> lookups = new ConcurrentHashMap<>();
  private final Map<Question, Reads.Answer<RuleChoice>> ruleChoices = new ConcurrentHashMap<>();
  private final Map<Question, Reads.Answer<List<Resource>>> visibleRules = new ConcurrentHashMap<>();

  private final ResourceIndex index;
  private final MeshInfo mesh;
  private final List<MeshService> services;
  // Lookups are per reference, so they must not scan: exact names are hashed, only wildcards are scanned.
  private final Map<String, List<MeshService>> servicesByName;
  private final List<MeshService> wildcardServices;
  private final Map<String, List<Resource>> destinationRulesByHost;
  private final List<Resource> wildcardDestinationRules;
  private static final Set<String> DEPLOYED_GATEWAY_CLASSES = Set.of("istio", "istio-waypoint", "istio-east-west");

  public HostResolver(ResourceIndex index, MeshInfo mesh) {
    this.index = index;
    this.mesh = mesh;
    this.services = collect(index, mesh);
    this.servicesByName = new HashMap<>();
    this.wildcardServices = new ArrayList<>();
    this.destinationRulesByHost = new HashMap<>();
    this.wildcardDestinationRules = new ArrayList<>();
    for (MeshService s : services) {
      if (Hosts.isWildcard(s.host())) {
        wildcardServices.add(s);
      } else {
        servicesByName.computeIfAbsent(s.host(), k -> new ArrayList<>()).add(s);
        String expanded = s.isServiceEntry() ? fqdn(s.host(), s.namespace()) : s.host();
        if (!expanded.equals(s.host())) {
          servicesByName.computeIfAbsent(expanded, k -> new ArrayList<>()).add(s);
        }
      }
    }
    // Resolvable, but not among services(): it is no input, so the graph and suggestions leave it out.
    if (index.find(Kind.SERVICE, "default", "kubernetes").isEmpty()) {
      MeshService apiServer = apiServerService(mesh);
      servicesByName.computeIfAbsent(apiServer.host(), k -> new ArrayList<>()).add(apiServer);
    }
    for (MeshService deployed : gatewayServices(index, mesh)) {
      servicesByName.computeIfAbsent(deployed.host(), k -> new ArrayList<>()).add(deployed);
    }
    for (Resource dr : index.ofKind(Kind.DESTINATION_RULE)) {
      String host = hostOf(dr);
      if (Hosts.isWildcard(host)) {
        wildcardDestinationRules.add(dr);
      } else if (!host.isEmpty()) {
        destinationRulesByHost.computeIfAbsent(host, k -> new ArrayList<>()).add(dr);
      }
    }
  }

  private HostResolver(HostResolver base, ResourceIndex index, Map<String, List<Resource>> destinationRulesByHost,
      List<Resource> wildcardDestinationRules) {
    this.index = index;
    this.mesh = base.mesh;
    this.services = base.services;
    this.servicesByName = base.servicesByName;
    this.wildcardServices = base.wildcardServices;
    this.destinationRulesByHost = destinationRulesByHost;
    this.wildcardDestinationRules = wildcardDestinationRules;
  }

  /** The same resolution over {@code index}, which holds the same objects as this one's (its settled copy). */
  public HostResolver over(ResourceIndex index) {
    return new HostResolver(this, index, destinationRulesByHost, wildcardDestinationRules);
  }

  /** The host of a DestinationRule, read in its namespace. */
  /** The host a DestinationRule applies to, read in its namespace (what {@link Reads.DestinationRulesOf} names). */
  public String hostOf(Resource dr) {
    return fqdn(Json.text(dr.spec().path("host"), ""), dr.namespace());
  }

  /** The kinds whose objects make {@link #services()}: a change to one of them means building anew. */
  private static final Set<Kind> SERVICE_KINDS = Set.of(Kind.SERVICE, Kind.SERVICE_ENTRY, Kind.KUBERNETES_GATEWAY);

  /**
   * Host resolution over {@code index}, which is this resolver's index with {@code changed} objects added,
   * replaced or removed ({@link ResourceIndex#with}, {@link ResourceIndex#without}), as if built anew: the service
   * tables are shared unless a service kind changed, and only the DestinationRule hosts that changed are looked up
   * again.
   */
  public HostResolver with(ResourceIndex index, List<Resource> changed) {
    if (changed.stream().anyMatch(r -> SERVICE_KINDS.contains(r.kind()))) {
      return new HostResolver(index, mesh);
    }
    if (changed.stream().noneMatch(r -> r.kind().equals(Kind.DESTINATION_RULE))) {
      return new HostResolver(this, index, destinationRulesByHost, wildcardDestinationRules);
    }
    Set<String> hosts = new LinkedHashSet<>();
    changed.forEach(dr -> hosts.add(hostOf(dr)));
    Map<String, List<Resource>> byHost = new HashMap<>(destinationRulesByHost);
    List<Resource> wildcards = wildcardDestinationRules;
    for (String host : hosts) {
      List<Resource> rules = index.ofKind(Kind.DESTINATION_RULE).stream().filter(dr -> hostOf(dr).equals(host)).toList();
      if (Hosts.isWildcard(host)) {
        wildcards = index.ofKind(Kind.DESTINATION_RULE).stream().filter(dr -> Hosts.isWildcard(hostOf(dr))).toList();
      } else if (host.isEmpty()) {
        continue;
      } else if (rules.isEmpty()) {
        byHost.remove(host);
      } else {
        byHost.put(host, rules);
      }
    }
    return new HostResolver(this, index, byHost, wildcards);
  }

  /**
   * The DestinationRules visible from namespace {@code from} whose host (read in the rule's namespace)
   * covers {@code fqdn}, in input order.
   */
  public List<Resource> destinationRules(String fqdn, String from) {
    return remembered(visibleRules, new Question(fqdn, from, null), () -> visibleDestinationRules(fqdn, from));
  }

  private List<Resource> visibleDestinationRules(String fqdn, String from) {
    Reads.of(new Reads.DestinationRulesOf(fqdn));
    List<Resource> candidates = new ArrayList<>(destinationRulesByHost.getOrDefault(fqdn, List.of()));
    candidates.addAll(wildcardDestinationRules);
    List<Resource> rules = new ArrayList<>();
    for (Resource dr : candidates) {
      String drHost = fqdn(Json.text(dr.spec().path("host"), ""), dr.namespace());
      var scopes = ExportTo.scopesOf(dr, mesh.defaultDestinationRuleExportTo());
      if (!drHost.isEmpty() && Hosts.covers(drHost, fqdn) && ExportTo.visible(scopes, from)) {
        rules.add(dr);
      }
    }
    return List.copyOf(rules);
  }

  /**
   * The DestinationRules istiod applies to {@code fqdn} for a client in namespace {@code client}.
   *
   * @param status    FOUND: {@code rules} is the choice (possibly several DRs of one host in one namespace, which
   *                  istiod merges); NOT_FOUND: no DestinationRule applies; UNVERIFIED: a namespace that could hold
   *                  the winning rule was not loaded
   * @param rules     the chosen rules, in input order
   * @param namespace where they were found, or null
   * @param shadowed  the other DestinationRules whose host covers {@code fqdn}: less specific, in a namespace
   *                  istiod does not consult for this client, after the choice, or hidden by their exportTo
   * @param selective rules with a {@code workloadSelector} for the host visible to the client: they apply to
   *                  some workloads only, so they never shadow others
   * @param reason    for UNVERIFIED, why
   */
  public record RuleChoice(Status status, List<Resource> rules, String namespace, List<Resource> shadowed,
      List<Resource> selective, String reason) {
    public RuleChoice {
      rules = List.copyOf(rules); // shared by every rule that asks (answers are remembered)
      shadowed = List.copyOf(shadowed);
      selective = List.copyOf(selective);
    }
  }

  /**
   * istiod's choice of DestinationRule for {@code fqdn} seen from a client in {@code client}: the most specific
   * host among the rules of the client's namespace; if none, among the rules exported to the client from the
   * service's namespace ({@code serviceNamespace}, may be null); if none, from the root namespace.
   */
  public RuleChoice destinationRulesFor(String fqdn, String client, String serviceNamespace) {
    return remembered(ruleChoices, new Question(fqdn, client, serviceNamespace), () -> choose(fqdn, client, serviceNamespace));
  }

  private RuleChoice choose(String fqdn, String client, String serviceNamespace) {
    Reads.of(new Reads.DestinationRulesOf(fqdn));
    List<Resource> covering = new ArrayList<>();
    List<Resource> selective = new ArrayList<>();
    List<Resource> candidates = new ArrayList<>(destinationRulesByHost.getOrDefault(fqdn, List.of()));
    candidates.addAll(wildcardDestinationRules);
    for (Resource dr : candidates) {
      if (!Hosts.covers(drHost(dr), fqdn)) {
        continue;
      }
      boolean scoped = !Workload.selectorOf(dr).isEmpty();
      (scoped && drVisible(dr, client) ? selective : covering).add(dr);
    }
    Set<String> order = new LinkedHashSet<>();
    order.add(client);
    if (serviceNamespace != null) {
      order.add(serviceNamespace);
    }
    order.add(mesh.rootNamespace());
    for (String ns : order) {
      List<Resource> visible = covering.stream().filter(dr -> dr.namespace().equals(ns) && drVisible(dr, client)).toList();
      if (!visible.isEmpty()) {
        // The most specific host wins: the exact name, else the longest wildcard.
        String best = visible.stream().map(this::drHost).filter(fqdn::equals).findFirst()
            .orElseGet(() -> visible.stream().map(this::drHost).max(Comparator.comparingInt(String::length)).orElseThrow());
        List<Resource> rules = visible.stream().filter(dr -> drHost(dr).equals(best)).toList();
        return new RuleChoice(Status.FOUND, rules, ns, covering.stream().filter(dr -> !rules.contains(dr)).toList(), selective, null);
      }
      if (!index.completeness().isComplete(Kind.DESTINATION_RULE, ns)) {
        return new RuleChoice(Status.UNVERIFIED, List.of(), null, covering, selective, index.completeness().whyIncomplete(Kind.DESTINATION_RULE, ns));
      }
    }
    return new RuleChoice(Status.NOT_FOUND, List.of(), null, covering, selective, null);
  }

  /**
   * Whether the DestinationRules istiod applies to a resolved host define {@code subset} for some client in
   * {@code clients}, with the choices made (per client, per namespace the host's services live in).
   */
  public record SubsetLookup(Status status, List<RuleChoice> choices) {}

  public SubsetLookup subset(Lookup host, String subset, Collection<String> clients) {
    Reads.of(new Reads.DestinationRulesOf(host.fqdn()));
    if (host.status() == Status.NOT_FOUND) {
      return new SubsetLookup(Status.NOT_FOUND, List.of());
    }
    Set<String> serviceNamespaces = new LinkedHashSet<>();
    host.matches().forEach(s -> serviceNamespaces.add(s.namespace()));
    if (serviceNamespaces.isEmpty()) {
      serviceNamespaces.add(namespaceOf(host.fqdn()).orElse(null));
    }
    List<RuleChoice> choices = new ArrayList<>();
    Status status = Status.NOT_FOUND;
    for (String client : clients) {
      for (String ns : serviceNamespaces) {
        RuleChoice choice = destinationRulesFor(host.fqdn(), client, ns);
        choices.add(choice);
        boolean defined = choice.rules().stream().anyMatch(dr -> definesSubset(dr, subset))
            || choice.selective().stream().anyMatch(dr -> definesSubset(dr, subset));
        if (defined) {
          return new SubsetLookup(Status.FOUND, choices);
        }
        if (choice.status() == Status.UNVERIFIED) {
          status = Status.UNVERIFIED;
        }
      }
    }
    return new SubsetLookup(status, choices);
  }

  /** The subset names a DestinationRule defines, in order. */
  public static List<String> subsetNames(Resource dr) {
    List<String> names = new ArrayList<>();
    Json.items(dr.spec().path("subsets")).forEach(s -> {
      String name = Json.text(s.path("name"), "");
      if (!name.isEmpty()) {
        names.add(name);
      }
    });
    return names;
  }

  private static boolean definesSubset(Resource dr, String subset) {
    return subsetNames(dr).contains(subset);
  }

  private String drHost(Resource dr) {
    return fqdn(Json.text(dr.spec().path("host"), ""), dr.namespace());
  }

  /** True when a DestinationRule's exportTo (or the mesh default) includes {@code namespace}. */
  public boolean destinationRuleVisible(Resource dr, String namespace) {
    return drVisible(dr, namespace);
  }

  private boolean drVisible(Resource dr, String namespace) {
    var scopes = ExportTo.scopesOf(dr, mesh.defaultDestinationRuleExportTo());
    return ExportTo.visible(scopes, namespace);
  }

  /**
   * True when every DestinationRule that could apply to {@code fqdn} for clients in {@code from} is known:
   * those of the client's namespace, of the service's namespace and of the root namespace.
   */
  public boolean destinationRulesComplete(String fqdn, String from) {
    Reads.of(new Reads.DestinationRulesOf(fqdn));
    return index.completeness().isComplete(Kind.DESTINATION_RULE, from)
        || namespaceOf(fqdn).map(ns -> index.completeness().isComplete(Kind.DESTINATION_RULE, ns)).orElse(false);
  }

  /** The mesh facts hosts are resolved with. */
  public MeshInfo mesh() {
    return mesh;
  }

  /** Every service and ServiceEntry host loaded. */
  public List<MeshService> services() {
    Reads.of(SERVICE_KINDS);
    return services;
  }

  /** {@code reviews} in namespace {@code shop} → {@code reviews.shop.svc.cluster.local}; anything with a dot as is. */
  public String fqdn(String host, String namespace) {
    return host.contains(".") || Hosts.isWildcard(host) ? host : host + "." + namespace + ".svc." + mesh.domainSuffix();
  }

  /** True for {@code name.ns.svc.<domain>} and wildcards inside the cluster domain. */
  public boolean isClusterLocal(String fqdn) {
    return fqdn.endsWith(".svc." + mesh.domainSuffix());
  }

  /** True for a wildcard that covers the Services of every namespace ({@code *}, {@code *.svc.cluster.local}, …). */
  public boolean spansAllNamespaces(String host) {
    return Hosts.isWildcard(host) && Hosts.covers(host, "any.namespace.svc." + mesh.domainSuffix());
  }

  /** The namespace part of a cluster-local FQDN ({@code a.ns.svc.cluster.local} → {@code ns}), if any. */
  public Optional<String> namespaceOf(String fqdn) {
    if (!isClusterLocal(fqdn)) {
      return Optional.empty();
    }
    String[] labels = fqdn.substring(0, fqdn.length() - (".svc." + mesh.domainSuffix()).length()).split("\\.");
    return labels.length >= 2 ? Optional.of(labels[labels.length - 1]) : Optional.empty();
  }

  /** Resolves {@code host} as written in an object of namespace {@code from}. */
  public Lookup lookup(String host, String from) {
    return remembered(lookups, new Question(host, from, null), () -> resolve(host, from));
  }

  /**
   * The answer to {@code question}: remembered, its questions about the view asked again, or worked out now.
   * Not with {@code computeIfAbsent}: working out one answer may ask for another.
   */
  private static <T> T remembered(Map<Question, Reads.Answer<T>> answers, Question question, Supplier<T> work) {
    Reads.Answer<T> known = answers.get(question);
    if (known != null) {
      return known.replay();
    }
    Reads.Answer<T> answer = Reads.answer(work);
    answers.putIfAbsent(question, answer);
    return answer.value();
  }

  private Lookup resolve(String host, String from) {
    Reads.of(SERVICE_KINDS);
    String fqdn = fqdn(host, from);
    List<MeshService> matches = new ArrayList<>();
    List<MeshService> hidden = new ArrayList<>();
    Set<MeshService> candidates = new LinkedHashSet<>(servicesByName.getOrDefault(fqdn, List.of()));
    candidates.addAll(servicesByName.getOrDefault(host, List.of()));
    candidates.addAll(wildcardServices);
    for (MeshService s : candidates) {
      if (serves(s, host, fqdn)) {
        (s.visibleFrom(from) ? matches : hidden).add(s);
      }
    }
    if (!matches.isEmpty()) {
      return new Lookup(host, fqdn, Status.FOUND, matches, hidden, null, null);
    }
    Optional<String> serviceNamespace = namespaceOf(fqdn);
    Optional<String> halfQualified = halfQualifiedFqdn(host);
    // A name outside the cluster domain is served only by ServiceEntries, and one of any namespace may export it here;
    // one that declares it but hides it from here shows the mistake.
    boolean external = serviceNamespace.isEmpty() && !(halfQualified.isPresent() && namesLoadedNamespace(halfQualified.get(), from));
    if (external && hidden.isEmpty() && !index.completeness().isCompleteEverywhere(Kind.SERVICE_ENTRY)) {
      return new Lookup(host, fqdn, Status.UNVERIFIED, matches, hidden, serviceEntriesUnknown(), null);
    }
    if (!hidden.isEmpty()) {
      return new Lookup(host, fqdn, Status.NOT_FOUND, matches, hidden,
          "it exists but its exportTo does not include namespace " + from, null);
    }
    if (halfQualified.isPresent()) {
      // Suggest the FQDN meant only where that Service exists, or may (its namespace is the user's); else a close one.
      String meant = halfQualified.get();
      boolean mayExist = servicesByName.getOrDefault(meant, List.of()).stream().anyMatch(s -> s.visibleFrom(from))
          || namespaceOf(meant).map(ns -> ns.equals(from) && !index.completeness().isComplete(Kind.SERVICE, ns)).orElse(false);
      return new Lookup(host, fqdn, Status.NOT_FOUND, matches, hidden,
          "Istio does not expand a name with a dot: only a ServiceEntry declaring exactly `" + host + "` would serve it",
          mayExist ? meant : suggest(meant, meant, from));
    }
    if (serviceNamespace.isPresent() && !index.completeness().isComplete(Kind.SERVICE, serviceNamespace.get())) {
      return new Lookup(host, fqdn, Status.UNVERIFIED, matches, hidden,
          index.completeness().whyIncomplete(Kind.SERVICE, serviceNamespace.get()), null);
    }
    String reason = serviceNamespace.isPresent()
        ? "no Service " + fqdn.substring(0, fqdn.indexOf('.')) + " in namespace " + serviceNamespace.get()
        : "no ServiceEntry of any namespace declares it";
    return new Lookup(host, fqdn, Status.NOT_FOUND, matches, hidden, reason, suggest(host, fqdn, from));
  }

  /**
   * Why a host only ServiceEntries serve stays unverified: a ServiceEntry is visible in every namespace unless its
   * exportTo (or MeshConfig's defaultServiceExportTo) says otherwise, so those of every namespace must be known.
   */
  @Override
  public String serviceEntriesUnknown() {
    return index.completeness().whyIncompleteSomewhere(Kind.SERVICE_ENTRY)
        + " (a ServiceEntry of any namespace may declare it for every namespace)";
  }

  /**
   * True when {@code meant} ({@code name.ns.svc.<domain>}, read from {@code name.ns}) names a Service that exists, or
   * a namespace the user works in: the one the name is written in, or one whose Services were given: then
   * {@code name.ns} is a Service name written half-qualified, not an external host.
   */
  private boolean namesLoadedNamespace(String meant, String from) {
    if (servicesByName.containsKey(meant)) {
      return true;
    }
    Optional<String> ns = namespaceOf(meant);
    return ns.isPresent() && (ns.get().equals(from) || index.completeness().isGiven(Kind.SERVICE, ns.get()));
  }

  private boolean serves(MeshService s, String host, String fqdn) {
    if (!s.isServiceEntry()) {
      return s.host().equals(fqdn);
    }
    // ServiceEntry hosts are names as written; a short one is also read in the ServiceEntry's namespace.
    return Hosts.covers(s.host(), host) || Hosts.covers(s.host(), fqdn) || Hosts.covers(fqdn(s.host(), s.namespace()), fqdn);
  }

  /**
   * {@code reviews.bookinfo} or {@code reviews.bookinfo.svc}: names people write meaning the Service, which
   * Istio takes literally. Returns the FQDN they meant.
   */
  private Optional<String> halfQualifiedFqdn(String host) {
    String[] labels = host.split("\\.");
    boolean twoLabels = labels.length == 2;
    boolean svcForm = labels.length == 3 && labels[2].equals("svc");
    if ((twoLabels || svcForm) && Arrays.stream(labels).noneMatch(String::isEmpty) && !Hosts.isWildcard(host)) {
      return Optional.of(labels[0] + "." + labels[1] + ".svc." + mesh.domainSuffix());
    }
    return Optional.empty();
  }

  /** A visible host close to the one written, in the form to write it from {@code from}. */
  private String suggest(String host, String fqdn, String from) {
    List<String> candidates = services.stream().filter(s -> s.visibleFrom(from)).map(MeshService::host).distinct().toList();
    Optional<String> close = Suggestions.closest(fqdn, candidates);
    if (close.isEmpty() && !host.contains(".")) {
      String suffix = "." + from + ".svc." + mesh.domainSuffix();
      close = Suggestions.closest(host, candidates.stream().filter(c -> c.endsWith(suffix))
          .map(c -> c.substring(0, c.length() - suffix.length())).toList()).map(s -> s + suffix);
    }
    return close.map(c -> c.endsWith("." + from + ".svc." + mesh.domainSuffix()) && !host.contains(".")
        ? c.substring(0, c.indexOf('.')) : c).orElse(null);
  }

  /**
   * The Service {@code default/kubernetes} of the API server, which every cluster has and no manifest declares
   * (Sidecars of controllers import it, e.g. {@code default/kubernetes.default.svc.cluster.local}).
   */
  private static MeshService apiServerService(MeshInfo mesh) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", "v1").put("kind", "Service");
    object.putObject("metadata").put("name", "kubernetes").put("namespace", "default");
    object.putObject("spec").putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP");
    Resource service = new Resource(new ResourceRef("v1", "Service", "default", "kubernetes"), object, SourceMap.NONE,
        Origin.cluster("")); // not read from anywhere: the API server creates it
    return new MeshService(service, "kubernetes.default.svc." + mesh.domainSuffix(), List.of(new MeshService.Port(443, "https", "TCP")),
        ExportTo.scopes(List.of(), "default", mesh.defaultServiceExportTo()), Map.of());
  }

  /**
   * The Services Istio creates for the Kubernetes Gateways it deploys (classes {@code istio}, {@code istio-waypoint},
   * {@code istio-east-west}; not for a Gateway with a hostname or several addresses): named {@code <gateway>-istio},
   * a waypoint or east-west gateway just {@code <gateway>}, or as {@code gateway.istio.io/name-override} says; port 15021 and the
   * listeners' ports. A Service of that name among the inputs wins. Like the API server's, they resolve but are no input.
   */
  private static List<MeshService> gatewayServices(ResourceIndex index, MeshInfo mesh) {
    List<MeshService> deployed = new ArrayList<>();
    for (Resource gw : index.ofKind(Kind.KUBERNETES_GATEWAY)) {
      String gatewayClass = Json.text(gw.spec().path("gatewayClassName"), "");
      List<tools.jackson.databind.JsonNode> addresses = Json.items(gw.spec().path("addresses"));
      boolean managed = addresses.size() <= 1
          && addresses.stream().allMatch(a -> "IPAddress".equals(Json.text(a.path("type"), "IPAddress")));
      if (!DEPLOYED_GATEWAY_CLASSES.contains(gatewayClass) || !managed) {
        continue;
      }
      String name = gw.annotations().getOrDefault("gateway.istio.io/name-override",
          gatewayClass.equals("istio") ? gw.name() + "-istio" : gw.name());
      if (index.find(Kind.SERVICE, gw.namespace(), name).isPresent()) {
        continue;
      }
      List<MeshService.Port> ports = new ArrayList<>(List.of(new MeshService.Port(15021, "status-port", "TCP")));
      Json.items(gw.spec().path("listeners")).forEach(l -> ports.add(new MeshService.Port(l.path("port").asLong(-1),
          Json.text(l.path("protocol"), "").toLowerCase(java.util.Locale.ROOT) + "-" + l.path("port").asLong(-1), "TCP")));
      deployed.add(new MeshService(gw, name + "." + gw.namespace() + ".svc." + mesh.domainSuffix(), ports,
          ExportTo.scopes(List.of(), gw.namespace(), mesh.defaultServiceExportTo()),
          Map.of("gateway.networking.k8s.io/gateway-name", gw.name())));
    }
    return deployed;
  }

  private static List<MeshService> collect(ResourceIndex index, MeshInfo mesh) {
    List<MeshService> all = new ArrayList<>();
    for (Resource svc : index.ofKind(Kind.SERVICE)) {
      List<MeshService.Port> ports = new ArrayList<>();
      Json.items(svc.spec().path("ports")).forEach(p -> ports.add(new MeshService.Port(p.path("port").asLong(-1),
          Json.text(p.path("name"), ""), Json.text(p.path("protocol"), "TCP"))));
      String annotation = svc.annotations().getOrDefault(EXPORT_TO_ANNOTATION, "");
      List<String> declared = Arrays.stream(annotation.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
      all.add(new MeshService(svc, svc.name() + "." + svc.namespace() + ".svc." + mesh.domainSuffix(), ports,
          ExportTo.scopes(declared, svc.namespace(), mesh.defaultServiceExportTo()), Workload.selectorOf(svc)));
    }
    for (Resource se : index.ofKind(Kind.SERVICE_ENTRY)) {
      List<MeshService.Port> ports = new ArrayList<>();
      Json.items(se.spec().path("ports")).forEach(p -> ports.add(new MeshService.Port(p.path("number").asLong(-1),
          Json.text(p.path("name"), ""), Json.text(p.path("protocol"), ""))));
      var scopes = ExportTo.scopesOf(se, mesh.defaultServiceExportTo());
      var selector = Workload.selectorOf(se);
      Json.items(se.spec().path("hosts")).forEach(h -> {
        if (h.isString()) {
          all.add(new MeshService(se, h.asString(""), ports, scopes, selector));
        }
      });
    }
    return List.copyOf(all);
  }
}
