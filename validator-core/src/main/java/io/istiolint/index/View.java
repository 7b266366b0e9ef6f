package io.istiolint.index;

import io.istiolint.api.Kind;
import io.istiolint.api.ResourceRef;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The objects rules see when several sources are read at once, merged by identity (kind, namespace, name) as
 * the API server would hold them: an object given in a file replaces the cluster's object of the same identity
 * ("what happens if I apply this?"), and objects to be deleted ({@code --delete}, {@code kubectl delete -f}) are
 * gone from the cluster's and the references'. Two files defining one object both stay (a conflict to report).
 */
public final class View {

  private record Key(Kind kind, String namespace, String name) {
    Key(Resource r) {
      this(r.kind(), r.namespace(), r.name());
    }

    @Override
    public int hashCode() { // see ResourceRef.hashCode: the record's own collides for numbered names
      return (kind.hashCode() * ResourceRef.HASH_MIX + Objects.hashCode(namespace)) * ResourceRef.HASH_MIX + Objects.hashCode(name);
    }
  }

  private View() {}

  /**
   * {@code given} (files to lint and to resolve against, all kept), then the objects of {@code cluster} that no
   * given object replaces and {@code deleted} does not remove. Objects to lint among {@code given} are never
   * removed: they are what would be applied.
   */
  public static List<Resource> merge(Collection<Resource> given, Collection<Resource> cluster, Collection<Resource> deleted) {
    Set<Key> replaced = new HashSet<>();
    given.forEach(r -> replaced.add(new Key(r)));
    Set<Key> removed = new HashSet<>();
    deleted.forEach(r -> removed.add(new Key(r)));
    List<Resource> view = new ArrayList<>(given.size() + cluster.size());
    view.addAll(given);
    for (Resource r : cluster) {
      Key key = new Key(r);
      if (!replaced.contains(key) && !removed.contains(key)) {
        view.add(r);
      }
    }
    return view;
  }

  /** {@code resources} without those {@code deleted} names. */
  public static List<Resource> without(Collection<Resource> resources, Collection<Resource> deleted) {
    Set<Key> removed = new HashSet<>();
    deleted.forEach(r -> removed.add(new Key(r)));
    return resources.stream().filter(r -> !removed.contains(new Key(r))).toList();
  }
}
