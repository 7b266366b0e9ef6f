package io.istiolint.testdata;

import io.istiolint.api.Finding;
import io.istiolint.engine.Engine;
import io.istiolint.engine.LintReport;
import io.istiolint.engine.Linter;
import io.istiolint.load.InputSource;
import io.istiolint.load.LoadLimits;
import io.istiolint.mesh.MeshConfigLayer;
import io.istiolint.mesh.MeshConfigLoader;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.mesh.ProxyVersions;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule fixture: a YAML file whose lines carry the findings expected on them as trailing comments,
 * {@code # expect: IL0004 "retires"} (several pairs may follow one another), and whose header comments set
 * options: {@code # namespace: shop} (the default namespace), {@code # complete: true} (the inputs are the
 * whole world), {@code # unverified: 2} (references expected to stay unverified; default 0),
 * {@code # proxy-versions: 1.24.2,1.25.0} (the proxy versions running in the mesh, as {@code --proxy-version}),
 * {@code # mesh-config: mesh-otel.yaml} (a MeshConfig file next to the fixture, as {@code --mesh-config}; name it
 * {@code mesh-*.yaml} so that it is not run as a fixture itself),
 * {@code # now: 2099-12-01T00:00:00Z} (the time of the run, for certificate expiry; default the real time).
 * {@code ok-*} files must produce nothing; {@code bad-*} files exactly their markers.
 */
record Fixture(Path path, String namespace, boolean complete, int unverified, List<String> proxyVersions,
    String meshConfig, Instant now, List<Expectation> expectations) {

  /** A finding expected on {@code line} with {@code code} whose message or hint contains {@code text}. */
  record Expectation(int line, String code, String text) {
    boolean matches(Finding f) {
      return f.location() != null && f.location().line() == line && f.code().equals(code)
          && (text == null || f.message().contains(text) || (f.hint() != null && f.hint().contains(text)));
    }

    @Override
    public String toString() {
      return "line " + line + ": " + code + (text == null ? "" : " \"" + text + "\"");
    }
  }

  private static final Pattern EXPECT = Pattern.compile("#\\s*expect:(.*)$");
  private static final Pattern PAIR = Pattern.compile("(IL\\d{4})(?:\\s+\"([^\"]*)\")?");
  private static final Pattern HEADER = Pattern.compile("^#\\s*(namespace|complete|unverified|proxy-versions|mesh-config|now):\\s*(\\S+)\\s*$");

  static Fixture read(Path path) throws IOException {
    // Markers are read from the raw bytes, so fixtures of broken encodings or YAML still carry them.
    String text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n|\r|\n", -1);
    List<Expectation> expectations = new ArrayList<>();
    String namespace = "default";
    boolean complete = false;
    int unverified = 0;
    List<String> proxyVersions = List.of();
    String meshConfig = null;
    Instant now = null;
    for (int i = 0; i < lines.length; i++) {
      Matcher header = HEADER.matcher(lines[i]);
      if (header.matches()) {
        switch (header.group(1)) {
          case "namespace" -> namespace = header.group(2);
          case "complete" -> complete = Boolean.parseBoolean(header.group(2));
          case "proxy-versions" -> proxyVersions = List.of(header.group(2).split(","));
          case "mesh-config" -> meshConfig = header.group(2);
          case "now" -> now = Instant.parse(header.group(2));
          default -> unverified = Integer.parseInt(header.group(2));
        }
      }
      Matcher m = EXPECT.matcher(lines[i]);
      if (m.find()) {
        Matcher pair = PAIR.matcher(m.group(1));
        while (pair.find()) {
          expectations.add(new Expectation(i + 1, pair.group(1), pair.group(2)));
        }
      }
    }
    return new Fixture(path, namespace, complete, unverified, proxyVersions, meshConfig, now, List.copyOf(expectations));
  }

  boolean mustBeClean() {
    return path.getFileName().toString().startsWith("ok-");
  }

  /** The rule code this fixture belongs to: the name of its folder. */
  String code() {
    return path.getParent().getFileName().toString();
  }

  /** Every built-in rule, judging time against the fixture's {@code now} when it names one. */
  Engine engine() {
    return now == null ? BuiltInRules.engine()
        : new Engine(BuiltInRules.ALL, BuiltInRules.DOCUMENT_RULES, Clock.fixed(now, ZoneOffset.UTC));
  }

  LintReport lint() throws IOException, MeshConfigLoader.InvalidMeshConfigException {
    Path meshFile = meshConfig == null ? null : path.resolveSibling(meshConfig);
    List<MeshConfigLayer> meshLayers = meshFile == null ? List.of() : MeshConfigLoader.readFile(meshFile, meshFile.toString());
    MeshInfo mesh = proxyVersions.isEmpty() ? MeshInfo.DEFAULTS
        : MeshInfo.DEFAULTS.withProxies(ProxyVersions.of(proxyVersions, "flags"));
    return new Linter(engine(), CrdSchemaCatalog.bundledIstio())
        .lint(List.of(InputSource.file(path)), new Linter.Options(namespace, LoadLimits.DEFAULT, complete, mesh, meshLayers));
  }
}
