package io.istiolint.cli;

import io.istiolint.api.Finding;
import io.istiolint.api.Severity;
import io.istiolint.engine.LintReport;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code --min-severity}, as istioctl's {@code --output-threshold}: findings less severe are left out of every
 * format and counted as hidden in the summary. The exit code is decided on every finding, hidden or not, so that
 * what fails a CI gate does not depend on what its log shows.
 */
final class MinSeverity {

  private MinSeverity() {}

  /** Reads error, warning or info (any case); anything else is a usage error naming the levels. */
  static final class Converter implements CommandLine.ITypeConverter<Severity> {
    @Override
    public Severity convert(String value) {
      for (Severity s : Severity.values()) {
        if (s.label().equalsIgnoreCase(value)) {
          return s;
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "': use error, warning or info");
    }
  }

  /** {@code report} without the findings less severe than {@code min}. */
  static LintReport hideBelow(LintReport report, Severity min) {
    List<Finding> shown = report.findings().stream().filter(f -> f.severity().atLeast(min)).toList();
    if (shown.size() == report.findings().size()) {
      return report;
    }
    LintReport.Summary s = report.summary();
    LintReport.Summary summary = new LintReport.Summary(s.resources(), s.files(), s.errors(),
        Severity.WARNING.atLeast(min) ? s.warnings() : 0, Severity.INFO.atLeast(min) ? s.infos() : 0, s.suppressed(),
        s.unverifiedReferences(), s.ignored(), s.cluster(), s.hidden() + report.findings().size() - shown.size());
    return new LintReport(shown, summary, report.mesh(), report.unverified(), report.unverifiedReferences(),
        report.inputErrors(), report.notices(), report.resources(), report.graph());
  }
}
