package io.istiolint.testdata;

import io.istiolint.engine.LintReport;
import io.istiolint.engine.Linter;
import io.istiolint.load.InputSource;
import io.istiolint.load.LoadLimits;
import io.istiolint.mesh.MeshInfo;
import io.istiolint.rules.BuiltInRules;
import java.util.List;

/** Lint runs as {@code istiolint lint} makes them without flags: {@link BuiltInRules#linter()}, Istio's mesh defaults. */
public final class Lint {

  /** Namespace {@code default}, inputs not complete, no MeshConfig file. */
  public static final Linter.Options DEFAULT_OPTIONS = new Linter.Options("default", LoadLimits.DEFAULT, false, MeshInfo.DEFAULTS,
      List.of());

  private Lint() {}

  /** {@code sources} linted with {@link BuiltInRules#linter()} and {@link #DEFAULT_OPTIONS}. */
  public static LintReport run(List<InputSource> sources) {
    return BuiltInRules.linter().lint(sources, DEFAULT_OPTIONS);
  }
}
