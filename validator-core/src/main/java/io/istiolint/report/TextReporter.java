package io.istiolint.report;

import io.istiolint.api.Finding;
import io.istiolint.api.Severity;
import io.istiolint.engine.LintReport;
import io.istiolint.engine.LintReport.Summary;
import io.istiolint.mesh.ProxyVersions;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * One line per finding, {@code FILE:LINE:COL: SEVERITY CODE Kind ns/name: message [rule-name]}, its hint
 * indented below, and a summary line. Colors only when asked (the CLI asks on a terminal).
 */
public final class TextReporter implements Reporter {

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";

  private final boolean color;
  private final boolean declaredComplete;

  /**
   * @param declaredComplete the user passed {@code --complete}: what stays unverified is not for want of manifests,
   *                         so the summary does not ask for them (nor for {@code --complete})
   */
  public TextReporter(boolean color, boolean declaredComplete) {
    this.color = color;
    this.declaredComplete = declaredComplete;
  }

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    for (Finding f : report.findings()) {
      StringBuilder line = new StringBuilder();
      line.append(TextLine.where(f)).append(": ");
      line.append(paint(severityColor(f.severity()), f.severity().label())).append(' ');
      line.append(paint(BOLD, f.code())).append(' ');
      if (f.resource() != null) {
        line.append(f.resource().displayName()).append(": ");
      }
      line.append(f.message()).append(' ').append(paint(DIM, "[" + f.rule() + "]"));
      out.write(line.append('\n').toString());
      if (f.hint() != null) {
        out.write("    " + paint(DIM, "hint:") + " " + f.hint() + "\n");
      }
    }
    out.write(summaryLine(report.summary()) + "\n");
    for (var e : new java.util.TreeMap<>(report.unverified()).entrySet()) {
      out.write("    " + paint(DIM, "not verified:") + " " + e.getValue() + plural(e.getValue(), " reference", " references")
          + " (" + e.getKey() + (e.getKey().contains(" from cluster ") || declaredComplete ? ""
              : "; add those manifests, or --complete if there are none")
          + ")\n"); // a cluster's reason already says what to read
    }
    ProxyVersions proxies = report.mesh().proxies();
    // An assumed version is named by the findings that depend on it; the summary shows only what was learnt.
    if (proxies.isKnown() && !proxies.assumed()) {
      out.write("    " + paint(DIM, "proxy versions:") + " " + String.join(", ", proxies.versions())
          + " (" + describe(proxies.source()) + ")\n");
    }
  }

  private static String describe(String source) {
    return switch (source) {
      case "flags" -> "from --proxy-version/--istio-version";
      case "inputs" -> "found in the inputs";
      case "cluster" -> "read from the cluster";
      case "inputs and cluster" -> "found in the inputs and the cluster";
      default -> "from " + source;
    };
  }

  /**
   * The summary line, without color: "2 errors, 0 warnings, 1 info in 12 resources in 3 files (...)";
   * {@code declaredComplete} as for the constructor.
   */
  public static String summary(Summary s, boolean declaredComplete) {
    return new TextReporter(false, declaredComplete).summaryLine(s);
  }

  private String summaryLine(Summary s) {
    String files = s.files() + plural(s.files(), " file", " files");
    String where = s.cluster() == null ? "in " + files
        : s.files() == 0 ? "from cluster " + s.cluster() : "in " + files + " and cluster " + s.cluster();
    String scope = s.resources() + plural(s.resources(), " resource", " resources") + " " + where;
    List<String> notes = new ArrayList<>();
    if (s.suppressed() > 0) {
      notes.add(s.suppressed() + " suppressed");
    }
    if (s.hidden() > 0) {
      notes.add(s.hidden() + " below --min-severity not shown");
    }
    if (s.unverifiedReferences() > 0) {
      notes.add(s.unverifiedReferences() + plural(s.unverifiedReferences(), " reference", " references")
          + (declaredComplete ? " not verified (their targets cannot be told)" : " not verified (their targets were not loaded)"));
    }
    if (s.ignored() > 0) {
      notes.add(s.ignored() + " of kinds istiolint does not check");
    }
    String tail = notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    if (s.errors() + s.warnings() + s.infos() == 0) {
      return paint(BOLD, "no problems") + " in " + scope + tail;
    }
    return paint(s.errors() > 0 ? severityColor(Severity.ERROR) : BOLD, s.errors() + plural(s.errors(), " error", " errors"))
        + ", " + s.warnings() + plural(s.warnings(), " warning", " warnings")
        + ", " + s.infos() + plural(s.infos(), " info", " infos") + " in " + scope + tail;
  }

  private static String plural(int n, String one, String many) {
    return n == 1 ? one : many;
  }

  private static String severityColor(Severity severity) {
    return switch (severity) {
      case ERROR -> "\u001b[31m";
      case WARNING -> "\u001b[33m";
      case INFO -> "\u001b[36m";
    };
  }

  private String paint(String style, String text) {
    return color ? style + text + RESET : text;
  }
}
