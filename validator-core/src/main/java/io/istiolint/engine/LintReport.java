package io.istiolint.engine;

import io.istiolint.api.Finding;
import io.istiolint.api.Severity;
import io.istiolint.mesh.MeshInfo;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one run.
 *
 * @param unverified  references that could not be checked, counted by why (e.g. "no Services loaded for
 *                    namespace shop")
 * @param inputErrors inputs that could not be read at all (permissions, I/O); the rest were still linted
 */
public record LintReport(List<Finding> findings, Summary summary, MeshInfo mesh, Map<String, Integer> unverified,
    List<String> inputErrors) {

  public LintReport {
    findings = List.copyOf(findings);
    unverified = Map.copyOf(unverified);
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
