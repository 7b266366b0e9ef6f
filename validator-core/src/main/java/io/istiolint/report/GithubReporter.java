package io.istiolint.report;

import io.istiolint.api.Finding;
import io.istiolint.engine.LintReport;
import java.io.IOException;
import java.io.Writer;

/**
 * GitHub Actions workflow commands, one line per finding, which GitHub shows as annotations on the lines of
 * the pull request: {@code ::error file=F,line=L,col=C,title=CODE::message}. Infos are notices.
 */
public final class GithubReporter implements Reporter {

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    for (Finding f : report.findings()) {
      StringBuilder line = new StringBuilder("::").append(command(f)).append(' ');
      if (f.location() != null && f.location().hasPosition()) { // an annotation can point only into a file
        line.append("file=").append(property(f.location().file()))
            .append(",line=").append(f.location().line())
            .append(",col=").append(f.location().column())
            .append(',');
      }
      line.append("title=").append(property(f.code())).append("::");
      String text = (f.resource() == null ? "" : f.resource().displayName() + ": ") + f.message() + " [" + f.rule() + "]"
          + (f.hint() == null ? "" : "\nhint: " + f.hint());
      line.append(data(text)).append('\n');
      out.write(line.toString());
    }
  }

  private static String command(Finding f) {
    return switch (f.severity()) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "notice";
    };
  }

  /** The message part: GitHub decodes {@code %25}, {@code %0D} and {@code %0A}. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value: also {@code :} and {@code ,}, which would end it. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
