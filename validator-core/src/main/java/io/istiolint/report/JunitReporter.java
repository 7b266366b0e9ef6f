package io.istiolint.report;

import io.istiolint.api.Finding;
import io.istiolint.api.Kind;
import io.istiolint.api.Location;
import io.istiolint.api.ResourceRef;
import io.istiolint.api.RuleMeta;
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
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML, as GitLab, Jenkins and Azure DevOps show test results, valid against the Jenkins xUnit plugin's
 * {@code junit-10.xsd}: one test suite per file (its {@code file} attribute names it), one test case per object
 * checked, named by kind, namespace and name, and at most one {@code <failure>} in it, holding every finding on
 * that object at or above the fail-on threshold, each with its {@code file:line:col}. A test case per object, not
 * per finding, because CI compares test cases by name from run to run: an object is then a test that fails and
 * is later fixed, and a clean object is a passing test. Findings below the threshold are listed in the test
 * case's {@code <system-out>}, so the tests fail exactly when the run does. Objects of kinds istiolint does not
 * check (Services, Deployments: read only to resolve references) are no tests, unless a finding fails on them;
 * their other findings go to the suite's {@code <system-out>}. A document that is no object (a YAML error) is a
 * test case of its own. The counts in the headers are those of the test cases and failures written.
 */
public final class JunitReporter implements Reporter {

  private final FailOn failOn;
  private final Set<Kind> targeted;

  /**
   * @param failOn the threshold at which a finding fails its test case
   * @param rules  the rules that can report: the kinds they name as targets, with the Istio kinds (each checked
   *               against its schema), are the kinds checked
   */
  public JunitReporter(FailOn failOn, List<RuleMeta> rules) {
    this.failOn = failOn;
    this.targeted = rules.stream().flatMap(r -> r.targets().stream()).collect(Collectors.toUnmodifiableSet());
  }

  private static final class Case {
    final String name;
    final boolean checked;
    final Location start;
    final List<Finding> findings = new ArrayList<>();

    Case(String name, boolean checked, Location start) {
      this.name = name;
      this.checked = checked;
      this.start = start;
    }
  }

  private record Suite(String file, List<Case> cases, List<Finding> aside) {}

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    Map<String, List<Case>> byFile = new LinkedHashMap<>();
    Map<ResourceRef, List<Case>> byRef = new LinkedHashMap<>();
    for (Resource r : report.resources()) {
      Location start = r.sourceMap().locate(YamlPath.ROOT);
      Case c = new Case(r.ref().displayName(), checks(r.ref().kindRef()), start);
      byFile.computeIfAbsent(CheckstyleReporter.fileOf(start), k -> new ArrayList<>()).add(c);
      byRef.computeIfAbsent(r.ref(), k -> new ArrayList<>()).add(c);
    }
    for (Finding f : report.findings()) {
      Case owner = owner(f, byRef);
      if (owner == null) {
        owner = new Case(f.location() == null ? "document" : "document at line " + f.location().line(), true, f.location());
        byFile.computeIfAbsent(CheckstyleReporter.fileOf(f.location()), k -> new ArrayList<>()).add(owner);
      }
      owner.findings.add(f);
    }
    List<Suite> suites = new ArrayList<>();
    for (Map.Entry<String, List<Case>> file : byFile.entrySet()) {
      Suite suite = new Suite(file.getKey(), new ArrayList<>(), new ArrayList<>());
      for (Case c : file.getValue()) {
        if (c.checked || fails(c)) {
          suite.cases().add(c);
        } else {
          suite.aside().addAll(c.findings);
        }
      }
      if (!suite.cases().isEmpty() || !suite.aside().isEmpty()) {
        suites.add(suite);
      }
    }
    Xml.document(out, "testsuites", w -> {
      w.writeAttribute("name", "istiolint");
      w.writeAttribute("tests", Integer.toString(suites.stream().mapToInt(s -> s.cases().size()).sum()));
      w.writeAttribute("failures", Long.toString(suites.stream().flatMap(s -> s.cases().stream()).filter(this::fails).count()));
      w.writeAttribute("errors", "0");
      for (Suite suite : suites) {
        writeSuite(w, suite);
      }
    });
  }

  private void writeSuite(XMLStreamWriter w, Suite suite) throws XMLStreamException {
    Xml.indent(w, 1);
    w.writeStartElement("testsuite");
    w.writeAttribute("name", Xml.clean(suite.file()));
    w.writeAttribute("tests", Integer.toString(suite.cases().size()));
    w.writeAttribute("failures", Long.toString(suite.cases().stream().filter(this::fails).count()));
    w.writeAttribute("errors", "0");
    w.writeAttribute("skipped", "0");
    w.writeAttribute("time", "0");
    if (!suite.file().equals(CheckstyleReporter.NO_FILE)) {
      w.writeAttribute("file", Xml.clean(suite.file()));
    }
    for (Case c : suite.cases()) {
      writeCase(w, suite.file(), c);
    }
    if (!suite.aside().isEmpty()) {
      Xml.indent(w, 2);
      w.writeStartElement("system-out");
      w.writeCharacters(Xml.clean(suite.aside().stream().map(TextLine::of).collect(Collectors.joining())));
      w.writeEndElement();
    }
    Xml.indent(w, 1);
    w.writeEndElement();
  }

  private void writeCase(XMLStreamWriter w, String file, Case c) throws XMLStreamException {
    Xml.indent(w, 2);
    if (c.findings.isEmpty()) {
      w.writeEmptyElement("testcase");
    } else {
      w.writeStartElement("testcase");
    }
    w.writeAttribute("classname", Xml.clean(file));
    w.writeAttribute("name", Xml.clean(c.name));
    w.writeAttribute("time", "0");
    if (c.findings.isEmpty()) {
      return;
    }
    List<Finding> failing = c.findings.stream().filter(this::failing).toList();
    if (!failing.isEmpty()) {
      Xml.indent(w, 3);
      w.writeStartElement("failure");
      w.writeAttribute("type", failing.stream().map(Finding::code).distinct().collect(Collectors.joining(" ")));
      w.writeAttribute("message", Xml.clean(failing.size() == 1
          ? failing.get(0).code() + " " + failing.get(0).message()
          : failing.size() + " findings: " + failing.stream().map(Finding::code).collect(Collectors.joining(", "))));
      w.writeCharacters(Xml.clean(failing.stream().map(TextLine::of).collect(Collectors.joining())));
      w.writeEndElement();
    }
    String below = c.findings.stream().filter(f -> !failing(f)).map(TextLine::of).collect(Collectors.joining());
    if (!below.isEmpty()) {
      Xml.indent(w, 3);
      w.writeStartElement("system-out");
      w.writeCharacters(Xml.clean(below));
      w.writeEndElement();
    }
    Xml.indent(w, 2);
    w.writeEndElement();
  }

  /** True for the kinds some rule names as a target, and for Istio's, whose every object is checked against its schema. */
  private boolean checks(Kind kind) {
    return kind.isIstio() || targeted.contains(kind);
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
