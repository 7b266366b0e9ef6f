package io.istiolint.mesh;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import io.istiolint.load.YamlText;
import io.istiolint.model.Resource;
import io.istiolint.schemas.Suggestions;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads MeshConfig from where Istio keeps it: a MeshConfig YAML file, the {@code istio} ConfigMap (whose
 * {@code data.mesh} is MeshConfig YAML) or an IstioOperator ({@code spec.meshConfig}). A {@code --mesh-config}
 * file is read strictly (every problem is reported with its position); MeshConfig sources among the lint
 * inputs are read leniently (what cannot be read is left out).
 */
public final class MeshConfigLoader {

  /** The name of the ConfigMap istiod reads its MeshConfig from. */
  public static final String CONFIG_MAP_NAME = "istio";

  private static final Set<String> DEFAULT_PROVIDER_FIELDS = Set.of("metrics", "tracing", "accessLogging");

  private MeshConfigLoader() {}

  /** Something wrong in a MeshConfig source, and where. */
  public record Problem(Location location, String message) {
    @Override
    public String toString() {
      return location + ": " + message;
    }
  }

  /** A {@code --mesh-config} file that cannot be used, with every problem found in it. */
  public static final class InvalidMeshConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    InvalidMeshConfigException(List<Problem> problems) {
      super(problems.isEmpty() ? "invalid MeshConfig" : problems.get(0).toString(), null, false, false);
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /**
   * Reads {@code file} (shown as {@code name}): every document must be a MeshConfig, a ConfigMap with
   * {@code data.mesh}, or an IstioOperator. Returns one layer per document, in order.
   */
  public static List<MeshConfigLayer> readFile(Path file, String name) throws IOException, InvalidMeshConfigException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidMeshConfigException(List.of(new Problem(new Location(name, 1, 1), "the file is not UTF-8 text")));
    }
    List<Problem> problems = new ArrayList<>();
    List<MeshConfigLayer> layers = new ArrayList<>();
    List<YamlText.Parsed> documents;
    try {
      documents = YamlText.parse(text, name, 0, 0);
    } catch (YamlText.SyntaxError e) {
      throw new InvalidMeshConfigException(List.of(new Problem(e.location(), e.getMessage())));
    }
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (YamlText.Parsed doc : documents) {
      if (doc.root() == null || doc.root().isNull() || doc.root().isMissingNode()) {
        continue;
      }
      readDocument(doc, name, lines, problems).ifPresent(layers::add);
    }
    if (problems.isEmpty() && layers.isEmpty()) {
      problems.add(new Problem(new Location(name, 1, 1), "no MeshConfig in the file"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidMeshConfigException(problems);
    }
    return layers;
  }

  /**
   * The MeshConfig sources among the inputs, in input order: the {@code istio} ConfigMap of the root
   * namespace (or a revision's {@code istio-<rev>}) and IstioOperator manifests.
   */
  public static List<MeshConfigLayer> fromInputs(List<Resource> resources, String rootNamespace) {
    List<MeshConfigLayer> layers = new ArrayList<>();
    for (Resource r : resources) {
      if (r.kind().equals(Kind.ISTIO_OPERATOR)) {
        layers.add(parseMesh(r.spec().path("meshConfig"), "inputs", true, p -> null, new ArrayList<>()));
      } else if (r.kind().equals(Kind.CONFIG_MAP) && isMeshConfigMap(r) && r.namespace().equals(rootNamespace)
          && r.object().path("data").path("mesh").isString()) {
        try {
          for (YamlText.Parsed doc : YamlText.parse(r.object().path("data").path("mesh").asString(""), r.ref().displayName(), 0, 0)) {
            layers.add(parseMesh(doc.root(), "inputs", false, p -> null, new ArrayList<>()));
          }
        } catch (YamlText.SyntaxError e) {
          // Unreadable: the mesh stays as the other sources describe it.
        }
      }
    }
    return layers;
  }

  /**
   * The {@code istio} ConfigMap, or the one a revision of istiod reads: {@code istio-<rev>}, labelled
   * {@code istio.io/rev: <rev>} (Istio's istiod chart with {@code revision} set, canary upgrades).
   */
  private static boolean isMeshConfigMap(Resource r) {
    String revision = r.labels().getOrDefault("istio.io/rev", "");
    return r.name().equals(CONFIG_MAP_NAME) || (!revision.isEmpty() && r.name().equals(CONFIG_MAP_NAME + "-" + revision));
  }

  /** {@code base} with the MeshConfig sources among {@code inputs} applied, then {@code fileLayers} (which win). */
  public static MeshConfig resolve(MeshConfig base, List<Resource> inputs, List<MeshConfigLayer> fileLayers) {
    MeshConfig config = base;
    for (MeshConfigLayer layer : fromInputs(inputs, base.rootNamespace())) {
      config = config.with(layer);
    }
    for (MeshConfigLayer layer : fileLayers) {
      config = config.with(layer);
    }
    return config;
  }

  private static Optional<MeshConfigLayer> readDocument(YamlText.Parsed doc, String name, String[] lines, List<Problem> problems) {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      problems.add(new Problem(doc.start(), "a MeshConfig is a mapping (rootNamespace, extensionProviders, …), not "
          + (root.isArray() ? "a list" : "a plain value")));
      return Optional.empty();
    }
    JsonNode kind = root.path("kind");
    if (kind.isMissingNode()) {
      return Optional.of(parseMesh(root, "file", false, doc::locate, problems));
    }
    String k = kind.asString("");
    if (k.equals("IstioOperator")) {
      YamlPath base = YamlPath.of("spec", "meshConfig");
      return Optional.of(parseMesh(root.path("spec").path("meshConfig"), "file", true, p -> doc.locate(base.resolve(p)), problems));
    }
    if (!k.equals("ConfigMap")) {
      problems.add(new Problem(doc.locate(YamlPath.of("kind")), "a " + k + " is not a MeshConfig source: give a MeshConfig,"
          + " the `istio` ConfigMap (data.mesh) or an IstioOperator (spec.meshConfig)"));
      return Optional.empty();
    }
    YamlPath meshPath = YamlPath.of("data", "mesh");
    JsonNode mesh = root.path("data").path("mesh");
    if (!mesh.isString()) {
      problems.add(new Problem(doc.locate(meshPath), mesh.isMissingNode()
          ? "the ConfigMap has no data.mesh, where istiod reads its MeshConfig"
          : "data.mesh must be a string holding MeshConfig YAML"));
      return Optional.empty();
    }
    Location at = doc.locate(meshPath);
    // A literal block (`mesh: |`) keeps line breaks: positions inside it map back to the file exactly.
    boolean literal = at.line() <= lines.length && lines[at.line() - 1].length() >= at.column()
        && lines[at.line() - 1].charAt(at.column() - 1) == '|';
    int indent = literal ? contentIndent(lines, at.line()) : 0;
    List<YamlText.Parsed> inner;
    try {
      inner = YamlText.parse(mesh.asString(""), name, literal ? at.line() : 0, indent);
    } catch (YamlText.SyntaxError e) {
      problems.add(new Problem(literal ? e.location() : at, "data.mesh: " + e.getMessage()));
      return Optional.empty();
    }
    if (inner.isEmpty() || inner.get(0).root() == null || inner.get(0).root().isNull()) {
      return Optional.of(parseMesh(tools.jackson.databind.node.MissingNode.getInstance(), "file", false, p -> at, problems));
    }
    YamlText.Parsed meshDoc = inner.get(0);
    if (!meshDoc.root().isObject()) {
      problems.add(new Problem(at, "data.mesh must hold a MeshConfig mapping"));
      return Optional.empty();
    }
    return Optional.of(parseMesh(meshDoc.root(), "file", false, literal ? meshDoc::locate : p -> at, problems));
  }

  /** The indentation of the first non-blank line after {@code line} (1-based): where a block scalar's text starts. */
  private static int contentIndent(String[] lines, int line) {
    for (int i = line; i < lines.length; i++) {
      String l = lines[i];
      if (!l.isBlank()) {
        int n = 0;
        while (n < l.length() && l.charAt(n) == ' ') {
          n++;
        }
        return n;
      }
    }
    return 0;
  }

  private static MeshConfigLayer parseMesh(JsonNode mesh, String origin, boolean installer, Function<YamlPath, Location> locate,
      List<Problem> problems) {
    Reader r = new Reader(locate, problems);
    if (!mesh.isObject()) {
      if (!mesh.isMissingNode() && !mesh.isNull()) {
        r.problem(YamlPath.ROOT, "a MeshConfig is a mapping (rootNamespace, extensionProviders, …)");
      }
      return new MeshConfigLayer(origin, installer, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          List.of(), Optional.empty());
    }
    Optional<String> rootNamespace = Optional.empty();
    JsonNode root = mesh.path("rootNamespace");
    if (!root.isMissingNode()) {
      if (root.isString() && !root.asString("").isEmpty()) {
        rootNamespace = Optional.of(root.asString(""));
      } else {
        r.problem(YamlPath.of("rootNamespace"), "rootNamespace must be a namespace name");
      }
    }
    return new MeshConfigLayer(origin, installer, rootNamespace,
        r.strings(mesh, YamlPath.of("defaultServiceExportTo")),
        r.strings(mesh, YamlPath.of("defaultVirtualServiceExportTo")),
        r.strings(mesh, YamlPath.of("defaultDestinationRuleExportTo")),
        r.providers(mesh.path("extensionProviders")),
        r.defaultProviders(mesh.path("defaultProviders")));
  }

  /** Reads MeshConfig fields, collecting what is wrong with them. */
  private record Reader(Function<YamlPath, Location> locate, List<Problem> problems) {

    void problem(YamlPath at, String message) {
      Location loc = locate.apply(at);
      if (loc != null) {
        problems.add(new Problem(loc, message));
      }
    }

    Optional<List<String>> strings(JsonNode parent, YamlPath path) {
      JsonNode node = parent.path((String) path.last());
      if (node.isMissingNode() || node.isNull()) {
        return Optional.empty();
      }
      List<String> values = new ArrayList<>();
      if (!node.isArray()) {
        problem(path, path + " must be a list of strings");
        return Optional.empty();
      }
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isString()) {
          values.add(node.get(i).asString(""));
        } else {
          problem(path.index(i), path + "[" + i + "] must be a string");
        }
      }
      return Optional.of(List.copyOf(values));
    }

    List<ExtensionProvider> providers(JsonNode node) {
      YamlPath path = YamlPath.of("extensionProviders");
      if (node.isMissingNode() || node.isNull()) {
        return List.of();
      }
      if (!node.isArray()) {
        problem(path, "extensionProviders must be a list of providers (name and one provider kind)");
        return List.of();
      }
      List<ExtensionProvider> providers = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < node.size(); i++) {
        YamlPath at = path.index(i);
        JsonNode entry = node.get(i);
        if (!entry.isObject()) {
          problem(at, at + " must be a mapping with a name and one provider kind");
          continue;
        }
        JsonNode name = entry.path("name");
        if (!name.isString() || name.asString("").isEmpty()) {
          problem(name.isMissingNode() ? at : at.field("name"), at + " has no name: Telemetry refers to providers by name");
          continue;
        }
        if (!seen.add(name.asString(""))) {
          problem(at.field("name"), "extension provider `" + name.asString("") + "` is defined twice; istiod rejects duplicate names");
        }
        providers.add(new ExtensionProvider(name.asString(""), type(entry, at, name.asString(""))));
      }
      return providers;
    }

    private ExtensionProvider.Type type(JsonNode entry, YamlPath at, String name) {
      List<ExtensionProvider.Type> types = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : entry.properties()) {
        String key = field.getKey();
        if (key.equals("name")) {
          continue;
        }
        Optional<ExtensionProvider.Type> type = ExtensionProvider.Type.ofField(key);
        if (type.isPresent()) {
          types.add(type.get());
        } else {
          problem(at.field(key).key(), "unknown provider kind `" + key + "` in extension provider `" + name + "`"
              + Suggestions.closest(key, ExtensionProvider.Type.fields()).map(s -> ": did you mean `" + s + "`?")
                  .orElse(" (one of " + String.join(", ", ExtensionProvider.Type.fields()) + ")"));
        }
      }
      if (types.size() == 1) {
        return types.get(0);
      }
      if (types.isEmpty() && entry.size() == 1) {
        problem(at.field("name"), "extension provider `" + name + "` sets no provider kind (one of "
            + String.join(", ", ExtensionProvider.Type.fields()) + ")");
      } else if (types.size() > 1) {
        problem(at, "extension provider `" + name + "` sets several provider kinds ("
            + String.join(", ", types.stream().map(ExtensionProvider.Type::field).toList()) + "); it can be only one");
      }
      return ExtensionProvider.Type.UNKNOWN;
    }

    Optional<MeshConfigLayer.DefaultProvidersLayer> defaultProviders(JsonNode node) {
      YamlPath path = YamlPath.of("defaultProviders");
      if (node.isMissingNode() || node.isNull()) {
        return Optional.empty();
      }
      if (!node.isObject()) {
        problem(path, "defaultProviders must be a mapping with metrics, tracing and accessLogging lists");
        return Optional.empty();
      }
      for (String key : iterable(node)) {
        String camel = key.equals("access_logging") ? "accessLogging" : key;
        if (!DEFAULT_PROVIDER_FIELDS.contains(camel)) {
          problem(path.field(key).key(), "unknown field `" + key + "` in defaultProviders"
              + Suggestions.closest(key, DEFAULT_PROVIDER_FIELDS).map(s -> ": did you mean `" + s + "`?")
                  .orElse(" (metrics, tracing, accessLogging)"));
        }
      }
      String accessLogging = node.has("access_logging") ? "access_logging" : "accessLogging";
      return Optional.of(new MeshConfigLayer.DefaultProvidersLayer(strings(node, path.field("metrics")),
          strings(node, path.field("tracing")), strings(node, path.field(accessLogging))));
    }

    private static List<String> iterable(JsonNode node) {
      List<String> keys = new ArrayList<>();
      node.propertyNames().forEach(keys::add);
      return keys;
    }
  }
}
