package io.istiolint.engine;

import io.istiolint.api.Finding;
import io.istiolint.api.Severity;
import io.istiolint.mesh.MeshInfo;
import java.util.List;

/**
 * The outcome of one run.
 *
 * @param inputErrors inputs that could not be read at all (permissions, I/O); the rest were still linted
 */
public record LintReport(List<Finding> findings, Summary summary, MeshInfo mesh, List<String> inputErrors) {

  public LintReport {
    findings = List.copyOf(findings);
    inputErrors = List.copyOf(inputErrors);
  }

  /**
   * Counts for the summary line and the JSON {@code summary} object.
   *
   * @param resources objects loaded, of every kind
   * @param ignored   of those, objects of kinds istiolint neither checks nor reads
   */
  public record Summary(int resources, int files, int errors, int warnings, int infos, int suppressed,
      int unverifiedReferences, int ignored) {}

  /** True when some finding is at least as severe as {@code threshold}. */
  public boolean hasFindingsAtLeast(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }
}
