package io.istiolint.report;

import io.istiolint.api.Finding;
import io.istiolint.engine.LintReport;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Checkstyle's XML report ({@code <checkstyle><file name><error line column severity message source/>}),
 * which reviewdog, Jenkins' warnings plugin and many editors read. {@code source} is
 * {@code istiolint.CODE.rule-name}.
 */
public final class CheckstyleReporter implements Reporter {

  /** Where a finding without a position (objects not read from a file) is listed. */
  static final String NO_FILE = "<no position>";

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    Map<String, List<Finding>> byFile = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      byFile.computeIfAbsent(f.location() == null ? NO_FILE : f.location().file(), k -> new ArrayList<>()).add(f);
    }
    try {
      XMLStreamWriter w = Xml.writer(out);
      w.writeStartDocument("UTF-8", "1.0");
      Xml.indent(w, 0);
      w.writeStartElement("checkstyle");
      w.writeAttribute("version", "4.3");
      for (Map.Entry<String, List<Finding>> file : byFile.entrySet()) {
        Xml.indent(w, 1);
        w.writeStartElement("file");
        w.writeAttribute("name", Xml.clean(file.getKey()));
        for (Finding f : file.getValue()) {
          Xml.indent(w, 2);
          w.writeEmptyElement("error");
          if (f.location() != null) {
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
      Xml.indent(w, 0);
      w.writeEndElement();
      w.writeEndDocument();
      w.flush();
      out.write('\n');
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }
}
