package io.istiolint.report;

import io.istiolint.api.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The identity of a finding across runs, for code scanning (SARIF {@code partialFingerprints}) and GitLab Code
 * Quality ({@code fingerprint}), which use it to match an alert with the one of the previous run. It is taken
 * from what the finding is about, never from where it is written: the rule code, the object (kind, namespace,
 * name) and the YAML path in it, so a finding keeps its identity when lines above it are added or removed, and
 * across an apiVersion upgrade. A finding on a document that is no object (a YAML error) takes its file
 * instead. Findings that would share an identity in one run are told apart by their order.
 */
final class Fingerprints {

  private Fingerprints() {}

  /** The fingerprint of each finding, in order: 32 hex digits of a SHA-256, unique within the list. */
  static List<String> of(List<Finding> findings) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> prints = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      String identity = identity(f);
      int occurrence = seen.merge(identity, 1, Integer::sum);
      prints.add(hash(occurrence == 1 ? identity : identity + "\u0000#" + occurrence));
    }
    return prints;
  }

  /** What the finding is about, as fields separated by NUL (which no field holds). */
  private static String identity(Finding f) {
    String path = f.path() == null ? "" : f.path().toString();
    if (f.resource() == null) {
      String file = f.location() == null ? "" : f.location().file();
      return String.join("\u0000", f.code(), "document", file, path);
    }
    return String.join("\u0000", f.code(), f.resource().kind(), f.resource().namespace(), f.resource().name(), path);
  }

  private static String hash(String identity) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
