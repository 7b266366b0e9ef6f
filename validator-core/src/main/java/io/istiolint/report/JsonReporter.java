package io.istiolint.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.istiolint.Version;
import io.istiolint.api.Finding;
import io.istiolint.api.ResourceRef;
import io.istiolint.engine.LintReport;
import io.istiolint.engine.LintReport.Summary;
import io.istiolint.mesh.MeshInfo;
import java.io.IOException;
import java.io.Writer;

/** The JSON contract other tools build on (DESIGN §6): tool, summary, mesh, findings. */
public final class JsonReporter implements Reporter {

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    JsonDocument.write(out, g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeStringField("name", "istiolint");
      g.writeStringField("version", Version.get());
      g.writeEndObject();
      writeSummary(g, report.summary());
      writeMesh(g, report.mesh());
      g.writeArrayFieldStart("findings");
      for (Finding f : report.findings()) {
        writeFinding(g, f);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void writeSummary(JsonGenerator g, Summary s) throws IOException {
    g.writeObjectFieldStart("summary");
    g.writeNumberField("resources", s.resources());
    g.writeNumberField("files", s.files());
    g.writeNumberField("errors", s.errors());
    g.writeNumberField("warnings", s.warnings());
    g.writeNumberField("infos", s.infos());
    g.writeNumberField("suppressed", s.suppressed());
    g.writeNumberField("unverifiedReferences", s.unverifiedReferences());
    g.writeNumberField("ignored", s.ignored());
    g.writeEndObject();
  }

  private static void writeMesh(JsonGenerator g, MeshInfo mesh) throws IOException {
    g.writeObjectFieldStart("mesh");
    g.writeArrayFieldStart("proxyVersions");
    for (String v : mesh.proxyVersions()) {
      g.writeString(v);
    }
    g.writeEndArray();
    g.writeStringField("proxyVersionsSource", mesh.proxyVersionsSource());
    g.writeStringField("domainSuffix", mesh.domainSuffix());
    g.writeEndObject();
  }

  private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("code", f.code());
    g.writeStringField("rule", f.rule());
    g.writeStringField("severity", f.severity().label());
    g.writeStringField("message", f.message());
    g.writeStringField("hint", f.hint());
    ResourceRef r = f.resource();
    if (r == null) {
      g.writeNullField("resource");
    } else {
      g.writeObjectFieldStart("resource");
      g.writeStringField("apiVersion", r.apiVersion());
      g.writeStringField("kind", r.kind());
      g.writeStringField("namespace", r.namespace());
      g.writeStringField("name", r.name());
      g.writeEndObject();
    }
    if (f.location() == null) {
      g.writeNullField("location");
    } else {
      g.writeObjectFieldStart("location");
      g.writeStringField("file", f.location().file());
      g.writeNumberField("line", f.location().line());
      g.writeNumberField("column", f.location().column());
      g.writeEndObject();
    }
    g.writeStringField("path", f.path() == null ? null : f.path().toString());
    g.writeArrayFieldStart("equivalents");
    for (String e : f.equivalents()) {
      g.writeString(e);
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
