package io.istiolint.engine;

import io.istiolint.api.DocumentRule;
import io.istiolint.api.Kind;
import io.istiolint.api.Finding;
import io.istiolint.api.Location;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.StandaloneRule;
import io.istiolint.api.YamlPath;
import io.istiolint.graph.RefGraph;
import io.istiolint.hosts.HostResolver;
import io.istiolint.index.Reads;
import io.istiolint.index.ResourceIndex;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Document;
import io.istiolint.model.Resource;
import io.istiolint.schemas.SchemaCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * Runs rules over documents and resources, in parallel across resources, and turns what they report into
 * positioned findings. A rule that throws becomes an {@link #INTERNAL_ERROR} finding on the resource it was
 * checking; the run goes on.
 */
public final class Engine {

  public static final RuleMeta INTERNAL_ERROR = new RuleMeta("IL0000", "internal-error", Severity.ERROR, Set.of(), Set.of(),
      "A rule failed on this resource; the message carries the exception",
      "Report the message and the resource to the istiolint maintainers; the other rules' findings are still valid",
      List.of());

  /** The order findings are reported in: by file, line and column, then resource, code and message. */
  static final Comparator<Finding> ORDER = Comparator
      .comparing(Finding::location, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(f -> f.resource() == null ? "" : f.resource().displayName())
      .thenComparing(Finding::code)
      .thenComparing(Finding::message);

  /** The order unverified references are reported in: by resource, path and reason. */
  static final Comparator<Unverified> UNVERIFIED_ORDER = Comparator.comparing((Unverified u) -> u.resource().displayName())
      .thenComparing(Unverified::path, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Unverified::reason);

  private final List<Rule> rules;
  private final List<DocumentRule> documentRules;
  private final Clock clock;
  /** Told what each resource rule read while checking a resource; null: nothing is recorded. */
  private final BiConsumer<RuleMeta, Set<Kind>> readsListener;

  public Engine(List<Rule> rules, List<DocumentRule> documentRules) {
    this(rules, documentRules, Clock.systemUTC());
  }

  /** An engine whose rules judge time-dependent facts (certificate expiry) against {@code clock}. */
  public Engine(List<Rule> rules, List<DocumentRule> documentRules, Clock clock) {
    this(rules, documentRules, clock, null);
  }

  private Engine(List<Rule> rules, List<DocumentRule> documentRules, Clock clock, BiConsumer<RuleMeta, Set<Kind>> readsListener) {
    this.rules = List.copyOf(rules);
    this.documentRules = List.copyOf(documentRules);
    this.clock = clock;
    this.readsListener = readsListener;
  }

  /**
   * This engine, telling {@code listener} the kinds each resource rule reads while checking each resource
   * ({@link Reads}): what the rules' declared {@code reads} are checked against.
   */
  public Engine recordingReads(BiConsumer<RuleMeta, Set<Kind>> listener) {
    return new Engine(rules, documentRules, clock, listener);
  }

  /**
   * What a run found: findings ordered by file, line, column and code, and the references that could not be
   * checked, counted by reason; {@code suppressed} holds the findings the policy kept back,
   * {@code reportedDespiteAnnotation} those of {@code findings} reported although an annotation asked to
   * suppress them (the policy forbids inline suppressions).
   */
  public record Result(List<Finding> findings, Map<String, Integer> unverified, List<Unverified> unverifiedReferences,
      List<Finding> suppressed, List<Finding> reportedDespiteAnnotation) {}

  /** Runs every rule over {@code documents} and their resources, at their default severities. */
  public Result run(List<Document> documents, Snapshot snapshot) {
    return run(documents, snapshot, Policy.DEFAULT);
  }

  /**
   * Runs the rules {@code policy} enables over {@code documents} and their resources, which must be in the
   * snapshot's index; the index may hold more (objects loaded only to resolve references), which are not
   * checked themselves.
   */
  public Result run(List<Document> documents, Snapshot snapshot, Policy policy) {
    return run(documents, snapshot, policy, null);
  }

  /**
   * As {@link #run(List, Snapshot, Policy)}, and tells {@code questions} (when not null) what the rules asked of
   * the view while checking each resource ({@link Reads}): what decides when its findings can change.
   */
  public Result run(List<Document> documents, Snapshot snapshot, Policy policy, BiConsumer<Resource, Set<Reads.Read>> questions) {
    return run(documents, snapshot.schemas(), CompletableFuture.completedFuture(snapshot), policy, questions);
  }

  /**
   * As {@link #run(List, Snapshot, Policy, BiConsumer)} over a snapshot still being built, whose schemas are
   * {@code schemas}: the document rules and the {@link StandaloneRule}s run meanwhile, the others once it is there.
   */
  public Result run(List<Document> documents, SchemaCatalog schemas, CompletableFuture<Snapshot> snapshot, Policy policy,
      BiConsumer<Resource, Set<Reads.Read>> questions) {
    Sink sink = new Sink(policy);
    Queue<Unverified> unverified = new ConcurrentLinkedQueue<>();
    List<DocumentRule> docRules = documentRules.stream().filter(r -> policy.enabled(r.meta().code())).toList();
    List<Context> documentContexts = docRules.stream().map(r -> new Context(r.meta(), null, schemas, clock, sink, unverified)).toList();
    List<Resource> resources = documents.stream().flatMap(d -> d.resources().stream()).toList();
    List<Rule> enabled = rules.stream().filter(r -> policy.enabled(r.meta().code())).toList();
    RuleSet standalone = new RuleSet(enabled.stream().filter(r -> r instanceof StandaloneRule).toList(), null, schemas,
        clock, sink, unverified);
    // What each resource's check asked, by its position in resources: the view's rules add to what the
    // document's rules asked, so each resource is told once (the two passes never overlap).
    AtomicReferenceArray<Set<Reads.Read>> asked = questions == null ? null : new AtomicReferenceArray<>(resources.size());
    int[] firstResource = new int[documents.size()];
    for (int d = 1; d < documents.size(); d++) {
      firstResource[d] = firstResource[d - 1] + documents.get(d - 1).resources().size();
    }
    IntStream.range(0, documents.size()).parallel().forEach(d -> {
      Document document = documents.get(d);
      Runnable check = () -> {
        for (int i = 0; i < docRules.size(); i++) {
          DocumentRule rule = docRules.get(i);
          try {
            rule.check(document, documentContexts.get(i));
          } catch (RuntimeException | StackOverflowError e) {
            sink.add(internalError(rule.meta(), null, document.start(), e), null);
          }
        }
      };
      if (asked == null) {
        check.run();
        document.resources().forEach(r -> checkResource(r, standalone, sink));
        return;
      }
      Set<Reads.Read> ofDocument = new HashSet<>();
      Reads.recordingInto(ofDocument, check);
      List<Resource> own = document.resources();
      for (int i = 0; i < own.size(); i++) {
        Resource r = own.get(i);
        Set<Reads.Read> ofResource = own.size() == 1 ? ofDocument : new HashSet<>(ofDocument);
        Reads.recordingInto(ofResource, () -> checkResource(r, standalone, sink));
        asked.set(firstResource[d] + i, ofResource);
      }
    });
    Snapshot built = built(snapshot);
    sink.indexReady(built.index());
    RuleSet viewed = new RuleSet(enabled.stream().filter(r -> !(r instanceof StandaloneRule)).toList(), built,
        built.schemas(), clock, sink, unverified);
    IntStream.range(0, resources.size()).parallel().forEach(i -> {
      Resource resource = resources.get(i);
      if (asked == null) {
        checkResource(resource, viewed, sink);
      } else {
        Set<Reads.Read> ofResource = asked.get(i);
        Reads.recordingInto(ofResource, () -> checkResource(resource, viewed, sink));
        questions.accept(resource, ofResource);
      }
    });
    List<Finding> findings = new ArrayList<>(sink.findings);
    findings.sort(ORDER);
    Map<String, Integer> counts = new TreeMap<>();
    unverified.forEach(u -> counts.merge(u.reason(), 1, Integer::sum));
    List<Unverified> references = new ArrayList<>(unverified);
    references.sort(UNVERIFIED_ORDER);
    return new Result(findings, counts, references, List.copyOf(sink.suppressed), List.copyOf(sink.despiteAnnotation));
  }

  private static Snapshot built(CompletableFuture<Snapshot> snapshot) {
    try {
      return snapshot.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Rules and their contexts, with each kind's rules picked once (rather than asking every rule whether it targets
   * a resource's kind, for every resource).
   */
  private static final class RuleSet {
    final List<Rule> rules;
    final List<Context> contexts;
    private final Map<Kind, int[]> byKind = new ConcurrentHashMap<>();

    RuleSet(List<Rule> rules, Snapshot snapshot, SchemaCatalog schemas, Clock clock, Sink sink, Queue<Unverified> unverified) {
      this.rules = rules;
      this.contexts = rules.stream().map(r -> new Context(r.meta(), snapshot, schemas, clock, sink, unverified)).toList();
    }

    /** The positions in {@link #rules} of the rules that report on {@code kind}, in order. */
    int[] targeting(Kind kind) {
      return byKind.computeIfAbsent(kind, k -> IntStream.range(0, rules.size()).filter(i -> rules.get(i).meta().targets(k)).toArray());
    }
  }

  private void checkResource(Resource resource, RuleSet set, Sink sink) {
    for (int i : set.targeting(resource.kind())) {
      Rule rule = set.rules.get(i);
      try {
        Context context = set.contexts.get(i);
        if (readsListener == null) {
          rule.check(resource, context);
        } else {
          readsListener.accept(rule.meta(), Reads.recording(() -> {
            rule.check(resource, context);
            return null;
          }));
        }
      } catch (RuntimeException | StackOverflowError e) {
        sink.add(internalError(rule.meta(), resource.ref(), resource.sourceMap().locate(YamlPath.ROOT), e), resource);
      }
    }
  }

  /**
   * Where findings go: through the policy, then kept or counted. A finding that names its object only by reference
   * waits for the index to be found on (the policy reads the object's annotations).
   */
  private static final class Sink {
    final Policy policy;
    private volatile ResourceIndex index;
    private final Queue<Finding> awaitingIndex = new ConcurrentLinkedQueue<>();
    final Queue<Finding> findings = new ConcurrentLinkedQueue<>();
    final Queue<Finding> suppressed = new ConcurrentLinkedQueue<>();
    final Queue<Finding> despiteAnnotation = new ConcurrentLinkedQueue<>();

    Sink(Policy policy) {
      this.policy = policy;
    }

    /** {@code resource} is the object found on, or null to look it up by the finding's reference. */
    void add(Finding raw, Resource resource) {
      Finding f = policy.adjust(raw);
      if (resource == null && f.resource() != null && index == null) {
        awaitingIndex.add(f);
        return;
      }
      judge(f, resource);
    }

    /** Called once, when no rule is running: judges the findings that waited for it. */
    void indexReady(ResourceIndex ready) {
      index = ready;
      awaitingIndex.forEach(f -> judge(f, null));
      awaitingIndex.clear();
    }

    private void judge(Finding f, Resource resource) {
      Resource on = resource != null || f.resource() == null ? resource
          : index.find(f.resource().kindRef(), f.resource().namespace(), f.resource().name()).orElse(null);
      switch (policy.judge(f, on)) {
        case SUPPRESSED -> suppressed.add(f);
        case REPORT_DESPITE_ANNOTATION -> {
          despiteAnnotation.add(f);
          findings.add(f);
        }
        case REPORT -> findings.add(f);
      }
    }
  }

  private static Finding internalError(RuleMeta failed, ResourceRef resource, Location location, Throwable e) {
    String what = resource == null ? "this document" : resource.displayName();
    String message = "rule " + failed.code() + " " + failed.name() + " failed on " + what + ": " + e;
    return new Finding(INTERNAL_ERROR.code(), INTERNAL_ERROR.name(), INTERNAL_ERROR.severity(), message,
        INTERNAL_ERROR.remediation(), resource, null, location, List.of());
  }

  /**
   * The context of one rule: reports carry that rule's metadata. {@code snapshot} is null for a rule that runs
   * before the view is built (a document rule, a {@link StandaloneRule}): asking the view from it fails.
   */
  private record Context(RuleMeta meta, Snapshot snapshot, SchemaCatalog schemas, Clock clock, Sink sink,
      Queue<Unverified> unverified) implements RuleContext {

    @Override
    public ResourceIndex index() {
      return view().index();
    }

    @Override
    public HostResolver hosts() {
      return view().hosts();
    }

    @Override
    public RefGraph graph() {
      return view().graph();
    }

    @Override
    public MeshInfo mesh() {
      return view().mesh();
    }

    private Snapshot view() {
      if (snapshot == null) {
        throw new IllegalStateException("rule " + meta.code() + " runs before the view is built and cannot ask it");
      }
      return snapshot;
    }

    @Override
    public void unverified(Resource target, YamlPath at, String reason) {
      unverified.add(new Unverified(target.ref(), at, reason));
    }

    @Override
    public void report(Resource target, YamlPath at, String message, String hint) {
      sink.add(finding(target.ref(), at, target.sourceMap().locate(at), message, hint), target);
    }

    @Override
    public void report(ResourceRef resource, YamlPath at, Location location, String message, String hint) {
      sink.add(finding(resource, at, location, message, hint), null);
    }

    private Finding finding(ResourceRef resource, YamlPath at, Location location, String message, String hint) {
      return new Finding(meta.code(), meta.name(), meta.severity(), message, hint, resource, at, location, meta.equivalents());
    }
  }
}
