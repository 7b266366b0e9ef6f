package io.istiolint.config;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Location;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.config.LintConfig.MeshFacts;
import io.istiolint.config.LintConfig.RuleSetting;
import io.istiolint.engine.FailOn;
import io.istiolint.load.YamlText;
import io.istiolint.schemas.Suggestions;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code .istiolint.yaml}, found in the working directory or the nearest directory above it (or named
 * with {@code --config}). Every mistake is an error at its {@code file:line:col}: an unknown key or rule
 * code, a value of the wrong kind, a key written twice. A config that is silently half-applied is worse
 * than none.
 *
 * <pre>
 * failOn: warning                     # error | warning | info | never
 * allowInlineSuppressions: false      # ignore istiolint.io/ignore and galley.istio.io/analyze-suppress
 * rules:
 *   IL0007: off                       # on | off | error | warning | info, or {enabled: .., severity: ..}
 *   deprecated-api-version: warning   # by code or by name
 * ignore:
 *   paths: ["vendor/**"]              # globs relative to this file's directory
 *   resources: ["EnvoyFilter/istio-system/*"]   # Kind/namespace/name globs
 * mesh:
 *   proxyVersions: ["1.24.2"]
 *   istioVersion: "1.24.2"
 *   domainSuffix: cluster.local
 *   meshConfig: mesh-config.yaml      # relative to this file's directory
 * docsUrl: https://example.com/docs/rules/
 * </pre>
 */
public final class ConfigLoader {

  public static final String FILE_NAME = ".istiolint.yaml";

  private static final List<String> TOP_KEYS = List.of("failOn", "allowInlineSuppressions", "rules", "ignore", "mesh", "docsUrl");
  private static final List<String> IGNORE_KEYS = List.of("paths", "resources");
  private static final List<String> MESH_KEYS = List.of("proxyVersions", "istioVersion", "domainSuffix", "meshConfig");
  private static final List<String> RULE_KEYS = List.of("enabled", "severity");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?([-+][0-9A-Za-z.-]+)?");
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  private final YamlText.Parsed yaml;
  private final Path baseDir;
  private final Collection<RuleMeta> catalogue;

  private ConfigLoader(YamlText.Parsed yaml, Path baseDir, Collection<RuleMeta> catalogue) {
    this.yaml = yaml;
    this.baseDir = baseDir;
    this.catalogue = catalogue;
  }

  /** The config file in {@code start} or the nearest directory above it that has one. */
  public static Optional<Path> find(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(FILE_NAME);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Reads and checks {@code file}; rule codes and names are checked against {@code catalogue}. */
  public static LintConfig load(Path file, Collection<RuleMeta> catalogue) throws ConfigException, IOException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(new Location(file.toString(), 1, 1), "not UTF-8 text");
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(text, file, base, catalogue);
  }

  /** Checks {@code text} as the content of {@code file}; relative paths in it are resolved against {@code baseDir}. */
  public static LintConfig parse(String text, Path file, Path baseDir, Collection<RuleMeta> catalogue) throws ConfigException {
    YamlText.Parsed yaml;
    try {
      yaml = YamlText.parseOne(text, file.toString());
    } catch (YamlText.SyntaxError e) {
      throw new ConfigException(e.location(), e.getMessage());
    }
    if (!yaml.duplicates().isEmpty()) {
      throw new ConfigException(yaml.duplicates().get(0), "this key is written twice; keep one");
    }
    return new ConfigLoader(yaml, baseDir, catalogue).read(file);
  }

  private LintConfig read(Path file) throws ConfigException {
    JsonNode root = yaml.root();
    if (root == null || root.isNull()) {
      return new LintConfig(file, Map.of(), List.of(), List.of(), MeshFacts.NONE, null, true, LintConfig.DEFAULT_DOCS_URL);
    }
    YamlPath top = YamlPath.ROOT;
    mapping(root, top, "the config file", TOP_KEYS);
    FailOn failOn = null;
    if (root.has("failOn")) {
      JsonNode v = root.get("failOn");
      failOn = v.isString() ? FailOn.parse(v.asString("")).orElse(null) : null;
      if (failOn == null) {
        throw error(top.field("failOn"), "failOn must be one of error, warning, info, never");
      }
    }
    boolean allowInline = true;
    if (root.has("allowInlineSuppressions")) {
      allowInline = bool(root.get("allowInlineSuppressions"), top.field("allowInlineSuppressions"));
    }
    Map<String, RuleSetting> rules = root.has("rules") ? rules(root.get("rules"), top.field("rules")) : Map.of();
    List<String> paths = List.of();
    List<String> resources = List.of();
    if (root.has("ignore")) {
      JsonNode ignore = root.get("ignore");
      YamlPath at = top.field("ignore");
      mapping(ignore, at, "ignore", IGNORE_KEYS);
      paths = ignore.has("paths") ? pathGlobs(ignore.get("paths"), at.field("paths")) : List.of();
      resources = ignore.has("resources") ? resourceGlobs(ignore.get("resources"), at.field("resources")) : List.of();
    }
    MeshFacts mesh = root.has("mesh") ? mesh(root.get("mesh"), top.field("mesh")) : MeshFacts.NONE;
    String docsUrl = root.has("docsUrl") ? docsUrl(root.get("docsUrl"), top.field("docsUrl")) : LintConfig.DEFAULT_DOCS_URL;
    return new LintConfig(file, rules, paths, resources, mesh, failOn, allowInline, docsUrl);
  }

  private Map<String, RuleSetting> rules(JsonNode node, YamlPath at) throws ConfigException {
    if (node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw error(at, "rules must be a mapping of rule codes or names to on, off or a severity");
    }
    Map<String, RuleSetting> rules = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      YamlPath keyAt = at.field(e.getKey());
      RuleMeta rule = catalogue.stream()
          .filter(m -> m.code().equalsIgnoreCase(e.getKey()) || m.name().equalsIgnoreCase(e.getKey()))
          .findFirst()
          .orElseThrow(() -> unknownRule(e.getKey(), keyAt.key()));
      if (rules.containsKey(rule.code())) {
        throw error(keyAt.key(), "rule " + rule.code() + " (" + rule.name() + ") is configured twice, by code and by name");
      }
      rules.put(rule.code(), setting(e.getValue(), keyAt));
    }
    return rules;
  }

  private RuleSetting setting(JsonNode v, YamlPath at) throws ConfigException {
    if (v.isBoolean()) {
      return new RuleSetting(v.asBoolean(false), null);
    }
    if (v.isString()) {
      String s = v.asString("").toLowerCase(Locale.ROOT);
      if (s.equals("on") || s.equals("off")) {
        return new RuleSetting(s.equals("on"), null);
      }
      Optional<Severity> severity = severity(s);
      if (severity.isPresent()) {
        return new RuleSetting(true, severity.get());
      }
    }
    if (v.isObject()) {
      mapping(v, at, "a rule's settings", RULE_KEYS);
      Boolean enabled = v.has("enabled") ? bool(v.get("enabled"), at.field("enabled")) : null;
      Severity severity = null;
      if (v.has("severity")) {
        JsonNode s = v.get("severity");
        severity = (s.isString() ? severity(s.asString("").toLowerCase(Locale.ROOT)) : Optional.<Severity>empty())
            .orElseThrow(() -> error(at.field("severity"), "severity must be error, warning or info"));
      }
      return new RuleSetting(enabled, severity);
    }
    throw error(at, "a rule is set to on, off, error, warning or info, or to {enabled: true|false, severity: ...}");
  }

  private static Optional<Severity> severity(String s) {
    for (Severity severity : Severity.values()) {
      if (severity.label().equals(s)) {
        return Optional.of(severity);
      }
    }
    return Optional.empty();
  }

  private List<String> pathGlobs(JsonNode node, YamlPath at) throws ConfigException {
    List<String> globs = strings(node, at, "a file glob such as vendor/**");
    for (int i = 0; i < globs.size(); i++) {
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + globs.get(i));
      } catch (IllegalArgumentException e) {
        throw error(at.index(i), "not a valid glob: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return globs;
  }

  private List<String> resourceGlobs(JsonNode node, YamlPath at) throws ConfigException {
    List<String> globs = strings(node, at, "Kind/namespace/name (each part may use * and ?)");
    for (int i = 0; i < globs.size(); i++) {
      if (globs.get(i).split("/", -1).length != 3) {
        throw error(at.index(i), "write a resource as Kind/namespace/name, e.g. VirtualService/shop/* or */legacy/*");
      }
    }
    return globs;
  }

  private MeshFacts mesh(JsonNode node, YamlPath at) throws ConfigException {
    mapping(node, at, "mesh", MESH_KEYS);
    List<String> proxies = new ArrayList<>();
    if (node.has("proxyVersions")) {
      YamlPath pv = at.field("proxyVersions");
      JsonNode list = node.get("proxyVersions");
      if (!list.isArray()) {
        throw error(pv, "proxyVersions must be a list of versions, e.g. [\"1.24.2\", \"1.25.0\"]");
      }
      for (int i = 0; i < list.size(); i++) {
        proxies.add(version(list.get(i), pv.index(i)));
      }
    }
    String istio = node.has("istioVersion") ? version(node.get("istioVersion"), at.field("istioVersion")) : null;
    String domain = null;
    if (node.has("domainSuffix")) {
      JsonNode d = node.get("domainSuffix");
      if (!d.isString() || !DOMAIN.matcher(d.asString("")).matches()) {
        throw error(at.field("domainSuffix"), "domainSuffix must be a DNS domain such as cluster.local");
      }
      domain = d.asString("");
    }
    Path meshConfig = null;
    if (node.has("meshConfig")) {
      JsonNode m = node.get("meshConfig");
      if (!m.isString() || m.asString("").isBlank()) {
        throw error(at.field("meshConfig"), "meshConfig must be the path of a MeshConfig file");
      }
      meshConfig = baseDir.resolve(m.asString("")).normalize();
      if (!Files.isRegularFile(meshConfig)) {
        throw error(at.field("meshConfig"), "no such file: " + meshConfig + " (paths are relative to the config file's directory)");
      }
    }
    return new MeshFacts(proxies, istio, domain, meshConfig);
  }

  private String version(JsonNode v, YamlPath at) throws ConfigException {
    if (v.isNumber()) {
      throw error(at, "quote the version (\"1.30\"): unquoted, YAML reads it as the number " + v.asString(""));
    }
    if (!v.isString() || !VERSION.matcher(v.asString("")).matches()) {
      throw error(at, "not an Istio version: write MAJOR.MINOR or MAJOR.MINOR.PATCH, e.g. \"1.24.2\"");
    }
    return v.asString("");
  }

  private String docsUrl(JsonNode v, YamlPath at) throws ConfigException {
    String text = v.isString() ? v.asString("") : "";
    try {
      URI uri = new URI(text);
      if (uri.isAbsolute() && (uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
        return text.endsWith("/") ? text : text + "/";
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw error(at, "docsUrl must be an http(s) URL of the folder holding the rule pages (IL0101.md, ...)");
  }

  private List<String> strings(JsonNode node, YamlPath at, String what) throws ConfigException {
    if (!node.isArray()) {
      throw error(at, "expected a list, each item " + what);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isString() || item.asString("").isBlank()) {
        throw error(at.index(i), "expected " + what);
      }
      out.add(item.asString(""));
    }
    return out;
  }

  private boolean bool(JsonNode v, YamlPath at) throws ConfigException {
    if (!v.isBoolean()) {
      throw error(at, "expected true or false");
    }
    return v.asBoolean(false);
  }

  /** Requires {@code node} to be a mapping with only {@code allowed} keys. */
  private void mapping(JsonNode node, YamlPath at, String what, List<String> allowed) throws ConfigException {
    if (!node.isObject()) {
      throw error(at, what + " must be a mapping with keys " + String.join(", ", allowed));
    }
    Set<String> known = Set.copyOf(allowed);
    for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext();) {
      String key = it.next();
      if (!known.contains(key)) {
        String hint = Suggestions.didYouMeanClosest(key, allowed)
            .orElse("known keys: " + String.join(", ", allowed));
        throw error(at.field(key).key(), "unknown key `" + key + "` in " + what + "; " + hint);
      }
    }
  }

  private ConfigException unknownRule(String key, YamlPath at) {
    List<String> names = new ArrayList<>();
    catalogue.forEach(m -> {
      names.add(m.code());
      names.add(m.name());
    });
    String hint = Suggestions.didYouMeanClosest(key, names).orElse("`istiolint rules` lists them");
    return error(at, "no rule `" + key + "`; " + hint);
  }

  private ConfigException error(YamlPath at, String message) {
    return new ConfigException(yaml.locate(at), message);
  }
}
