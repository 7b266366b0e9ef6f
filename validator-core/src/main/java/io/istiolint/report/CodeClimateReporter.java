package io.istiolint.report;

import io.istiolint.api.Finding;
import io.istiolint.engine.LintReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * GitLab Code Quality: a JSON array of Code Climate issues, which GitLab shows in the merge request and inline on
 * the changed lines. Each has what GitLab requires: {@code description} (object, message and hint),
 * {@code check_name} (the rule code), {@code fingerprint} (see {@link Fingerprints}: GitLab compares issues of
 * two pipelines by it, so it must not change when lines move), {@code severity} and {@code location.path} with
 * {@code location.lines.begin}. Errors are {@code major}, warnings {@code minor}, infos {@code info}: nothing
 * istiolint finds stops a merge the way GitLab's {@code critical} and {@code blocker} suggest. Paths are relative
 * to {@code srcRoot} (the working directory, the repository root in a GitLab job); a finding with no position
 * (standard input, an object read from a cluster) is placed at line 1 of its source.
 */
public final class CodeClimateReporter implements Reporter {

  private final Path srcRoot;

  /** @param srcRoot the directory paths are made relative to */
  public CodeClimateReporter(Path srcRoot) {
    this.srcRoot = srcRoot.toAbsolutePath().normalize();
  }

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    List<String> fingerprints = Fingerprints.of(report.findings());
    JsonDocument.write(out, g -> {
      g.writeStartArray();
      for (int i = 0; i < report.findings().size(); i++) {
        Finding f = report.findings().get(i);
        g.writeStartObject();
        g.writeStringProperty("type", "issue");
        g.writeStringProperty("check_name", f.code());
        String subject = f.resource() == null ? "" : f.resource().displayName() + ": ";
        g.writeStringProperty("description", subject + f.message() + " [" + f.rule() + "]"
            + (f.hint() == null ? "" : " (hint: " + f.hint() + ")"));
        g.writeStringProperty("fingerprint", fingerprints.get(i));
        g.writeStringProperty("severity", switch (f.severity()) {
          case ERROR -> "major";
          case WARNING -> "minor";
          case INFO -> "info";
        });
        g.writeObjectPropertyStart("location");
        g.writeStringProperty("path", path(CheckstyleReporter.fileOf(f.location())));
        g.writeObjectPropertyStart("lines");
        g.writeNumberProperty("begin", f.location() != null && f.location().hasPosition() ? f.location().line() : 1);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  /** A file under the source root relative to it, with {@code /} separators; anything else as it was given. */
  private String path(String file) {
    if (file.contains("://")) { // the address of an object read from a cluster or an admission request
      return file;
    }
    Path absolute;
    try {
      absolute = srcRoot.resolve(file).normalize();
    } catch (InvalidPathException e) {
      return file;
    }
    return absolute.startsWith(srcRoot) ? srcRoot.relativize(absolute).toString().replace('\\', '/') : file;
  }
}
