package io.istiolint.api;

import io.istiolint.model.Resource;

/**
 * A check of one resource against the immutable index of everything loaded. Stateless: one instance serves
 * every resource of every run, from many threads at once.
 */
public interface Rule {

  RuleMeta meta();

  /** Reports problems of {@code target} through {@code ctx}; never returns findings itself. */
  void check(Resource target, RuleContext ctx);
}
