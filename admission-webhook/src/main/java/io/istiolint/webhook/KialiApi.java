package io.istiolint.webhook;

import io.istiolint.api.Finding;
import io.istiolint.api.Severity;
import io.istiolint.report.KialiValidations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.core.JsonGenerator;

/**
 * Kiali's Istio config API over the webhook's view, with Kiali's paths, shapes and key names, so Kiali's UI and
 * tools built for it can read istiolint's results; the validations are written exactly as {@code --format kiali}
 * writes them ({@link KialiValidations}), from the results the webhook keeps per object. The cluster is ""; the
 * group of the core kinds is written {@code core} in a path.
 */
final class KialiApi {

  /** How a path names the empty group of Services, Pods and the other core kinds. */
  static final String CORE_GROUP = "core";

  private final ConfigView view;

  KialiApi(ConfigView view) {
    this.view = view;
  }

  RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .GET("/api/istio/config", request -> JsonAnswer.respond(view, catalog -> config(request, catalog, null)))
        .GET("/api/namespaces/{namespace}/istio", request -> JsonAnswer.respond(view,
            catalog -> config(request, catalog, request.pathVariable("namespace"))))
        .GET("/api/namespaces/{namespace}/istio/{group}/{version}/{kind}/{name}", request -> JsonAnswer.respond(view,
            catalog -> withObject(request, catalog, item -> details(request, catalog, item))))
        .GET("/api/istio/validations", request -> JsonAnswer.respond(view, catalog -> summaries(request, catalog)))
        .GET("/api/namespaces/{namespace}/validations", request -> JsonAnswer.respond(view, catalog -> summary(request, catalog)))
        .build();
  }

  static JsonAnswer.Answer noNamespace(String namespace) {
    return JsonAnswer.error(HttpStatus.NOT_FOUND, "namespace " + namespace + " not found: the view has no object in it");
  }

  /**
   * The answer about the object a {@code {namespace}/{group}/{version}/{kind}/{name}} path names (any version: one
   * object is served at every version), or 404 when the view lacks it or its namespace.
   */
  static JsonAnswer.Answer withObject(ServerRequest request, ConfigCatalog catalog, Function<ConfigCatalog.Item, JsonAnswer.Answer> answer) {
    String namespace = request.pathVariable("namespace");
    if (!catalog.hasNamespace(namespace)) {
      return noNamespace(namespace);
    }
    String group = request.pathVariable("group");
    String kind = request.pathVariable("kind");
    String name = request.pathVariable("name");
    return catalog.find(group.equals(CORE_GROUP) ? "" : group, kind, namespace, name).map(answer)
        .orElseGet(() -> JsonAnswer.error(HttpStatus.NOT_FOUND, kind + " " + namespace + "/" + name + " not found in the view"));
  }

  /** {@code {"resources": {"<gvk>": [objects]}, "validations": <IstioValidations>}} of a namespace, or of all when null. */
  private JsonAnswer.Answer config(ServerRequest request, ConfigCatalog catalog, String namespace) {
    if (namespace != null && !catalog.hasNamespace(namespace)) {
      return noNamespace(namespace);
    }
    Optional<Set<String>> types = request.queryParam("objects").filter(o -> !o.isEmpty())
        .map(o -> Arrays.stream(o.split(";")).map(String::strip).collect(Collectors.toSet()));
    List<ConfigCatalog.Item> items = (namespace == null ? catalog.all() : catalog.in(namespace)).stream()
        .filter(i -> types.isEmpty() || types.get().contains(KialiValidations.gvkKey(i.ref()))).toList();
    boolean validate = validate(request);
    return JsonAnswer.ok(g -> {
      g.writeStartObject();
      g.writeObjectPropertyStart("resources");
      Map<String, List<ConfigCatalog.Item>> byGvk = new TreeMap<>();
      items.stream().filter(i -> KialiValidations.validates(i.resource().kind()))
          .forEach(i -> byGvk.computeIfAbsent(KialiValidations.gvkKey(i.ref()), k -> new ArrayList<>()).add(i));
      for (Map.Entry<String, List<ConfigCatalog.Item>> gvk : byGvk.entrySet()) {
        g.writeArrayPropertyStart(gvk.getKey());
        for (ConfigCatalog.Item i : gvk.getValue()) {
          g.writeTree(i.resource().object());
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeName("validations");
      if (validate) {
        catalog.validations(items).write(g);
      } else {
        g.writeNull();
      }
      g.writeEndObject();
    });
  }

  /** One object: {@code cluster, gvk, help, namespace, permissions, references, resource, validation}, Kiali's keys in its order. */
  private JsonAnswer.Answer details(ServerRequest request, ConfigCatalog catalog, ConfigCatalog.Item item) {
    String namespace = item.ref().namespace();
    boolean validate = validate(request);
    return JsonAnswer.ok(g -> {
      g.writeStartObject();
      g.writeStringProperty("cluster", "");
      g.writeObjectPropertyStart("gvk");
      KialiValidations.writeGvkFields(g, item.ref());
      g.writeEndObject();
      g.writeArrayPropertyStart("help");
      g.writeEndArray();
      g.writeObjectPropertyStart("namespace");
      g.writeStringProperty("name", namespace);
      g.writeStringProperty("cluster", "");
      g.writeEndObject();
      // A view to read: nothing is changed through it.
      g.writeObjectPropertyStart("permissions");
      g.writeBooleanProperty("create", false);
      g.writeBooleanProperty("update", false);
      g.writeBooleanProperty("delete", false);
      g.writeEndObject();
      g.writeName("references");
      if (validate) {
        ObjectReferences.of(catalog, item.ref()).write(g);
      } else {
        g.writeNull();
      }
      g.writeName("resource");
      g.writeTree(item.resource().object());
      g.writeName("validation");
      if (!validate || !catalog.validations(List.of(item)).writeEntry(g, item.ref())) {
        g.writeNull();
      }
      g.writeEndObject();
    });
  }

  /** {@code [IstioValidationSummary]} of the namespaces asked for ({@code namespaces=a,b}), or of every one. */
  private JsonAnswer.Answer summaries(ServerRequest request, ConfigCatalog catalog) {
    List<String> namespaces = request.queryParam("namespaces").filter(n -> !n.isBlank())
        .map(n -> Arrays.stream(n.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList())
        .orElseGet(() -> List.copyOf(catalog.namespaces()));
    for (String namespace : namespaces) {
      if (!catalog.hasNamespace(namespace)) {
        return noNamespace(namespace);
      }
    }
    return JsonAnswer.ok(g -> {
      g.writeStartArray();
      for (String namespace : namespaces) {
        writeSummary(g, catalog, namespace);
      }
      g.writeEndArray();
    });
  }

  private JsonAnswer.Answer summary(ServerRequest request, ConfigCatalog catalog) {
    String namespace = request.pathVariable("namespace");
    return catalog.hasNamespace(namespace) ? JsonAnswer.ok(g -> writeSummary(g, catalog, namespace)) : noNamespace(namespace);
  }

  /** Kiali's summary: the objects validated and their error and warning checks (infos, Kiali's unknown, are not counted). */
  private static void writeSummary(JsonGenerator g, ConfigCatalog catalog, String namespace) throws IOException {
    List<ConfigCatalog.Item> validated = catalog.in(namespace).stream().filter(ConfigCatalog.Item::validated).toList();
    List<Finding> checks = validated.stream().flatMap(i -> i.findings().stream()).toList();
    g.writeStartObject();
    g.writeNumberProperty("errors", checks.stream().filter(f -> f.severity() == Severity.ERROR).count());
    g.writeNumberProperty("objectCount", validated.size());
    g.writeNumberProperty("warnings", checks.stream().filter(f -> f.severity() == Severity.WARNING).count());
    g.writeStringProperty("namespace", namespace);
    g.writeStringProperty("cluster", "");
    g.writeEndObject();
  }

  private static boolean validate(ServerRequest request) {
    return request.queryParam("validate").map(Boolean::parseBoolean).orElse(false);
  }
}
