package io.istiolint.report;

import io.istiolint.api.Finding;
import io.istiolint.engine.LintReport;
import io.istiolint.model.Resource;
import java.io.IOException;
import java.io.Writer;

/**
 * {@code --format kiali}: Kiali's {@code IstioValidations} JSON ({@link KialiValidations}), so Kiali's UI and tools
 * built for it read istiolint's results. Every Istio object checked has an entry (a clean one {@code valid: true,
 * checks: []}), and so does any other object with findings.
 */
public final class KialiReporter implements Reporter {

  private final String cluster;

  /** @param cluster the cluster name written into every entry ("" when the inputs are files) */
  public KialiReporter(String cluster) {
    this.cluster = cluster;
  }

  @Override
  public void write(LintReport report, Writer out) throws IOException {
    KialiValidations validations = new KialiValidations(cluster);
    for (Resource r : report.resources()) {
      if (KialiValidations.validates(r.kind())) {
        validations.object(r.ref(), KialiValidations.references(report.graph(), r.ref()));
      }
    }
    for (Finding f : report.findings()) {
      validations.check(f);
    }
    JsonDocument.write(out, validations::write);
  }
}
