package io.istiolint.engine;

import io.istiolint.api.Finding;
import io.istiolint.api.Severity;
import io.istiolint.graph.RefGraph;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one run.
 *
 * @param unverified  references that could not be checked, counted by why (e.g. "no Services loaded for
 *                    namespace shop")
 * @param unverifiedReferences each of them, with the object and path it is on
 * @param inputErrors inputs that could not be read at all (permissions, I/O); the rest were still linted
 * @param notices     things the user should know about how the run went (said once, on stderr in the CLI)
 * @param resources   the resources checked: the files' in input order, then the cluster's (not those loaded only
 *                    as references)
 * @param graph       the reference graph over everything loaded
 */
public record LintReport(List<Finding> findings, Summary summary, MeshInfo mesh, Map<String, Integer> unverified,
    List<Unverified> unverifiedReferences, List<String> inputErrors, List<String> notices, List<Resource> resources, RefGraph graph) {

  public LintReport {
    findings = List.copyOf(findings);
    unverified = Map.copyOf(unverified);
    unverifiedReferences = List.copyOf(unverifiedReferences);
    inputErrors = List.copyOf(inputErrors);
    notices = List.copyOf(notices);
    resources = List.copyOf(resources);
  }

  /**
   * Counts for the summary line and the JSON {@code summary} object.
   *
   * @param resources  objects loaded, of every kind
   * @param ignored    of those, objects of kinds istiolint neither checks nor reads
   * @param suppressed findings not reported because the config or an annotation suppressed them
   * @param cluster    the kubeconfig context read with {@code --cluster}, null without one
   * @param hidden     findings left out of the report because they are less severe than it shows (the CLI's
   *                   {@code --min-severity}); not in errors, warnings or infos
   */
  public record Summary(int resources, int files, int errors, int warnings, int infos, int suppressed,
      int unverifiedReferences, int ignored, String cluster, int hidden) {

    /** The summary of a report that hides nothing. */
    public Summary(int resources, int files, int errors, int warnings, int infos, int suppressed,
        int unverifiedReferences, int ignored, String cluster) {
      this(resources, files, errors, warnings, infos, suppressed, unverifiedReferences, ignored, cluster, 0);
    }
  }

  /** True when some finding is at least as severe as {@code threshold}. */
  public boolean hasFindingsAtLeast(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }
}
