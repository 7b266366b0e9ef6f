package io.istiolint.rules.common;

import io.istiolint.api.Kind;
import io.istiolint.index.Completeness;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The kinds rules declare they read ({@code RuleMeta.reads}), in the groups the index answers with: asking for
 * a host's services reads every kind that serves hosts, asking for workloads every kind that stands for pods.
 */
public final class ReadKinds {

  /** What host resolution reads: Services, ServiceEntries and Gateway API Gateways (their generated Services). */
  public static final Set<Kind> SERVICES = Set.of(Kind.SERVICE, Kind.SERVICE_ENTRY, Kind.KUBERNETES_GATEWAY);

  /** What a workload lookup reads: Pods and everything that stands for the pods it creates. */
  public static final Set<Kind> WORKLOADS = Completeness.WORKLOAD_KINDS;

  private ReadKinds() {}

  /** {@code group} and {@code kinds} as one set. */
  public static Set<Kind> of(Set<Kind> group, Kind... kinds) {
    Set<Kind> all = new LinkedHashSet<>(group);
    all.addAll(List.of(kinds));
    return Set.copyOf(all);
  }

  /** Both groups and {@code kinds} as one set. */
  public static Set<Kind> of(Set<Kind> group, Set<Kind> other, Kind... kinds) {
    Set<Kind> all = new LinkedHashSet<>(other);
    all.addAll(List.of(kinds));
    return of(group, all.toArray(Kind[]::new));
  }
}
