package io.istiolint.webhook;

import io.istiolint.api.Finding;
import io.istiolint.api.Kind;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.Severity;
import io.istiolint.engine.Engine;
import io.istiolint.engine.LiveView;
import io.istiolint.index.ResourceIndex;
import io.istiolint.load.ObjectReader;
import io.istiolint.model.Origin;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides one admission request against the live view: CREATE and UPDATE are checked as if applied (the
 * object in place of its namesake), DELETE by what the view's other objects would lose. Errors deny in
 * {@link Mode#ENFORCE}; warnings are always passed on. Nothing here writes to the view.
 */
final class Judge {

  /** What an error does: deny, only warn, or nothing but the metrics (to watch a rollout). */
  enum Mode {
    ENFORCE, WARN, AUDIT;

    static Mode parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** A Namespace label that sets the mode of its objects, overriding the webhook's. */
  static final String MODE_LABEL = "istiolint.io/mode";

  /** The kinds whose deletion can break others: their referrers are re-checked without them. */
  private static final List<Kind> REFERENCED = List.of(Kind.DESTINATION_RULE, Kind.GATEWAY, Kind.SERVICE_ENTRY,
      Kind.SERVICE, Kind.SECRET, Kind.VIRTUAL_SERVICE, Kind.SIDECAR);

  private final Supplier<LiveView> view;
  private final Mode mode;
  private final boolean denyBreakingDeletes;
  private final WebhookMetrics metrics;

  Judge(Supplier<LiveView> view, Mode mode, boolean denyBreakingDeletes, WebhookMetrics metrics) {
    this.view = view;
    this.mode = mode;
    this.denyBreakingDeletes = denyBreakingDeletes;
    this.metrics = metrics;
  }

  AdmissionResponse judge(AdmissionRequest request) {
    LiveView live = view.get();
    return switch (request.operation()) {
      case "CREATE", "UPDATE" -> apply(request, live);
      case "DELETE" -> delete(request, live);
      default -> AdmissionResponse.allow(request.uid(), List.of());
    };
  }

  private AdmissionResponse apply(AdmissionRequest request, LiveView live) {
    if (request.object() == null) {
      return AdmissionResponse.allow(request.uid(), List.of("istiolint: the request carries no object, so it was not checked"));
    }
    Optional<Resource> object = resource(request, request.object());
    if (object.isEmpty() || !ResourceIndex.understands(object.get().kind())) {
      return AdmissionResponse.allow(request.uid(), List.of());
    }
    Engine.Result result = live.admit(object.get());
    Set<String> before = errorsBefore(request, live);
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Finding f : result.findings()) {
      if (f.code().equals(Engine.INTERNAL_ERROR.code())) {
        metrics.ruleError();
        warnings.add("istiolint: a rule failed on this object, so it was not fully checked: " + f.message());
      } else if (f.severity() == Severity.ERROR && before.contains(line(f))) {
        warnings.add(line(f) + " [already there before this update]");
      } else if (f.severity() == Severity.ERROR) {
        errors.add(line(f));
      } else if (f.severity() == Severity.WARNING) {
        warnings.add(line(f));
      }
    }
    if (errors.isEmpty()) {
      return AdmissionResponse.allow(request.uid(), warnings);
    }
    Mode effective = modeFor(live, object.get().namespace());
    metrics.violation(effective);
    return switch (effective) {
      case ENFORCE -> new AdmissionResponse(request.uid(), false, denial(request, errors), warnings);
      case WARN -> {
        List<String> all = new ArrayList<>();
        errors.forEach(e -> all.add("istiolint (warn mode, would deny): " + e));
        all.addAll(warnings);
        yield AdmissionResponse.allow(request.uid(), all);
      }
      case AUDIT -> AdmissionResponse.allow(request.uid(), List.of());
    };
  }

  /**
   * The errors the object had before an UPDATE: not denied again, so that an object broken by a change
   * elsewhere can still be edited (to fix it, or to change something unrelated in a hurry).
   */
  private static Set<String> errorsBefore(AdmissionRequest request, LiveView live) {
    if (!request.operation().equals("UPDATE") || request.oldObject() == null) {
      return Set.of();
    }
    Optional<Resource> old = resource(request, request.oldObject());
    if (old.isEmpty()) {
      return Set.of();
    }
    Set<String> errors = new HashSet<>();
    live.admit(old.get()).findings().stream().filter(f -> f.severity() == Severity.ERROR).forEach(f -> errors.add(line(f)));
    return errors;
  }

  private AdmissionResponse delete(AdmissionRequest request, LiveView live) {
    Kind kind = new Kind(request.group(), request.kind());
    if (!REFERENCED.contains(kind)) {
      return AdmissionResponse.allow(request.uid(), List.of());
    }
    // The view's own object: the request may name another served version of it.
    Optional<Resource> gone = live.find(new ResourceRef(request.group().isEmpty() ? request.version()
        : request.group() + "/" + request.version(), request.kind(), request.namespace(), request.name()));
    if (gone.isEmpty()) {
      return AdmissionResponse.allow(request.uid(), List.of());
    }
    LiveView.Impact impact = live.delete(gone.get());
    List<String> warnings = new ArrayList<>();
    for (Finding f : impact.findings()) {
      if (f.severity() != Severity.INFO && !f.code().equals(Engine.INTERNAL_ERROR.code())) {
        warnings.add("deleting " + request.displayName() + " breaks " + f.resource().displayName() + ": " + line(f));
      }
    }
    if (!warnings.isEmpty() && denyBreakingDeletes && modeFor(live, request.namespace()) == Mode.ENFORCE) {
      return new AdmissionResponse(request.uid(), false, "istiolint: " + request.displayName() + " is still in use:\n"
          + String.join("\n", warnings), List.of());
    }
    return AdmissionResponse.allow(request.uid(), warnings);
  }

  /** The request's object as a resource; its name from the request when it has only generateName. */
  private static Optional<Resource> resource(AdmissionRequest request, JsonNode object) {
    JsonNode named = object;
    if (object.path("metadata").path("name").asString("").isEmpty() && object instanceof ObjectNode copy) {
      String name = request.name().isEmpty() ? object.path("metadata").path("generateName").asString("") + "(generated)"
          : request.name();
      named = copy.deepCopy();
      ((ObjectNode) named).withObject("metadata").put("name", name);
    }
    String namespace = request.namespace().isEmpty() ? "default" : request.namespace();
    return new ObjectReader(namespace).read(named, Origin.admission(request.operation())).resources().stream().findFirst();
  }

  /** The mode of {@code namespace}: its label {@value #MODE_LABEL} when it has a valid one, else the webhook's. */
  private Mode modeFor(LiveView live, String namespace) {
    Optional<Resource> ns = live.snapshot().index().find(Kind.NAMESPACE, "", namespace);
    String label = ns.map(n -> n.labels().get(MODE_LABEL)).orElse(null);
    if (label != null) {
      try {
        return Mode.parse(label);
      } catch (IllegalArgumentException e) {
        return mode; // a mistyped label must not switch the webhook off
      }
    }
    return mode;
  }

  /** "IL0102 spec.http[0].route[0].destination.subset: subset `v4` is not defined … (fix: …)". */
  private static String line(Finding f) {
    String where = f.path() == null || f.path().isRoot() ? "" : " " + f.path();
    return f.code() + where + ": " + f.message() + (f.hint() == null ? "" : " (fix: " + f.hint() + ")");
  }

  private static String denial(AdmissionRequest request, List<String> errors) {
    return "istiolint: " + request.displayName() + " has " + errors.size() + (errors.size() == 1 ? " error" : " errors")
        + ":\n" + String.join("\n", errors);
  }
}
