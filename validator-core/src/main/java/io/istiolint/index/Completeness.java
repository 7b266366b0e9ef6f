package io.istiolint.index;

import io.istiolint.api.Kind;
import io.istiolint.model.Resource;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of the world the view knows, per (kind, namespace) scope: a reference into a scope that is not
 * complete cannot be judged, only counted as unverified with the reason this object gives.
 *
 * <p>A scope is complete when the user declared the inputs everything there is ({@code --complete}), when a
 * cluster read listed that kind in that namespace (or cluster-wide), or when files gave objects of that kind
 * for that namespace. Workloads (Pods and their controllers, WorkloadEntries) of a namespace are complete when
 * any workload kind is (including a kind not known to istiolint whose objects run pods from a template), unless
 * the mesh spans clusters whose workloads are not among the inputs.
 */
public final class Completeness {

  /** Pods and everything that stands in for the Pods it creates. */
  public static final Set<Kind> WORKLOAD_KINDS = Set.of(Kind.POD, Kind.DEPLOYMENT, Kind.STATEFUL_SET, Kind.DAEMON_SET,
      Kind.REPLICA_SET, Kind.JOB, Kind.CRON_JOB, Kind.ROLLOUT, Kind.WORKLOAD_ENTRY, Kind.WORKLOAD_GROUP);

  /**
   * What a cluster read vouches for: the kinds it listed, cluster-wide or in some namespaces, and those it could
   * not read, with why.
   *
   * @param listedEverywhere kinds listed in every namespace
   * @param listedIn         kinds listed in some namespaces only
   * @param unavailable      kinds not read at all, and why ("forbidden", "not served by this cluster")
   * @param namesOnly        kinds looked up only by name where "listed" (Secrets: those the cluster's Gateways and
   *                         DestinationRules name), with the names looked up: {@code name}, or {@code namespace/name}
   *                         where looked up in one namespace only; any other name is unknown
   */
  public record ClusterCoverage(String cluster, Set<Kind> listedEverywhere, Map<Kind, Set<String>> listedIn,
      Map<Kind, String> unavailable, Map<Kind, Set<String>> namesOnly) {

    public ClusterCoverage {
      listedEverywhere = Set.copyOf(listedEverywhere);
      listedIn = Map.copyOf(listedIn);
      unavailable = Map.copyOf(unavailable);
      namesOnly = Map.copyOf(namesOnly);
    }
  }

  /**
   * What the inputs vouch for besides the objects given: {@code --complete}, and a cluster read (or null).
   */
  public record Coverage(boolean declared, ClusterCoverage cluster) {

    /** Files only: complete where objects were given, or everywhere when {@code declared}. */
    public static Coverage files(boolean declared) {
      return new Coverage(declared, null);
    }
  }

  private record Scope(Kind kind, String namespace) {}

  private final Coverage coverage;
  private final Set<Scope> given;
  /** Kinds outside {@link #WORKLOAD_KINDS} given as workloads (controllers with a pod template). */
  private final Set<Kind> podTemplateKinds;
  private final boolean otherClusters;

  /**
   * @param given         the objects that were given (not read from a cluster), whose scopes count as known
   * @param otherClusters the inputs show the mesh spans clusters whose workloads they do not hold
   */
  Completeness(Coverage coverage, Collection<Resource> given, boolean otherClusters) {
    this.coverage = coverage;
    Set<Scope> scopes = new HashSet<>();
    Set<Kind> podTemplates = new HashSet<>();
    for (Resource r : given) {
      if (!r.origin().isCluster()) {
        scopes.add(new Scope(r.kind(), r.namespace()));
        if (isPodTemplateKind(r)) {
          podTemplates.add(r.kind());
        }
      }
    }
    this.given = scopes;
    this.podTemplateKinds = Set.copyOf(podTemplates);
    this.otherClusters = otherClusters;
  }

  private Completeness(Coverage coverage, Set<Scope> given, Set<Kind> podTemplateKinds, boolean otherClusters) {
    this.coverage = coverage;
    this.given = given;
    this.podTemplateKinds = podTemplateKinds;
    this.otherClusters = otherClusters;
  }

  private static boolean isPodTemplateKind(Resource r) {
    return !WORKLOAD_KINDS.contains(r.kind()) && Workload.of(r).isPresent();
  }

  /** This knowledge with {@code added} among the objects given, and {@code otherClusters} as it now stands. */
  Completeness with(Resource added, boolean otherClusters) {
    Set<Scope> scopes = given;
    if (!added.origin().isCluster() && !given.contains(new Scope(added.kind(), added.namespace()))) {
      scopes = new HashSet<>(given);
      scopes.add(new Scope(added.kind(), added.namespace()));
    }
    Set<Kind> podTemplates = podTemplateKinds;
    if (!added.origin().isCluster() && !podTemplates.contains(added.kind()) && isPodTemplateKind(added)) {
      podTemplates = new HashSet<>(podTemplates);
      podTemplates.add(added.kind());
    }
    return new Completeness(coverage, scopes, podTemplates, otherClusters);
  }

  /**
   * This knowledge without {@code removed}: its scope stays known only while {@code scopeStillGiven} (other given
   * objects hold it), with {@code otherClusters} as it now stands.
   */
  Completeness without(Resource removed, boolean scopeStillGiven, boolean otherClusters) {
    Scope scope = new Scope(removed.kind(), removed.namespace());
    Set<Scope> scopes = given;
    if (!scopeStillGiven && given.contains(scope)) {
      scopes = new HashSet<>(given);
      scopes.remove(scope);
    }
    // A kind once seen with a pod template stays a workload kind: whether its namespace is known follows `given`.
    return new Completeness(coverage, scopes, podTemplateKinds, otherClusters);
  }

  /** What the inputs vouch for besides the objects given. */
  Coverage coverage() {
    return coverage;
  }

  /** True when the inputs show the mesh spans clusters whose workloads they do not hold. */
  public boolean otherClusters() {
    return otherClusters;
  }

  /** True when the user declared the inputs everything there is ({@code --complete}). */
  public boolean declared() {
    return coverage.declared();
  }

  /** True when every object of {@code kind} in {@code namespace} is known. */
  public boolean isComplete(Kind kind, String namespace) {
    Reads.known(kind, namespace);
    return coverage.declared() || given.contains(new Scope(kind, namespace)) || listed(kind, namespace);
  }

  /**
   * True when objects of {@code kind} were given for {@code namespace} or a cluster read listed them there: the
   * namespace is one the inputs show, not merely one {@code --complete} vouches for.
   */
  public boolean isGiven(Kind kind, String namespace) {
    Reads.known(kind, namespace);
    return given.contains(new Scope(kind, namespace)) || listed(kind, namespace);
  }

  /**
   * True when whether {@code kind} {@code namespace/name} exists is known: like {@link #isComplete(Kind, String)},
   * except that a cluster that read the kind only by name knows only the names it looked up.
   */
  public boolean isComplete(Kind kind, String namespace, String name) {
    Reads.known(kind, namespace);
    if (coverage.declared() || given.contains(new Scope(kind, namespace))) {
      return true;
    }
    return listed(kind, namespace) && lookedUp(kind, namespace, name);
  }

  /** Why {@code kind} {@code namespace/name} may exist unseen (only meaningful when not complete for that name). */
  public String whyIncomplete(Kind kind, String namespace, String name) {
    ClusterCoverage cluster = coverage.cluster();
    if (cluster != null && listed(kind, namespace) && !lookedUp(kind, namespace, name)) {
      return "only the " + plural(kind) + " the cluster's own objects name are read from cluster " + cluster.cluster()
          + " (this one is named only in the files)";
    }
    return whyIncomplete(kind, namespace);
  }

  private boolean lookedUp(Kind kind, String namespace, String name) {
    Set<String> names = coverage.cluster().namesOnly().get(kind);
    return names == null || names.contains(name) || names.contains(namespace + "/" + name);
  }

  /**
   * True when every object of {@code kind} in every namespace, including those nothing was loaded for, is known:
   * declared with {@code --complete}, or listed cluster-wide. Needed where a reference may come from or reach
   * any namespace (a VirtualService anywhere may bind a Gateway).
   */
  public boolean isCompleteEverywhere(Kind kind) {
    Reads.known(kind, null);
    ClusterCoverage cluster = coverage.cluster();
    return coverage.declared() || cluster != null && cluster.listedEverywhere().contains(kind);
  }

  /** Why objects of {@code kind} in {@code namespace} may be missing (only meaningful when not complete). */
  public String whyIncomplete(Kind kind, String namespace) {
    ClusterCoverage cluster = coverage.cluster();
    if (cluster != null && cluster.unavailable().containsKey(kind)) {
      return plural(kind) + " not read from cluster " + cluster.cluster() + " (" + cluster.unavailable().get(kind) + ")";
    }
    if (cluster != null) {
      return "namespace " + namespace + " not read from cluster " + cluster.cluster() + " (add -n " + namespace + " or -A)";
    }
    return "no " + plural(kind) + " loaded for namespace " + namespace;
  }

  /** Why objects of {@code kind} in some namespace may be missing (only meaningful when not complete everywhere). */
  public String whyIncompleteSomewhere(Kind kind) {
    ClusterCoverage cluster = coverage.cluster();
    if (cluster != null && cluster.unavailable().containsKey(kind)) {
      return plural(kind) + " not read from cluster " + cluster.cluster() + " (" + cluster.unavailable().get(kind) + ")";
    }
    return cluster != null ? "not every namespace read from cluster " + cluster.cluster() + " (use -A)"
        : "not every namespace's " + plural(kind) + " loaded";
  }

  /**
   * True when every workload of {@code namespace} is known: some workload kind was given for it, or a cluster
   * read listed its Pods (what runs; Deployments and the rest stand in for Pods only in files).
   */
  public boolean workloadsComplete(String namespace) {
    WORKLOAD_KINDS.forEach(k -> Reads.known(k, namespace));
    if (coverage.declared()) {
      return true;
    }
    return !otherClusters && (givenAny(WORKLOAD_KINDS, namespace) || givenAny(podTemplateKinds, namespace)
        || listed(Kind.POD, namespace));
  }

  /** Whether the inputs gave objects of one of {@code kinds} in {@code namespace}; asked per reference, so no stream. */
  private boolean givenAny(Collection<Kind> kinds, String namespace) {
    if (given.isEmpty()) {
      return false;
    }
    for (Kind kind : kinds) {
      if (given.contains(new Scope(kind, namespace))) {
        return true;
      }
    }
    return false;
  }

  /** True when every workload of every namespace is known. */
  public boolean workloadsCompleteEverywhere() {
    WORKLOAD_KINDS.forEach(k -> Reads.known(k, null));
    if (coverage.declared()) {
      return true;
    }
    ClusterCoverage cluster = coverage.cluster();
    return !otherClusters && cluster != null && cluster.listedEverywhere().contains(Kind.POD);
  }

  /** Why a reference to the workloads of {@code namespace} stays unverified. */
  public String whyWorkloadsIncomplete(String namespace) {
    if (otherClusters) {
      return "the mesh spans several clusters; workloads of namespace " + namespace + " may run in another cluster";
    }
    return coverage.cluster() != null ? whyIncomplete(Kind.POD, namespace) : "no workloads loaded for namespace " + namespace;
  }

  /**
   * Why some namespace's workloads may be missing (only meaningful when not complete everywhere): what the
   * cluster read lacked, or, without one, {@code withoutCluster} (each rule says what it looked for).
   */
  public String whyWorkloadsIncompleteSomewhere(String withoutCluster) {
    boolean clusterLacks = coverage.cluster() != null && !otherClusters && !workloadsCompleteEverywhere();
    return clusterLacks ? whyIncompleteSomewhere(Kind.POD) : withoutCluster;
  }

  private boolean listed(Kind kind, String namespace) {
    ClusterCoverage cluster = coverage.cluster();
    return cluster != null && (cluster.listedEverywhere().contains(kind)
        || cluster.listedIn().getOrDefault(kind, Set.of()).contains(namespace));
  }

  /** "Services", "ServiceEntries", "Telemetries": as messages name a kind's objects. */
  public static String plural(Kind kind) {
    String name = kind.kind();
    boolean consonantY = name.length() > 1 && name.endsWith("y") && "aeiou".indexOf(name.charAt(name.length() - 2)) < 0;
    return consonantY ? name.substring(0, name.length() - 1) + "ies" : name + "s"; // Telemetries, but Gateways
  }

  /** Kinds whose reading failed, for the summary. */
  public List<String> unavailableKinds() {
    ClusterCoverage cluster = coverage.cluster();
    return cluster == null ? List.of() : cluster.unavailable().entrySet().stream()
        .map(e -> plural(e.getKey()) + ": " + e.getValue()).sorted().toList();
  }
}
