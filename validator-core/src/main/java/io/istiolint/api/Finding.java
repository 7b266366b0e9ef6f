package io.istiolint.api;

import java.util.List;

/**
 * One problem found. {@code resource} is null when the problem is in a document that is not a resource
 * (a YAML syntax error, say); {@code path} is null when no node can be named; {@code location} is null
 * when the input has no positions (objects read from a cluster or an AdmissionReview).
 */
public record Finding(
    String code,
    String rule,
    Severity severity,
    String message,
    String hint,
    ResourceRef resource,
    YamlPath path,
    Location location,
    List<String> equivalents) {

  public Finding {
    equivalents = List.copyOf(equivalents);
  }
}
