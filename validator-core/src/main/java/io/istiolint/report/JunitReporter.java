package io.istiolint.report;

import io.istiolint.api.Finding;
import io.istiolint.api.Location;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.YamlPath;
import io.istiolint.engine.FailOn;
import io.istiolint.engine.LintReport;
import io.istiolint.model.Resource;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML, as GitLab, Jenkins and Azure DevOps show test results: one test suite per file, one test case
 * per resource checked (so a clean resource is a passing test), and a {@code <failure>} per finding at or
 * above the fail-on threshold. Findings below it are listed in the test case's {@code <system-out>}, so the
 * tests fail exactly when the run does. A document that is no resource (a YAML error) is a test case of its
 * own.
 */
public final class JunitReporter implements Reporter {

  private final FailOn failOn;

  public JunitReporter(FailOn failOn) {
    this.failOn = failOn;
  }

  private static final class Case {
    final String name;
    final Location start;
    final List<Finding> findings = new ArrayList<>();

    Case(String name, Location start) {
      this.name = name;
      this.start = start;
    }
  }

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    Map<String, List<Case>> suites = new LinkedHashMap<>();
    Map<ResourceRef, List<Case>> byRef = new LinkedHashMap<>();
    for (Resource r : report.resources()) {
      Location start = r.sourceMap().locate(YamlPath.ROOT);
      Case c = new Case(r.ref().displayName(), start);
      suites.computeIfAbsent(CheckstyleReporter.fileOf(start), k -> new ArrayList<>()).add(c);
      byRef.computeIfAbsent(r.ref(), k -> new ArrayList<>()).add(c);
    }
    for (Finding f : report.findings()) {
      Case owner = owner(f, byRef);
      if (owner == null) {
        String file = CheckstyleReporter.fileOf(f.location());
        owner = new Case(f.location() == null ? "document" : "document at line " + f.location().line(), f.location());
        suites.computeIfAbsent(file, k -> new ArrayList<>()).add(owner);
      }
      owner.findings.add(f);
    }
    Xml.document(out, "testsuites", w -> {
      w.writeAttribute("name", "istiolint");
      w.writeAttribute("tests", Integer.toString(suites.values().stream().mapToInt(List::size).sum()));
      w.writeAttribute("failures", Long.toString(suites.values().stream().flatMap(List::stream).filter(this::fails).count()));
      w.writeAttribute("errors", "0");
      for (Map.Entry<String, List<Case>> suite : suites.entrySet()) {
        writeSuite(w, suite.getKey(), suite.getValue());
      }
    });
  }

  private void writeSuite(XMLStreamWriter w, String file, List<Case> cases) throws XMLStreamException {
    Xml.indent(w, 1);
    w.writeStartElement("testsuite");
    w.writeAttribute("name", Xml.clean(file));
    w.writeAttribute("tests", Integer.toString(cases.size()));
    w.writeAttribute("failures", Long.toString(cases.stream().filter(this::fails).count()));
    w.writeAttribute("errors", "0");
    w.writeAttribute("skipped", "0");
    w.writeAttribute("time", "0");
    for (Case c : cases) {
      Xml.indent(w, 2);
      boolean empty = c.findings.isEmpty();
      if (empty) {
        w.writeEmptyElement("testcase");
      } else {
        w.writeStartElement("testcase");
      }
      w.writeAttribute("classname", Xml.clean(file));
      w.writeAttribute("name", Xml.clean(c.name));
      if (c.start != null) {
        w.writeAttribute("file", Xml.clean(c.start.file()));
        if (c.start.hasPosition()) {
          w.writeAttribute("line", Integer.toString(c.start.line()));
        }
      }
      w.writeAttribute("time", "0");
      if (empty) {
        continue;
      }
      StringBuilder below = new StringBuilder();
      for (Finding f : c.findings) {
        if (failing(f)) {
          Xml.indent(w, 3);
          w.writeStartElement("failure");
          w.writeAttribute("type", f.code() + " " + f.rule());
          w.writeAttribute("message", Xml.clean(f.message()));
          w.writeCharacters(Xml.clean(TextLine.of(f)));
          w.writeEndElement();
        } else {
          below.append(TextLine.of(f));
        }
      }
      if (below.length() > 0) {
        Xml.indent(w, 3);
        w.writeStartElement("system-out");
        w.writeCharacters(Xml.clean(below.toString()));
        w.writeEndElement();
      }
      Xml.indent(w, 2);
      w.writeEndElement();
    }
    Xml.indent(w, 1);
    w.writeEndElement();
  }

  private boolean fails(Case c) {
    return c.findings.stream().anyMatch(this::failing);
  }

  private boolean failing(Finding f) {
    return failOn.threshold().map(t -> f.severity().atLeast(t)).orElse(false);
  }

  /** The test case of the resource the finding is on: same object, same file, the last one starting before it. */
  private static Case owner(Finding f, Map<ResourceRef, List<Case>> byRef) {
    if (f.resource() == null) {
      return null;
    }
    List<Case> candidates = byRef.getOrDefault(f.resource(), List.of());
    Case best = null;
    for (Case c : candidates) {
      boolean sameFile = f.location() == null || c.start == null || c.start.file().equals(f.location().file());
      boolean before = f.location() == null || c.start == null || c.start.line() <= f.location().line();
      if (sameFile && before) {
        best = c;
      }
    }
    return best != null || candidates.isEmpty() ? best : candidates.get(0);
  }
}
