package io.istiolint.engine;

import io.istiolint.api.ResourceRef;
import io.istiolint.api.YamlPath;

/**
 * A reference that could not be checked because its target's scope is not fully known: on which object, at
 * which path, and why ("no Services loaded for namespace shop").
 */
public record Unverified(ResourceRef resource, YamlPath path, String reason) {}
