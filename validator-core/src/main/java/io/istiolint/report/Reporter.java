package io.istiolint.report;

import io.istiolint.engine.LintReport;
import java.io.IOException;
import java.io.Writer;

/** Writes a report in one output format. */
public interface Reporter {

  void write(LintReport report, Writer out) throws IOException;
}
