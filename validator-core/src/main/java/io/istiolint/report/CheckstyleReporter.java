package io.istiolint.report;

import io.istiolint.api.Finding;
import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import io.istiolint.engine.LintReport;
import io.istiolint.model.Resource;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkstyle's XML report ({@code <checkstyle><file name><error line column severity message source/>}),
 * which reviewdog, Jenkins' warnings plugin and many editors read. {@code source} is
 * {@code istiolint.CODE.rule-name}. Files with findings come first, then the other files checked, empty.
 */
public final class CheckstyleReporter implements Reporter {

  /** Where a finding without a position (objects not read from a file) is listed. */
  static final String NO_FILE = "<no position>";

  /** The file of {@code location}, or {@link #NO_FILE}. */
  static String fileOf(Location location) {
    return location == null ? NO_FILE : location.file();
  }

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    Map<String, List<Finding>> byFile = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      byFile.computeIfAbsent(fileOf(f.location()), k -> new ArrayList<>()).add(f);
    }
    // Then every other file checked, empty: checkstyle's readers count a file listed without errors as clean.
    for (Resource r : report.resources()) {
      Location at = r.sourceMap().locate(YamlPath.ROOT);
      if (at != null && at.hasPosition()) {
        byFile.putIfAbsent(at.file(), new ArrayList<>());
      }
    }
    Xml.document(out, "checkstyle", w -> {
      w.writeAttribute("version", "4.3");
      for (Map.Entry<String, List<Finding>> file : byFile.entrySet()) {
        Xml.indent(w, 1);
        w.writeStartElement("file");
        w.writeAttribute("name", Xml.clean(file.getKey()));
        for (Finding f : file.getValue()) {
          Xml.indent(w, 2);
          w.writeEmptyElement("error");
          if (f.location() != null && f.location().hasPosition()) {
            w.writeAttribute("line", Integer.toString(f.location().line()));
            w.writeAttribute("column", Integer.toString(f.location().column()));
          }
          w.writeAttribute("severity", f.severity().label());
          String subject = f.resource() == null ? "" : f.resource().displayName() + ": ";
          w.writeAttribute("message", Xml.clean(subject + f.message() + (f.hint() == null ? "" : " (hint: " + f.hint() + ")")));
          w.writeAttribute("source", "istiolint." + f.code() + "." + f.rule());
        }
        Xml.indent(w, 1);
        w.writeEndElement();
      }
    });
  }
}
