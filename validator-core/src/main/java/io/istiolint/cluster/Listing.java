package io.istiolint.cluster;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One thing a read fetches: a kind listed in a namespace or cluster-wide, or one object got by name.
 *
 * @param namespace null: cluster-wide
 * @param name null: list; else get this one object (absent is fine)
 * @param query list parameters ({@link ApiServer#param}), or ""
 * @param scope the namespace ({@link #ALL}: every namespace) this makes complete when it succeeds, together
 *     with the other listings of the same scope; null for a partial read that completes nothing
 * @param keep which of the objects fetched to keep
 */
record Listing(ServedKind kind, String namespace, String name, String query, String scope, Predicate<ObjectNode> keep) {

  /** The scope of a cluster-wide listing. */
  static final String ALL = "*";

  /** Every object of {@code kind} in {@code namespace} (null: cluster-wide), which that makes complete. */
  static Listing all(ServedKind kind, String namespace) {
    return new Listing(kind, namespace, null, "", namespace == null ? ALL : namespace, o -> true);
  }

  List<ObjectNode> fetch(ApiServer api, IntConsumer onPage) throws ClusterException, Refused {
    if (name == null) {
      return api.list(kind, namespace, query, keep, onPage);
    }
    JsonNode object = api.get(kind.path(namespace) + "/" + name);
    List<ObjectNode> found = object instanceof ObjectNode o && keep.test(o) ? List.of(kind.whole(o)) : List.of();
    onPage.accept(found.size());
    return found;
  }

  /** What was attempted, for a warning: "list services in namespace shop", "get secrets shop/cert". */
  String describe() {
    String where = namespace == null || !kind.namespaced() ? "" : namespace;
    if (name != null) {
      return "get " + kind.resource() + " " + (where.isEmpty() ? name : where + "/" + name);
    }
    return "list " + kind.resource() + (where.isEmpty() ? "" : " in namespace " + where);
  }
}
