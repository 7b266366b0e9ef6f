package io.istiolint.rules.gateway;

import io.istiolint.api.Kind;
import io.istiolint.api.RuleContext;
import io.istiolint.api.YamlPath;
import io.istiolint.index.Index;
import io.istiolint.model.Resource;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the TLS material of a Secret that Gateway servers terminate TLS with: which servers use it (as their
 * credential, or as the {@code <name>-cacert} CA of a mutual-TLS server), and what is wrong with its
 * certificate, key and CA. Shared by IL0303 (unusable) and IL0308 (expiring soon).
 */
final class CredentialCheck {

  /** Certificates expiring within this window are reported by IL0308. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  private static final Set<String> MUTUAL_MODES = Set.of("MUTUAL", "OPTIONAL_MUTUAL");

  /** INVALID: the gateway cannot use it (IL0303); EXPIRING: it expires within {@link #EXPIRY_WARNING} (IL0308). */
  enum Outcome { INVALID, EXPIRING }

  record Problem(Outcome outcome, YamlPath path, String message, String hint) {}

  private CredentialCheck() {}

  /**
   * One server reading the Secret: as its certificate and key ({@code asCredential}), or as the CA bundle that
   * verifies clients ({@code readsCa}: a mutual-TLS server without {@code caCertificates} or
   * {@code caCertCredentialName}, whose credential is this Secret or names it {@code <this>-cacert}).
   */
  private record Use(Resource gateway, boolean asCredential, boolean readsCa, boolean caRequired) {}

  static List<Problem> problems(RuleContext ctx, Resource secret) {
    List<Use> uses = uses(ctx.index(), secret);
    if (uses.isEmpty()) {
      return List.of();
    }
    Set<String> gateways = new LinkedHashSet<>();
    uses.forEach(u -> gateways.add(u.gateway().ref().displayName()));
    String usedBy = " (used by " + String.join(", ", gateways) + ")";
    Instant now = ctx.clock().instant();
    SecretData data = SecretData.of(secret);
    List<Problem> problems = new ArrayList<>();
    if (uses.stream().anyMatch(Use::asCredential)) {
      keyPair(secret, data, usedBy, now, problems);
    }
    Optional<String> caKey = data.caKey();
    if (caKey.isPresent() && uses.stream().anyMatch(Use::readsCa)) {
      certificates(data.get(caKey.get()).orElseThrow(), "the CA bundle `" + caKey.get() + "`", usedBy, now, problems);
    } else if (caKey.isEmpty() && uses.stream().anyMatch(Use::caRequired)) {
      problems.add(new Problem(Outcome.INVALID, anchor(secret, data), "Secret has no `ca.crt` or `cacert` key with a value, "
          + "so mutual TLS has no CA to verify clients with" + usedBy, "add the client CA certificate as key `ca.crt`"));
    }
    return problems;
  }

  private static void keyPair(Resource secret, SecretData data, String usedBy, Instant now, List<Problem> problems) {
    Optional<List<String>> pair = data.certKeyPair();
    if (pair.isEmpty()) {
      List<String> present = data.keys();
      Optional<List<String>> written = SecretData.CERT_KEY_PAIRS.stream()
          .filter(p -> data.get(p.get(0)).isPresent() && data.get(p.get(1)).isPresent()).findFirst();
      String what = written.map(p -> p.stream().filter(k -> !data.hasValue(k)).toList())
          .map(empty -> "`" + String.join("` and `", empty) + (empty.size() == 1 ? "` is empty" : "` are empty"))
          .orElse("it has neither `tls.crt`/`tls.key` nor `cert`/`key`"
              + (present.isEmpty() ? "" : " (keys: " + String.join(", ", present) + ")"));
      problems.add(new Problem(Outcome.INVALID, anchor(secret, data), "Secret cannot serve TLS: " + what + usedBy,
          "store the certificate chain as `tls.crt` and the private key as `tls.key` (kubectl create secret tls)"));
      return;
    }
    SecretData.Value certValue = data.get(pair.get().get(0)).orElseThrow();
    SecretData.Value keyValue = data.get(pair.get().get(1)).orElseThrow();
    List<X509Certificate> chain = certificates(certValue, "`" + pair.get().get(0) + "`", usedBy, now, problems);
    PrivateKey key = null;
    if (keyValue.bytes() == null) {
      problems.add(notBase64(keyValue, pair.get().get(1), usedBy));
    } else {
      try {
        key = Pem.privateKey(keyValue.bytes());
      } catch (Pem.PemException e) {
        problems.add(new Problem(Outcome.INVALID, keyValue.path(), "`" + pair.get().get(1) + "` is not a usable private key: "
            + e.getMessage() + usedBy, "store the unencrypted PEM private key of the certificate"));
      }
    }
    if (key != null && chain != null) {
      try {
        if (!Pem.matches(key, chain.get(0).getPublicKey())) {
          problems.add(new Problem(Outcome.INVALID, keyValue.path(), "`" + pair.get().get(1) + "` is not the private key of the "
              + "certificate in `" + pair.get().get(0) + "` (" + subject(chain.get(0)) + ")" + usedBy,
              "store the key the certificate was issued for; the TLS handshake fails with this pair"));
        }
      } catch (Pem.PemException e) {
        problems.add(new Problem(Outcome.INVALID, keyValue.path(), "`" + pair.get().get(1) + "`: " + e.getMessage() + usedBy, null));
      }
    }
  }

  /** Parses and dates a PEM bundle; null when it does not parse (reported). */
  private static List<X509Certificate> certificates(SecretData.Value value, String what, String usedBy, Instant now,
      List<Problem> problems) {
    if (value.bytes() == null) {
      problems.add(notBase64(value, what, usedBy));
      return null;
    }
    List<X509Certificate> chain;
    try {
      chain = Pem.certificates(value.bytes());
    } catch (Pem.PemException e) {
      problems.add(new Problem(Outcome.INVALID, value.path(), what + " is not a PEM certificate: " + e.getMessage() + usedBy,
          "store the PEM certificate chain, leaf first"));
      return null;
    }
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate cert = chain.get(i);
      String which = (chain.size() == 1 ? "the certificate" : "certificate " + (i + 1) + " of " + chain.size()) + " in " + what
          + " (" + subject(cert) + ")";
      Instant notBefore = cert.getNotBefore().toInstant();
      Instant notAfter = cert.getNotAfter().toInstant();
      if (now.isAfter(notAfter)) {
        problems.add(new Problem(Outcome.INVALID, value.path(), which + " expired on " + day(notAfter) + usedBy,
            "renew the certificate; clients refuse an expired one"));
      } else if (now.isBefore(notBefore)) {
        problems.add(new Problem(Outcome.INVALID, value.path(), which + " is not valid before " + day(notBefore) + usedBy,
            "check the issuing clock, or wait: clients refuse it until then"));
      } else if (Duration.between(now, notAfter).compareTo(EXPIRY_WARNING) < 0) {
        problems.add(new Problem(Outcome.EXPIRING, value.path(), which + " expires on " + day(notAfter) + ", in "
            + Math.max(0, Duration.between(now, notAfter).toDays()) + " days" + usedBy,
            "renew it before then (cert-manager renews 30 days ahead by default)"));
      }
    }
    return chain;
  }

  private static Problem notBase64(SecretData.Value value, String what, String usedBy) {
    return new Problem(Outcome.INVALID, value.path(), what + " is not valid base64" + usedBy,
        "`data` values are base64; put plain PEM under `stringData` instead");
  }

  /** Where a problem of the whole Secret is shown: its data, or its name. */
  private static YamlPath anchor(Resource secret, SecretData data) {
    if (secret.object().path("data").isObject()) {
      return YamlPath.of("data");
    }
    if (secret.object().path("stringData").isObject()) {
      return YamlPath.of("stringData");
    }
    return YamlPath.of("metadata", "name");
  }

  private static String subject(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName();
  }

  private static String day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
  }

  /** The Gateways whose TLS-terminating servers read {@code secret}, as credential or as mutual-TLS CA. */
  private static List<Use> uses(Index index, Resource secret) {
    List<Use> uses = new ArrayList<>();
    for (Resource gw : index.ofKind(Kind.GATEWAY)) {
      Set<String> workloadNamespaces = null;
      for (Gateways.Server server : Gateways.servers(gw)) {
        if (!server.terminatesTls()) {
          continue;
        }
        boolean mutual = MUTUAL_MODES.contains(server.tlsMode());
        for (Gateways.Credential c : server.credentials()) {
          boolean asCredential = c.name().name().equals(secret.name());
          boolean asCa = mutual && secret.name().equals(c.name().name() + "-cacert");
          if (!asCredential && !asCa) {
            continue;
          }
          if (c.name().namespace() == null && workloadNamespaces == null) {
            workloadNamespaces = Gateways.proxyNamespaces(index, gw);
          }
          boolean here = c.name().namespace() != null ? c.name().namespace().equals(secret.namespace())
              : workloadNamespaces.contains(secret.namespace());
          boolean readsCa = mutual && !hasOtherCa(server);
          if (here && (asCredential || readsCa)) {
            // A `-cacert` Secret must hold the CA; the credential Secret itself may leave it to a `-cacert` one.
            uses.add(new Use(gw, asCredential, readsCa, readsCa && asCa));
          }
        }
      }
    }
    return uses;
  }

  private static boolean hasOtherCa(Gateways.Server server) {
    return server.tls().path("caCertificates").isString() || server.tls().path("caCertCredentialName").isString();
  }
}
