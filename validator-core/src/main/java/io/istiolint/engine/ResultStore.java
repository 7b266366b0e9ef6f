package io.istiolint.engine;

import io.istiolint.api.Finding;
import io.istiolint.api.Kind;
import io.istiolint.api.ResourceRef;
import io.istiolint.index.ResourceIndex;
import io.istiolint.index.Workload;
import io.istiolint.model.Document;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules' results kept per object over a view that changes. After a change only the objects whose findings
 * can change are checked again: those of the kinds the rules reading a changed kind target ({@link
 * Engine#readersOf}, from the rules' declared reads, which {@code RuleReadsTest} holds true); a change to what
 * the mesh facts come from (a MeshConfig ConfigMap, an IstioOperator, a workload) checks everything again.
 */
public final class ResultStore {

  /** One object's findings and unverified references. */
  public record ObjectResult(List<Finding> findings, List<Unverified> unverified) {}

  private final Engine engine;
  private final Policy policy;
  private volatile Map<ResourceRef, ObjectResult> results;
  private volatile Snapshot snapshot;

  /** Checks every object of {@code snapshot} that istiolint understands. */
  public ResultStore(Engine engine, Policy policy, Snapshot snapshot) {
    this.engine = engine;
    this.policy = policy;
    this.snapshot = snapshot;
    this.results = check(snapshot, snapshot.index().all());
  }

  /**
   * Moves to {@code next}, the view after {@code changed} objects were added, updated or deleted, checking
   * again only what can see them; returns how many objects were checked.
   */
  public int update(Snapshot next, Collection<Resource> changed) {
    Set<Kind> stale = new HashSet<>();
    boolean everything = false;
    for (Resource r : changed) {
      Set<Kind> readers = engine.readersOf(r.kind());
      if (readers == null || r.kind().equals(Kind.CONFIG_MAP) || r.kind().equals(Kind.ISTIO_OPERATOR) || Workload.of(r).isPresent()) {
        everything = true;
        break;
      }
      stale.addAll(readers);
    }
    List<Resource> again = new ArrayList<>();
    Map<ResourceRef, ObjectResult> kept = new HashMap<>();
    for (Resource r : next.index().all()) {
      if (!ResourceIndex.understands(r.kind())) {
        continue;
      }
      ObjectResult known = results.get(r.ref());
      if (everything || stale.contains(r.kind()) || known == null) {
        again.add(r);
      } else {
        kept.put(r.ref(), known);
      }
    }
    kept.putAll(check(next, again));
    results = kept;
    snapshot = next;
    return again.size();
  }

  /** The results of the object {@code ref} names, or null when the view has no such object. */
  public ObjectResult resultOf(ResourceRef ref) {
    return results.get(ref);
  }

  /** Every finding of the view. */
  public List<Finding> findings() {
    List<Finding> all = new ArrayList<>();
    results.values().forEach(r -> all.addAll(r.findings()));
    return all;
  }

  /** The view the results are of. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** The results of {@code resources} on {@code snapshot}, one entry per object checked. */
  private Map<ResourceRef, ObjectResult> check(Snapshot on, List<Resource> resources) {
    List<Document> documents = resources.stream().filter(r -> ResourceIndex.understands(r.kind())).map(Document::of).toList();
    Engine.Result result = engine.run(documents, on, policy);
    Map<ResourceRef, List<Finding>> findings = new HashMap<>();
    Map<ResourceRef, List<Unverified>> unverified = new HashMap<>();
    documents.forEach(d -> {
      findings.put(d.resources().get(0).ref(), new ArrayList<>());
      unverified.put(d.resources().get(0).ref(), new ArrayList<>());
    });
    for (Finding f : result.findings()) {
      findings.computeIfAbsent(f.resource(), k -> new ArrayList<>()).add(f);
    }
    for (Unverified u : result.unverifiedReferences()) {
      unverified.computeIfAbsent(u.resource(), k -> new ArrayList<>()).add(u);
    }
    Map<ResourceRef, ObjectResult> checked = new HashMap<>();
    findings.forEach((ref, list) -> checked.put(ref, new ObjectResult(List.copyOf(list),
        List.copyOf(unverified.getOrDefault(ref, List.of())))));
    return checked;
  }
}
