package io.istiolint.api;

/**
 * A rule that judges a resource by itself and the schemas alone: it never asks the view ({@link RuleContext#index},
 * {@code hosts}, {@code graph}, {@code mesh}), so the engine runs it while the view is still being built. Asking
 * the view from one fails the rule ({@code IL0000}).
 */
public interface StandaloneRule extends Rule {}
