package io.istiolint.index;

import io.istiolint.api.Kind;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What rules may ask of the objects of a view. {@link ResourceIndex} answers for a whole view, and for one laid
 * over another ({@link ResourceIndex#with}); rules see only this.
 */
public interface Index {

  /** What the view knows all of, per kind and namespace, and why not where it does not. */
  Completeness completeness();

  /** Every workload, in precedence order. */
  List<Workload> workloads();

  /** Every workload of {@code namespace}, in precedence order. */
  List<Workload> workloadsIn(String namespace);

  /** The workloads of {@code namespace} whose labels include all of {@code selector}. */
  List<Workload> workloadsSelectedBy(String namespace, Map<String, String> selector);

  /** The workloads of every namespace whose labels include all of {@code selector}, in precedence order. */
  List<Workload> workloadsSelectedBy(Map<String, String> selector);

  /** Every object (rules never need this: it makes every change concern them). */
  List<Resource> all();

  List<Resource> ofKind(Kind kind);

  /** The names of the objects of this kind in {@code namespace}, in precedence order (for "did you mean"). */
  List<String> names(Kind kind, String namespace);

  /** The objects of this kind in {@code namespace}, in precedence order. */
  List<Resource> ofKind(Kind kind, String namespace);

  /** The first object of this kind, namespace and name. */
  Optional<Resource> find(Kind kind, String namespace, String name);

  /** The objects with the kind, namespace and name of {@code resource} (none when it is new). */
  List<Resource> namesakes(Resource resource);

  /** Every object with the same kind, namespace and name as {@code resource}, itself included. */
  List<Resource> sameIdentity(Resource resource);
}
