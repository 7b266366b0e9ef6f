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

  static String of(LintReport report, boolean declaredComplete) {
    StringBuilder md = new StringBuilder("### istiolint: ")
        .append(cell(TextReporter.summary(report.summary(), declaredComplete))).append("\n\n");
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
   * Text that stays inside one table cell and shows as written: a {@code |} would end the cell and a line break
   * the row; outside {@code `code spans`} HTML is escaped (a message may quote a key like {@code <b>}), inside
   * them it shows as it is, and an entity would not.
   */
  static String cell(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    boolean code = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '`' -> { // a span only when closed: a lone backtick is shown as it is
          code = code || text.indexOf('`', i + 1) >= 0 ? !code : code;
          sb.append(c);
        }
        case '|' -> sb.append("\\|");
        case '\r' -> { } // only ever before a line break
        case '\n' -> sb.append(code ? " " : "<br>");
        case '&' -> sb.append(code ? "&" : "&amp;");
        case '<' -> sb.append(code ? "<" : "&lt;");
        case '>' -> sb.append(code ? ">" : "&gt;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
