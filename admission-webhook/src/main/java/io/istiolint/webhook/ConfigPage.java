package io.istiolint.webhook;

import io.istiolint.api.Finding;
import io.istiolint.api.Kind;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.Severity;
import io.istiolint.engine.Unverified;
import io.istiolint.graph.RefGraph;
import io.istiolint.report.KialiValidations;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import tools.jackson.core.JsonGenerator;

/**
 * The "Istio Config" page at {@code /} and what it reads: the table of objects ({@code /api/istiolint/objects}),
 * one object with its YAML, its findings at their lines and the reference graph around it ({@code
 * /api/istiolint/objects/{namespace}/{group}/{version}/{kind}/{name}}), and the view's generation as server-sent
 * events ({@code /api/istiolint/events}), so that an open page follows the view.
 */
final class ConfigPage {

  private static final ClassPathResource PAGE = new ClassPathResource("static/config/index.html");

  private final ConfigView view;

  ConfigPage(ConfigView view) {
    this.view = view;
  }

  RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .GET("/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(PAGE))
        .GET("/api/istiolint/objects", request -> JsonAnswer.respond(view, this::objects))
        .GET("/api/istiolint/objects/{namespace}/{group}/{version}/{kind}/{name}", request -> JsonAnswer.respond(view,
            catalog -> KialiApi.withObject(request, catalog, item -> object(catalog, item))))
        .GET("/api/istiolint/events", request -> ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events(), ServerSentEvent.class))
        .build();
  }

  /** {@code event: view} with {@code {"generation": n}}, now and after every change (a closed stream the browser opens again). */
  private Flux<ServerSentEvent<String>> events() {
    return view.generations().map(g -> ServerSentEvent.builder("{\"generation\":" + g + "}").event("view").id(Long.toString(g)).build());
  }

  /** {@code {"generation", "namespaces", "objects": [row]}}: the objects Kiali's validations list, worst first. */
  private JsonAnswer.Answer objects(ConfigCatalog catalog) {
    List<ConfigCatalog.Item> items = catalog.all().stream().filter(ConfigCatalog.Item::validated)
        .sorted(Comparator.comparing(ConfigCatalog.Item::status).thenComparing(i -> i.ref().namespace())
            .thenComparing(i -> i.ref().kind()).thenComparing(i -> i.ref().name())).toList();
    return JsonAnswer.ok(g -> {
      g.writeStartObject();
      g.writeNumberProperty("generation", catalog.generation());
      g.writeArrayPropertyStart("namespaces");
      for (String ns : catalog.namespaces()) {
        g.writeString(ns);
      }
      g.writeEndArray();
      g.writeArrayPropertyStart("objects");
      for (ConfigCatalog.Item item : items) {
        writeRow(g, item);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** One object for its view: its row, its YAML with the line of each finding and unverified reference, the graph around it. */
  private JsonAnswer.Answer object(ConfigCatalog catalog, ConfigCatalog.Item item) {
    ObjectText text = ObjectText.of(item.resource(), view.sources());
    return JsonAnswer.ok(g -> {
      g.writeStartObject();
      g.writeNumberProperty("generation", catalog.generation());
      g.writeName("object");
      writeRow(g, item);
      g.writeStringProperty("source", text.source());
      g.writeNumberProperty("firstLine", text.firstLine());
      g.writeArrayPropertyStart("lines");
      for (String line : text.lines()) {
        g.writeString(line);
      }
      g.writeEndArray();
      g.writeArrayPropertyStart("findings");
      for (Finding f : item.findings()) {
        g.writeStartObject();
        g.writeStringProperty("code", f.code());
        g.writeStringProperty("rule", f.rule());
        g.writeStringProperty("severity", f.severity().name().toLowerCase(Locale.ROOT));
        g.writeStringProperty("message", f.message());
        g.writeStringProperty("hint", f.hint() == null ? "" : f.hint());
        g.writeStringProperty("path", f.path() == null ? "" : f.path().toString());
        g.writeNumberProperty("line", lineOf(f, text));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayPropertyStart("unverified");
      for (Unverified u : item.result().unverified()) {
        g.writeStartObject();
        g.writeStringProperty("path", u.path() == null ? "" : u.path().toString());
        g.writeStringProperty("reason", u.reason());
        g.writeNumberProperty("line", text.at().lineOf(u.path()));
        g.writeEndObject();
      }
      g.writeEndArray();
      writeGraph(g, catalog, item.ref());
      g.writeEndObject();
    });
  }

  /** The line of {@code f} in {@code text}: where the CLI puts it when the text is the file's, else at its path. */
  private static int lineOf(Finding f, ObjectText text) {
    int last = text.firstLine() + text.lines().size() - 1;
    if (f.location() != null && f.location().hasPosition() && f.location().file().equals(text.source())
        && f.location().line() >= text.firstLine() && f.location().line() <= last) {
      return f.location().line();
    }
    return text.at().lineOf(f.path());
  }

  private void writeGraph(JsonGenerator g, ConfigCatalog catalog, ResourceRef focus) throws IOException {
    RefGraph graph = catalog.snapshot().graph();
    Neighbourhood around = Neighbourhood.around(graph, focus);
    g.writeObjectPropertyStart("graph");
    g.writeArrayPropertyStart("nodes");
    for (RefGraph.Node node : around.nodes()) {
      g.writeStartObject();
      g.writeStringProperty("id", id(node));
      g.writeBooleanProperty("focus", node.equals(new RefGraph.ResourceNode(focus)));
      if (node instanceof RefGraph.ResourceNode r) {
        Optional<ConfigCatalog.Item> item = catalog.find(r.ref());
        g.writeStringProperty("type", r.ref().kind());
        g.writeStringProperty("label", r.ref().kind() + "\n" + r.ref().namespace() + "/" + r.ref().name());
        g.writeStringProperty("status", item.map(i -> i.status().label).orElse(ConfigCatalog.Status.VALID.label));
        g.writeBooleanProperty("missing", false);
        if (item.isPresent()) {
          g.writeName("object");
          writeRow(g, item.get());
        }
      } else {
        RefGraph.TargetNode t = (RefGraph.TargetNode) node;
        g.writeStringProperty("type", t.type());
        g.writeStringProperty("label", t.type() + "\n" + t.key());
        g.writeBooleanProperty("missing", Neighbourhood.missing(graph, node));
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("edges");
    for (RefGraph.Edge e : around.edges()) {
      g.writeStartObject();
      g.writeStringProperty("source", id(e.source()));
      g.writeStringProperty("target", id(e.target()));
      g.writeStringProperty("relation", e.relation());
      g.writeBooleanProperty("resolved", e.resolved());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static String id(RefGraph.Node node) {
    if (node instanceof RefGraph.ResourceNode r) {
      return "object:" + Kind.groupOf(r.ref().apiVersion()) + "/" + r.ref().kind() + "/" + r.ref().namespace() + "/" + r.ref().name();
    }
    RefGraph.TargetNode t = (RefGraph.TargetNode) node;
    return t.type() + ":" + t.key();
  }

  /** A row of the table: the object's identity (the group of core kinds as {@code core}), status, counts and finding codes. */
  private static void writeRow(JsonGenerator g, ConfigCatalog.Item item) throws IOException {
    ResourceRef ref = item.ref();
    String group = Kind.groupOf(ref.apiVersion());
    g.writeStartObject();
    g.writeStringProperty("namespace", ref.namespace());
    g.writeStringProperty("group", group.isEmpty() ? KialiApi.CORE_GROUP : group);
    g.writeStringProperty("version", Kind.versionOf(ref.apiVersion()));
    g.writeStringProperty("kind", ref.kind());
    g.writeStringProperty("name", ref.name());
    g.writeStringProperty("gvk", KialiValidations.gvkKey(ref));
    g.writeStringProperty("status", item.status().label);
    g.writeNumberProperty("errors", item.count(Severity.ERROR));
    g.writeNumberProperty("warnings", item.count(Severity.WARNING));
    g.writeNumberProperty("infos", item.count(Severity.INFO));
    g.writeNumberProperty("unverified", item.result().unverified().size());
    g.writeArrayPropertyStart("codes");
    for (String code : item.findings().stream().map(Finding::code).distinct().sorted().toList()) {
      g.writeString(code);
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
