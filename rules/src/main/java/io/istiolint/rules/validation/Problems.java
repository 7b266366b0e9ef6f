package io.istiolint.rules.validation;

import io.istiolint.api.RuleContext;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Resource;

/** Where one resource's checks report: the resource and the run's context, bound together. */
final class Problems {

  private final Resource target;
  private final RuleContext ctx;

  Problems(Resource target, RuleContext ctx) {
    this.target = target;
    this.ctx = ctx;
  }

  Resource target() {
    return target;
  }

  void report(YamlPath at, String message, String hint) {
    ctx.report(target, at, message, hint);
  }
}
