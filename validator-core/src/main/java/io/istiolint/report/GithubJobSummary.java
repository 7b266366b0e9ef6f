package io.istiolint.report;

import io.istiolint.api.Finding;
import io.istiolint.engine.LintReport;
import java.util.List;

/**
 * The Markdown GitHub shows as a job summary: the run's summary line as a heading, then a table of every
 * finding (code, severity, resource, file:line, message), most severe first.
 */
final class GithubJobSummary {

  private GithubJobSummary() {}

  static String of(LintReport report) {
    StringBuilder md = new StringBuilder("### istiolint: ").append(cell(TextReporter.summary(report.summary()))).append("\n\n");
    if (report.findings().isEmpty()) {
      return md.toString();
    }
    md.append("| code | severity | resource | file:line | message |\n|---|---|---|---|---|\n");
    List<Finding> sorted = report.findings().stream().sorted(GithubReporter.MOST_SEVERE_FIRST).toList();
    for (Finding f : sorted) {
      String where = f.location() != null && f.location().hasPosition()
          ? f.location().file() + ":" + f.location().line() : TextLine.where(f);
      md.append("| ").append(f.code())
          .append(" | ").append(f.severity().label())
          .append(" | ").append(f.resource() == null ? "" : cell(f.resource().displayName()))
          .append(" | ").append(cell(where))
          .append(" | ").append(cell(f.message() + (f.hint() == null ? "" : " (hint: " + f.hint() + ")")))
          .append(" |\n");
    }
    return md.append('\n').toString();
  }

  /**
   * Text that stays inside one table cell and shows as written: HTML is escaped (a message may quote a key like
   * {@code <b>}), a {@code |} would end the cell and a line break the row.
   */
  static String cell(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
  }
}
