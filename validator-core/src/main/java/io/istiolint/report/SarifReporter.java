package io.istiolint.report;

import tools.jackson.core.JsonGenerator;
import io.istiolint.Version;
import io.istiolint.api.Finding;
import io.istiolint.api.Location;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.engine.LintReport;
import io.istiolint.load.InputSource;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SARIF 2.1.0, as GitHub code scanning and IDEs read it: one rule descriptor per code reported (with its
 * summary, remediation, its page as {@code help.markdown} and a link to it), one result per finding at its real
 * line and column with a {@code partialFingerprints} entry (see {@link Fingerprints}) so code scanning follows an
 * alert when lines move, files as URIs relative to {@code %SRCROOT%} (the working directory) so the same report
 * works on any checkout. The run's {@code automationDetails.id} is {@value #AUTOMATION_ID}: code scanning keeps
 * istiolint's alerts apart from other tools' by its category.
 */
public final class SarifReporter implements Reporter {

  static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  static final String SRCROOT = "%SRCROOT%";
  /**
   * The category "istiolint" and no run id: each upload replaces the previous analysis of that category, and
   * GitHub's upload action keeps an id it finds rather than apply its {@code category} input.
   */
  static final String AUTOMATION_ID = "istiolint/";
  /** The key of istiolint's fingerprint, versioned so that a change of what it hashes starts new alerts. */
  static final String FINGERPRINT_KEY = "istiolint/v1";

  private final List<RuleMeta> rules;
  private final String docsUrl;
  private final Function<String, Optional<String>> pages;
  private final Path srcRoot;

  /**
   * @param rules   every rule that can report; those with findings are described, in this order
   * @param docsUrl the folder of the rule pages, ending in {@code /}
   * @param pages   the Markdown page of a rule code, if it has one
   * @param srcRoot the directory relative file names are relative to
   */
  public SarifReporter(List<RuleMeta> rules, String docsUrl, Function<String, Optional<String>> pages, Path srcRoot) {
    this.rules = List.copyOf(rules);
    this.docsUrl = docsUrl;
    this.pages = pages;
    this.srcRoot = srcRoot.toAbsolutePath().normalize();
  }

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    Set<String> reported = report.findings().stream().map(Finding::code).collect(Collectors.toSet());
    List<RuleMeta> described = rules.stream().filter(r -> reported.contains(r.code())).toList();
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (int i = 0; i < described.size(); i++) {
      ruleIndex.put(described.get(i).code(), i);
    }
    JsonDocument.write(out, g -> {
      g.writeStartObject();
      g.writeStringProperty("$schema", SCHEMA);
      g.writeStringProperty("version", "2.1.0");
      g.writeArrayPropertyStart("runs");
      g.writeStartObject();
      writeTool(g, described);
      g.writeObjectPropertyStart("automationDetails");
      g.writeStringProperty("id", AUTOMATION_ID);
      g.writeEndObject();
      g.writeObjectPropertyStart("originalUriBaseIds");
      g.writeObjectPropertyStart(SRCROOT);
      g.writeStringProperty("uri", directoryUri(srcRoot));
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayPropertyStart("results");
      List<String> fingerprints = Fingerprints.of(report.findings());
      for (int i = 0; i < report.findings().size(); i++) {
        Finding f = report.findings().get(i);
        writeResult(g, f, ruleIndex.get(f.code()), fingerprints.get(i));
      }
      g.writeEndArray();
      g.writeStringProperty("columnKind", "unicodeCodePoints");
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private void writeTool(JsonGenerator g, List<RuleMeta> described) throws IOException {
    g.writeObjectPropertyStart("tool");
    g.writeObjectPropertyStart("driver");
    g.writeStringProperty("name", "istiolint");
    g.writeStringProperty("version", Version.get());
    g.writeStringProperty("semanticVersion", Version.get());
    g.writeStringProperty("informationUri", docsUrl);
    g.writeArrayPropertyStart("rules");
    for (RuleMeta r : described) {
      g.writeStartObject();
      g.writeStringProperty("id", r.code());
      g.writeStringProperty("name", r.name());
      g.writeObjectPropertyStart("shortDescription");
      g.writeStringProperty("text", r.summary());
      g.writeEndObject();
      g.writeObjectPropertyStart("fullDescription");
      g.writeStringProperty("text", r.summary());
      g.writeEndObject();
      g.writeObjectPropertyStart("help");
      g.writeStringProperty("text", r.remediation());
      Optional<String> page = pages.apply(r.code());
      if (page.isPresent()) {
        g.writeStringProperty("markdown", page.get());
      }
      g.writeEndObject();
      g.writeStringProperty("helpUri", docsUrl + r.code() + ".md");
      g.writeObjectPropertyStart("defaultConfiguration");
      g.writeStringProperty("level", level(r.severity()));
      g.writeEndObject();
      g.writeObjectPropertyStart("properties");
      g.writeStringProperty("problem.severity", switch (r.severity()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case INFO -> "recommendation";
      });
      g.writeArrayPropertyStart("tags");
      g.writeString("istio");
      for (String e : r.equivalents()) {
        g.writeString(e);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private void writeResult(JsonGenerator g, Finding f, Integer index, String fingerprint) throws IOException {
    g.writeStartObject();
    g.writeStringProperty("ruleId", f.code());
    if (index != null) {
      g.writeNumberProperty("ruleIndex", index);
    }
    g.writeStringProperty("level", level(f.severity()));
    g.writeObjectPropertyStart("message");
    String subject = f.resource() == null ? "" : f.resource().displayName() + ": ";
    g.writeStringProperty("text", subject + f.message() + (f.hint() == null ? "" : "\nHint: " + f.hint()));
    g.writeEndObject();
    // Standard input is no file a viewer could open: such a finding keeps only its logical location.
    boolean inFile = f.location() != null && !f.location().file().equals(InputSource.STDIN_NAME);
    if (inFile || f.resource() != null) {
      g.writeArrayPropertyStart("locations");
      g.writeStartObject();
      if (inFile) {
        g.writeObjectPropertyStart("physicalLocation");
        g.writeObjectPropertyStart("artifactLocation");
        writeArtifact(g, f.location().file());
        g.writeEndObject();
        if (f.location().hasPosition()) {
          g.writeObjectPropertyStart("region");
          g.writeNumberProperty("startLine", f.location().line());
          g.writeNumberProperty("startColumn", f.location().column());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      if (f.resource() != null) {
        g.writeArrayPropertyStart("logicalLocations");
        g.writeStartObject();
        g.writeStringProperty("name", f.resource().name());
        g.writeStringProperty("fullyQualifiedName", f.resource().kind() + "/" + f.resource().namespace() + "/" + f.resource().name()
            + (f.path() == null || f.path().isRoot() ? "" : "/" + f.path()));
        g.writeStringProperty("kind", "resource");
        g.writeEndObject();
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeObjectPropertyStart("partialFingerprints");
    g.writeStringProperty(FINGERPRINT_KEY, fingerprint);
    g.writeEndObject();
    g.writeEndObject();
  }

  /** A file under the source root as a relative URI against {@code %SRCROOT%}; anything else as an absolute URI. */
  private void writeArtifact(JsonGenerator g, String file) throws IOException {
    if (file.startsWith(Location.CLUSTER_SCHEME)) { // already an absolute URI, of an object in a cluster
      g.writeStringProperty("uri", file);
      return;
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      g.writeStringProperty("uri", encode(file));
      return;
    }
    Path absolute = srcRoot.resolve(path).normalize();
    if (absolute.startsWith(srcRoot)) {
      g.writeStringProperty("uri", encode(srcRoot.relativize(absolute).toString().replace('\\', '/')));
      g.writeStringProperty("uriBaseId", SRCROOT);
    } else {
      g.writeStringProperty("uri", absolute.toUri().toString());
    }
  }

  /** What a URI path segment holds as it is (RFC 3986 pchar, besides '%'); everything else is percent-encoded. */
  private static final String PATH_CHARACTERS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/";

  /**
   * A relative path as a URI reference: each character a URI path cannot hold percent-encoded (as UTF-8), and a
   * colon in the first segment, which would read as a scheme, behind "./". Any legal file name encodes.
   */
  static String encode(String relative) {
    StringBuilder uri = new StringBuilder(relative.length() + 8);
    for (byte b : relative.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && PATH_CHARACTERS.indexOf(c) >= 0) {
        uri.append(c);
      } else {
        uri.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    int colon = uri.indexOf(":");
    int slash = uri.indexOf("/");
    return colon >= 0 && (slash < 0 || colon < slash) ? "./" + uri : uri.toString();
  }

  private static String directoryUri(Path dir) {
    String uri = dir.toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }
}
