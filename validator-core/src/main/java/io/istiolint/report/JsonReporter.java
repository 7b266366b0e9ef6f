package io.istiolint.report;

import tools.jackson.core.JsonGenerator;
import io.istiolint.Version;
import io.istiolint.api.Finding;
import io.istiolint.api.ResourceRef;
import io.istiolint.engine.LintReport;
import io.istiolint.engine.LintReport.Summary;
import io.istiolint.mesh.MeshInfo;
import java.io.IOException;
import java.io.Writer;

/**
 * The JSON contract other tools build on (DESIGN §6): tool, schemaVersion, summary, mesh, findings. Its shape is
 * {@code docs/schemas/istiolint-output.schema.json}.
 */
public final class JsonReporter implements Reporter {

  /**
   * The version of the report's shape. It changes when a field is removed or renamed or changes its type or
   * meaning, so that readers can refuse a report they would misread; a new field does not change it.
   */
  public static final String SCHEMA_VERSION = "1";

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    JsonDocument.write(out, g -> {
      g.writeStartObject();
      g.writeObjectPropertyStart("tool");
      g.writeStringProperty("name", "istiolint");
      g.writeStringProperty("version", Version.get());
      g.writeEndObject();
      g.writeStringProperty("schemaVersion", SCHEMA_VERSION);
      writeSummary(g, report.summary());
      writeMesh(g, report.mesh());
      g.writeArrayPropertyStart("findings");
      for (Finding f : report.findings()) {
        writeFinding(g, f);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void writeSummary(JsonGenerator g, Summary s) throws IOException {
    g.writeObjectPropertyStart("summary");
    g.writeNumberProperty("resources", s.resources());
    g.writeNumberProperty("files", s.files());
    g.writeNumberProperty("errors", s.errors());
    g.writeNumberProperty("warnings", s.warnings());
    g.writeNumberProperty("infos", s.infos());
    g.writeNumberProperty("suppressed", s.suppressed());
    if (s.hidden() > 0) { // only --min-severity hides findings: without it the key is absent
      g.writeNumberProperty("hidden", s.hidden());
    }
    g.writeNumberProperty("unverifiedReferences", s.unverifiedReferences());
    g.writeNumberProperty("ignored", s.ignored());
    if (s.cluster() != null) {
      g.writeStringProperty("cluster", s.cluster());
    }
    g.writeEndObject();
  }

  private static void writeMesh(JsonGenerator g, MeshInfo mesh) throws IOException {
    g.writeObjectPropertyStart("mesh");
    g.writeArrayPropertyStart("proxyVersions");
    for (String v : mesh.proxyVersions()) {
      g.writeString(v);
    }
    g.writeEndArray();
    g.writeStringProperty("proxyVersionsSource", mesh.proxyVersionsSource());
    g.writeStringProperty("domainSuffix", mesh.domainSuffix());
    g.writeEndObject();
  }

  private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringProperty("code", f.code());
    g.writeStringProperty("rule", f.rule());
    g.writeStringProperty("severity", f.severity().label());
    g.writeStringProperty("message", f.message());
    g.writeStringProperty("hint", f.hint());
    ResourceRef r = f.resource();
    if (r == null) {
      g.writeNullProperty("resource");
    } else {
      g.writeObjectPropertyStart("resource");
      g.writeStringProperty("apiVersion", r.apiVersion());
      g.writeStringProperty("kind", r.kind());
      g.writeStringProperty("namespace", r.namespace());
      g.writeStringProperty("name", r.name());
      g.writeEndObject();
    }
    if (f.location() == null) {
      g.writeNullProperty("location");
    } else {
      g.writeObjectPropertyStart("location");
      g.writeStringProperty("file", f.location().file());
      if (f.location().hasPosition()) { // an object read from a cluster has no lines: its path says where
        g.writeNumberProperty("line", f.location().line());
        g.writeNumberProperty("column", f.location().column());
      }
      g.writeEndObject();
    }
    g.writeStringProperty("path", f.path() == null ? null : f.path().toString());
    g.writeArrayPropertyStart("equivalents");
    for (String e : f.equivalents()) {
      g.writeString(e);
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
