package io.istiolint.webhook;

import io.istiolint.api.Finding;
import io.istiolint.api.Kind;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.Severity;
import io.istiolint.engine.ResultStore;
import io.istiolint.engine.Snapshot;
import io.istiolint.model.Resource;
import io.istiolint.report.KialiValidations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One generation of the view as the Istio Config view and the Kiali API read it: every object with its results
 * (from the result store, never checked again here), by namespace, with its status.
 */
final class ConfigCatalog {

  /** An object's status, worst first, as the page shows and filters it. */
  enum Status {
    ERROR("error"), WARNING("warning"), UNVERIFIED("unverified"), VALID("valid");

    final String label;

    Status(String label) {
      this.label = label;
    }
  }

  /** An object of the view and its results; {@code result} is empty for a kind istiolint reads but does not check. */
  record Item(Resource resource, ResultStore.ObjectResult result) {

    ResourceRef ref() {
      return resource.ref();
    }

    List<Finding> findings() {
      return result.findings();
    }

    long count(Severity severity) {
      return result.findings().stream().filter(f -> f.severity() == severity).count();
    }

    Status status() {
      if (count(Severity.ERROR) > 0) {
        return Status.ERROR;
      }
      if (count(Severity.WARNING) > 0) {
        return Status.WARNING;
      }
      return result.unverified().isEmpty() ? Status.VALID : Status.UNVERIFIED;
    }

    /** Whether Kiali's validations have an entry for it: an Istio object, or any object with findings. */
    boolean validated() {
      return KialiValidations.validates(resource.kind()) || !result.findings().isEmpty();
    }
  }

  private final long generation;
  private final Snapshot snapshot;
  private final Map<String, List<Item>> byNamespace;
  private final Map<Kind, Map<String, Item>> byKind;

  private ConfigCatalog(long generation, Snapshot snapshot, Map<String, List<Item>> byNamespace, Map<Kind, Map<String, Item>> byKind) {
    this.generation = generation;
    this.snapshot = snapshot;
    this.byNamespace = byNamespace;
    this.byKind = byKind;
  }

  /** The objects of {@code store}'s view with their results, as generation {@code generation}. */
  static ConfigCatalog of(long generation, ResultStore store) {
    ResultStore.Results results = store.current();
    Snapshot snapshot = results.snapshot();
    Map<String, List<Item>> byNamespace = new TreeMap<>();
    Map<Kind, Map<String, Item>> byKind = new HashMap<>();
    for (Resource r : snapshot.index().all()) {
      ResultStore.ObjectResult result = results.objects().get(r.ref());
      Item item = new Item(r, result == null ? ResultStore.ObjectResult.NONE : result);
      byKind.computeIfAbsent(r.kind(), k -> new HashMap<>()).put(r.namespace() + "/" + r.name(), item);
      if (!r.namespace().isEmpty()) {
        byNamespace.computeIfAbsent(r.namespace(), k -> new ArrayList<>()).add(item);
      }
    }
    for (Resource ns : snapshot.index().ofKind(Kind.NAMESPACE)) {
      byNamespace.computeIfAbsent(ns.name(), k -> new ArrayList<>());
    }
    return new ConfigCatalog(generation, snapshot, Collections.unmodifiableMap(byNamespace), byKind);
  }

  long generation() {
    return generation;
  }

  Snapshot snapshot() {
    return snapshot;
  }

  /** The namespaces that hold an object or are one (a Namespace object), sorted. */
  SortedSet<String> namespaces() {
    return new TreeSet<>(byNamespace.keySet());
  }

  boolean hasNamespace(String namespace) {
    return byNamespace.containsKey(namespace);
  }

  /** The objects of {@code namespace}, none when it is unknown. */
  List<Item> in(String namespace) {
    return byNamespace.getOrDefault(namespace, List.of());
  }

  /** Every namespaced object. */
  List<Item> all() {
    List<Item> all = new ArrayList<>();
    byNamespace.values().forEach(all::addAll);
    return all;
  }

  /** The object of {@code group} and {@code kind} named {@code name} in {@code namespace} (any version: one object is served at every version). */
  Optional<Item> find(String group, String kind, String namespace, String name) {
    return Optional.ofNullable(byKind.getOrDefault(new Kind(group, kind), Map.of()).get(namespace + "/" + name));
  }

  Optional<Item> find(ResourceRef ref) {
    return Optional.ofNullable(byKind.getOrDefault(ref.kindRef(), Map.of()).get(ref.namespace() + "/" + ref.name()));
  }

  /** Kiali's validations of {@code items}: an entry per validated object, with its references and findings. */
  KialiValidations validations(Collection<Item> items) {
    KialiValidations validations = new KialiValidations("");
    for (Item item : items) {
      if (KialiValidations.validates(item.resource().kind())) {
        validations.object(item.ref(), KialiValidations.references(snapshot.graph(), item.ref()));
      }
      item.findings().forEach(validations::check);
    }
    return validations;
  }
}
