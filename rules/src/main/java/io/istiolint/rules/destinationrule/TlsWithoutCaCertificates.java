package io.istiolint.rules.destinationrule;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IL0205: TLS origination (mode SIMPLE or MUTUAL) with nothing to verify the server certificate against, in
 * a mesh whose proxies predate Istio 1.20: before 1.20 such a connection accepts any certificate.
 *
 * <p>Since 1.20 istiod verifies against the system's CA bundle when {@code caCertificates} is empty
 * ({@code VERIFY_CERTIFICATE_AT_CLIENT}, on by default), so istioctl's
 * IST0128/IST0129, which warn regardless of version, are false positives for current meshes (Istio's own
 * sample {@code egress-rule-google-apis.yaml} is one). The rule therefore needs the mesh's proxy versions
 * ({@code --proxy-version}, or proxies found in the inputs) and stays silent when they are unknown. It also
 * checks subset traffic policies, which istioctl skips, and accepts {@code credentialName} (the CA comes with
 * the Secret) and {@code insecureSkipVerify: true} (an explicit decision not to verify).
 */
public final class TlsWithoutCaCertificates implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0205", "dr-tls-without-ca", Severity.WARNING,
      Set.of(Kind.DESTINATION_RULE), Set.of(),
      "TLS mode SIMPLE or MUTUAL without caCertificates, where the mesh's proxies (before Istio 1.20) then skip server verification",
      "Set caCertificates (or credentialName) to the CA of the server, or upgrade to Istio 1.20+, which verifies against the system CAs",
      List.of("IST0128", "IST0129"));

  private static final Pattern VERSION = Pattern.compile("v?(\\d{1,4})\\.(\\d{1,4})(?:\\D.*)?");
  private static final int VERIFYING_MINOR = 20;

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource dr, RuleContext ctx) {
    Optional<String> old = oldestUnverifying(ctx.mesh().proxyVersions());
    if (old.isEmpty()) {
      return;
    }
    String host = Json.text(dr.spec().path("host"), "");
    checkPolicy(dr, dr.spec().path("trafficPolicy"), YamlPath.of("spec", "trafficPolicy"), host, old.get(), ctx);
    List<JsonNode> subsets = Json.items(dr.spec().path("subsets"));
    for (int i = 0; i < subsets.size(); i++) {
      checkPolicy(dr, subsets.get(i).path("trafficPolicy"), YamlPath.of("spec", "subsets", i, "trafficPolicy"), host, old.get(), ctx);
    }
  }

  /**
   * The versions if every known proxy is older than 1.20 (a mixed mesh has a 1.20+ control plane, which
   * verifies), else empty.
   */
  private static Optional<String> oldestUnverifying(List<String> versions) {
    boolean any = false;
    for (String v : versions) {
      Matcher m = VERSION.matcher(v);
      if (!m.matches()) {
        continue;
      }
      int major = Integer.parseInt(m.group(1));
      int minor = Integer.parseInt(m.group(2));
      if (major > 1 || (major == 1 && minor >= VERIFYING_MINOR)) {
        return Optional.empty();
      }
      any = true;
    }
    return any ? Optional.of(String.join(", ", versions)) : Optional.empty();
  }

  private static void checkPolicy(Resource dr, JsonNode policy, YamlPath at, String host, String versions, RuleContext ctx) {
    checkTls(dr, policy.path("tls"), at.field("tls"), host, "", versions, ctx);
    List<JsonNode> ports = Json.items(policy.path("portLevelSettings"));
    for (int i = 0; i < ports.size(); i++) {
      JsonNode number = ports.get(i).path("port").path("number");
      String port = number.canConvertToLong() ? " port " + number.asLong(0L) + " of" : "";
      checkTls(dr, ports.get(i).path("tls"), at.field("portLevelSettings").index(i).field("tls"), host, port, versions, ctx);
    }
  }

  private static void checkTls(Resource dr, JsonNode tls, YamlPath at, String host, String port, String versions, RuleContext ctx) {
    String mode = Json.text(tls.path("mode"), "");
    if (!mode.equals("SIMPLE") && !mode.equals("MUTUAL")) {
      return;
    }
    boolean verifies = !Json.text(tls.path("caCertificates"), "").isEmpty() || !Json.text(tls.path("credentialName"), "").isEmpty();
    boolean skipsOnPurpose = tls.path("insecureSkipVerify").asBoolean(false);
    if (verifies || skipsOnPurpose) {
      return;
    }
    ctx.report(dr, at.field("mode"), "TLS mode " + mode + " to" + port + " `" + host + "` without caCertificates: the proxies of this mesh ("
        + versions + ") predate Istio 1.20 and accept any server certificate, so a man in the middle goes unnoticed",
        "set caCertificates (or credentialName) to the CA that signs the server's certificate, or insecureSkipVerify: true if not"
        + " verifying is intended; Istio 1.20+ verifies against the system CAs");
  }
}
