package io.istiolint.rules.common;

import io.istiolint.index.Workload;
import io.istiolint.model.Resource;
import io.istiolint.schemas.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Label selectors as rules show them, and "did you mean" for a selector that matches nothing. */
public final class Labels {

  private Labels() {}

  /** {@code app=ratings, version=v2}, in declaration order. */
  public static String format(Map<String, String> labels) {
    return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  /** {@code app=ratings,version=v2}: without spaces, as the Gateway and EnvoyFilter rules show a selector. */
  public static String formatCompact(Map<String, String> labels) {
    return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  /**
   * A label of {@code selector} rewritten the way the candidate workloads spell it ({@code version: v1} for a
   * typed {@code version: v-1}, {@code app: ratings} for {@code ap: ratings}), when exactly that edit makes the
   * selector match one of them.
   */
  public static Optional<String> closestLabel(Map<String, String> selector, List<Workload> candidates) {
    for (Map.Entry<String, String> wrong : selector.entrySet()) {
      if (candidates.stream().anyMatch(w -> wrong.getValue().equals(w.labels().get(wrong.getKey())))) {
        continue;
      }
      Set<String> values = new LinkedHashSet<>();
      Set<String> keys = new LinkedHashSet<>();
      for (Workload w : candidates) {
        if (w.labels().containsKey(wrong.getKey())) {
          values.add(w.labels().get(wrong.getKey()));
        }
        w.labels().forEach((k, v) -> {
          if (v.equals(wrong.getValue())) {
            keys.add(k);
          }
        });
      }
      Optional<String> value = Suggestions.closest(wrong.getValue(), values).filter(v -> looksMistyped(wrong.getValue(), v));
      if (value.isPresent()) {
        return Optional.of(wrong.getKey() + ": " + value.get());
      }
      Optional<String> key = Suggestions.closest(wrong.getKey(), keys);
      if (key.isPresent()) {
        return Optional.of(key.get() + ": " + wrong.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * True when {@code typed} is plausibly a misspelling of {@code existing}, not another value: {@code v2} is a
   * version of its own, not a typo of {@code v1}; neither is {@code 1.21} of {@code 1.20}.
   */
  private static boolean looksMistyped(String typed, String existing) {
    boolean onlyDigitsDiffer = typed.length() == existing.length()
        && typed.replaceAll("\\d", "0").equals(existing.replaceAll("\\d", "0"));
    return typed.length() >= 4 && !onlyDigitsDiffer;
  }

  /** The workloads' sources as "Deployment ns/name", first {@code max}, then "and N more". */
  public static String describe(List<Workload> workloads, int max) {
    List<String> names = new ArrayList<>();
    for (Workload w : workloads) {
      String name = w.source().ref().displayName();
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return shortList(names, max);
  }

  /** "Sidecar a/b, Sidecar a/c" for resources, first {@code max}, then "and N more". */
  public static String describeResources(List<Resource> resources, int max) {
    return shortList(resources.stream().map(r -> r.ref().displayName()).distinct().toList(), max);
  }

  private static String shortList(List<String> names, int max) {
    String shown = String.join(", ", names.subList(0, Math.min(max, names.size())));
    return names.size() > max ? shown + " and " + (names.size() - max) + " more" : shown;
  }
}
