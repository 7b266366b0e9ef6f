package io.istiolint.report;

import io.istiolint.api.Finding;
import io.istiolint.api.Severity;
import io.istiolint.engine.LintReport;
import io.istiolint.load.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * GitHub Actions workflow commands, which GitHub shows as annotations on the lines of the pull request:
 * {@code ::error file=F,line=L,col=C,title=CODE::message}; infos are notices. GitHub shows at most
 * {@value #SHOWN_PER_TYPE} annotations of each type per step (and 50 per job), so the most severe are written
 * first and at most that many of each; how many were left out is said on stderr. When
 * {@code $GITHUB_STEP_SUMMARY} names a file (as it does in every step of a job), a Markdown table of every
 * finding is appended to it: the job summary, which has no limit.
 */
public final class GithubReporter implements Reporter {

  /** How many annotations of one type (error, warning, notice) GitHub shows for a step. */
  static final int SHOWN_PER_TYPE = 10;
  /** The environment variable GitHub sets to the file of the step's job summary. */
  public static final String SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY";

  /** Errors, then warnings, then infos; in report order (file, line) within each. Severity is declared so. */
  static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparing(Finding::severity);

  private final Map<String, String> env;
  private final PrintWriter err;
  private final boolean declaredComplete;

  /**
   * @param env the environment of the run, where {@value #SUMMARY_VARIABLE} is looked up
   * @param err where to say what did not fit into annotations, or that the summary could not be written
   * @param declaredComplete the user passed {@code --complete} (see {@link TextReporter#summary})
   */
  public GithubReporter(Map<String, String> env, PrintWriter err, boolean declaredComplete) {
    this.env = Map.copyOf(env);
    this.err = err;
    this.declaredComplete = declaredComplete;
  }

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    List<Finding> bySeverity = report.findings().stream().sorted(MOST_SEVERE_FIRST).toList();
    int[] written = new int[Severity.values().length];
    int left = 0;
    for (Finding f : bySeverity) {
      if (written[f.severity().ordinal()]++ < SHOWN_PER_TYPE) {
        out.write(annotation(f));
      } else {
        left++;
      }
    }
    String summaryFile = env.get(SUMMARY_VARIABLE);
    boolean summarized = summaryFile != null && !summaryFile.isEmpty() && appendSummary(summaryFile, report);
    if (left > 0) {
      err.println("istiolint: " + left + " of " + bySeverity.size() + " findings not written as annotations (GitHub shows "
          + SHOWN_PER_TYPE + " of each type per step; the most severe come first)"
          + (summarized ? "; all of them are in the job summary" : "; --format text lists all of them"));
    }
    err.flush();
  }

  private static String annotation(Finding f) {
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
    return line.append(data(text)).append('\n').toString();
  }

  /** Appends the summary to {@code file}, as GitHub expects of each step; false (after saying why) if it cannot. */
  private boolean appendSummary(String file, LintReport report) {
    try {
      Files.writeString(Path.of(file), GithubJobSummary.of(report, declaredComplete), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return true;
    } catch (IOException e) {
      err.println("istiolint: cannot write the job summary " + file + ": " + IoErrors.describe(e));
    } catch (InvalidPathException e) {
      err.println("istiolint: cannot write the job summary " + file + ": not a file name (" + e.getReason() + ")");
    }
    return false;
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
