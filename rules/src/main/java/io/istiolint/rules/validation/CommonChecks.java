package io.istiolint.rules.validation;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks several kinds share: exportTo, workload selectors, label maps, destinations, percentages. */
final class CommonChecks {

  private CommonChecks() {}

  static final YamlPath SPEC = YamlPath.of("spec");

  private static final Set<String> INTERNAL_ANNOTATIONS = Set.of("internal.istio.io/webhook-always-reject",
      "internal.istio.io/parent-namespace", "internal.istio.io/parents");

  /**
   * {@code exportTo}: {@code .}, {@code *} or namespace names, no repeats, {@code *} alone; {@code ~} (no one)
   * only on a ServiceEntry and alone; a DestinationRule with a workload selector only to its own namespace.
   */
  static void exportTo(Problems p, JsonNode spec, boolean serviceEntry, boolean drWithSelector) {
    List<JsonNode> entries = Json.items(spec.path("exportTo"));
    if (entries.isEmpty()) {
      return;
    }
    String ns = p.target().namespace();
    YamlPath at = SPEC.field("exportTo");
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      if (!entries.get(i).isString()) {
        continue;
      }
      String e = entries.get(i).asString("");
      String key = e.equals(".") ? ns : e;
      String earlier = seen.get(key);
      if (earlier != null) {
        p.report(at.index(i), "exportTo repeats " + (earlier.equals(e) ? "`" + e + "`" : "its own namespace `" + ns + "` (`.` stands for it)"),
            "list each namespace once");
        continue;
      }
      if (e.equals("~") && !serviceEntry) {
        p.report(at.index(i), "exportTo `~` (visible to no one) is only allowed on a ServiceEntry", "use `.` to keep it in its own namespace");
        continue;
      }
      if (!e.equals(".") && !e.equals("*") && !e.equals("~") && !Syntax.isDnsLabel(e)) {
        p.report(at.index(i), "exportTo entry `" + e + "` is neither `.`, `*` nor a namespace name", "use `.`, `*` or a namespace name");
        continue;
      }
      seen.put(key, e);
    }
    if (seen.containsKey("*") && entries.size() > 1) {
      p.report(at, "exportTo combines `*` (every namespace) with other entries", "use `*` alone, or list the namespaces");
    }
    if (seen.containsKey("~") && entries.size() > 1) {
      p.report(at, "exportTo combines `~` (no one) with other entries", "use `~` alone, or list the namespaces");
    }
    if (drWithSelector && !seen.isEmpty() && (!seen.containsKey(ns) || seen.size() > 1)) {
      p.report(at, "a DestinationRule with a workloadSelector can only be exported to its own namespace",
          "set `exportTo: [\".\"]` or remove exportTo");
    }
  }

  /** Selector labels (Sidecar, ServiceEntry, EnvoyFilter {@code labels}; DR {@code matchLabels}): no empty key, no {@code *}. */
  static void selectorLabels(Problems p, JsonNode selector, YamlPath at, String field) {
    for (Map.Entry<String, JsonNode> e : Fields.entries(selector, field)) {
      String v = e.getValue().isString() ? e.getValue().asString("") : "";
      if (e.getKey().isEmpty()) {
        p.report(at.field(field).field(e.getKey()).key(), "a workload selector label has an empty key", "name the label to match");
      } else if (e.getKey().contains("*") || v.contains("*")) {
        p.report(at.field(field).field(e.getKey()), "workload selector `" + e.getKey() + "=" + v + "` uses `*`, which selectors do not support",
            "selectors match exact label values: list the exact value");
      }
    }
  }

  /** A label map (subset labels, sourceLabels, endpoint labels) must hold valid Kubernetes label keys and values. */
  static void labelMap(Problems p, JsonNode parent, String field, YamlPath at) {
    for (Map.Entry<String, JsonNode> e : Fields.entries(parent, field)) {
      String keyProblem = Syntax.labelKey(e.getKey());
      if (keyProblem != null) {
        p.report(at.field(field).field(e.getKey()).key(), keyProblem, "label keys are `[prefix/]name`: letters, digits, `-`, `_`, `.`");
      }
      if (e.getValue().isString()) {
        String valueProblem = Syntax.labelValue(e.getValue().asString(""));
        if (valueProblem != null) {
          p.report(at.field(field).field(e.getKey()), valueProblem,
              "label values are up to 63 letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit");
        }
      }
    }
  }

  /** A route or mirror destination: a host that is a valid (wildcard) name but not {@code *}, a subset name, a port. */
  static void destination(Problems p, JsonNode dest, YamlPath at) {
    if (!dest.isObject()) {
      return;
    }
    String host = Fields.text(dest, "host");
    if (host != null) {
      if (host.equals("*")) {
        p.report(at.field("host"), "destination host `*` is not allowed", "name the service that receives the traffic");
      } else {
        String problem = Syntax.wildcardDomain(host);
        if (problem != null) {
          p.report(at.field("host"), "destination host `" + host + "` is not a valid host name: " + problem,
              "use a service name (`reviews`) or a fully qualified name (`reviews.bookinfo.svc.cluster.local`)");
        }
      }
    }
    String subset = Fields.text(dest, "subset");
    if (subset != null && !subset.isEmpty() && !Syntax.isDnsLabel(subset)) {
      p.report(at.field("subset"), "subset name `" + subset + "` is not a valid DNS label",
          "subset names are lower-case letters, digits and `-`, as defined in the DestinationRule");
    }
    if (Fields.set(dest, "port")) {
      port(p, dest.path("port"), "number", at.field("port"), "destination port");
    }
  }

  /** A port number field that must lie in 1..65535 (reported also when missing or 0). */
  static void port(Problems p, JsonNode parent, String field, YamlPath at, String what) {
    Long n = Fields.integer(parent, field);
    JsonNode v = parent.get(field);
    if (v != null && !v.isNull() && n == null) {
      return; // wrong type: the schema rule reports it
    }
    long number = n == null ? 0 : n;
    if (!Syntax.isPort(number)) {
      p.report(n == null ? at : at.field(field), what + " " + (n == null ? "is missing" : number + " is not in 1..65535"),
          "use a port number from 1 to 65535");
    }
  }

  /** A port number that is optional (0 or absent means unset) but must be valid when set. */
  static void optionalPort(Problems p, JsonNode parent, String field, YamlPath at, String what) {
    Long n = Fields.integer(parent, field);
    if (n != null && n != 0 && !Syntax.isPort(n)) {
      p.report(at.field(field), what + " " + n + " is not in 1..65535", "use a port number from 1 to 65535");
    }
  }

  /** A duration field Istio requires to be at least 1ms and whole milliseconds. */
  static void duration(Problems p, JsonNode parent, String field, YamlPath at, boolean zeroAllowed) {
    String s = Fields.text(parent, field);
    if (s == null) {
      return;
    }
    String problem = Syntax.duration(s, zeroAllowed);
    if (problem != null) {
      p.report(at.field(field), field + ": " + problem, Syntax.DURATION_HINT + (zeroAllowed ? " (or `0s` to disable)" : ""));
    }
  }

  /** A duration field Istio only decodes (any Go duration, 0 included); a malformed one fails decoding. */
  static void durationSyntax(Problems p, JsonNode parent, String field, YamlPath at) {
    String s = Fields.text(parent, field);
    if (s != null && Syntax.durationNanos(s) == null) {
      p.report(at.field(field), field + ": `" + s + "` is not a duration", Syntax.DURATION_HINT);
    }
  }

  /** Annotations Istio refuses on these kinds: dry-run (AuthorizationPolicy only) and its internal ones. */
  static void annotations(Problems p) {
    for (String name : p.target().annotations().keySet()) {
      if (name.equals("istio.io/dry-run")) {
        p.report(YamlPath.of("metadata", "annotations", name).key(), "`istio.io/dry-run` is only supported on AuthorizationPolicy",
            "remove the annotation");
      } else if (INTERNAL_ANNOTATIONS.contains(name)) {
        p.report(YamlPath.of("metadata", "annotations", name).key(), "`" + name + "` is for Istio's internal use; its webhook refuses"
            + " objects that carry it", "remove the annotation");
      }
    }
  }

  /** A {@code Percent} message: {@code value} 0, or within [0.0001, 100]. */
  static void percentage(Problems p, JsonNode parent, String field, YamlPath at) {
    Double v = Fields.number(parent.path(field), "value");
    if (v != null && (v < 0 || v > 100 || (v > 0 && v < 0.0001))) {
      p.report(at.field(field).field("value"), field + " " + v + " is not 0 and not within 0.0001..100", "give a percentage from 0 to 100");
    }
  }

  /** A percentage that must lie in 0..100. */
  static void percent(Problems p, JsonNode parent, String field, YamlPath at) {
    Long v = Fields.integer(parent, field);
    if (v != null && (v < 0 || v > 100)) {
      p.report(at.field(field), field + " " + v + " is not within 0..100", "give a percentage from 0 to 100");
    }
  }
}
