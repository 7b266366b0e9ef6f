package io.istiolint.rules.serviceentry;

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
import java.util.Set;

/**
 * IL0401: a TCP (or protocol-less) port of a ServiceEntry that has no address and gets none from Istio.
 * Without a virtual IP, sidecars can only match such traffic by port: every outbound TCP connection to that
 * port that no other service claims is handled as traffic to this entry.
 *
 * <p>Since Istio 1.25 istiod allocates a virtual IP to every ServiceEntry without addresses
 * ({@code PILOT_ENABLE_IP_AUTOALLOCATE}, on by default) except with {@code resolution: NONE} (the default
 * resolution) or the label {@code networking.istio.io/enable-autoallocate-ip: "false"}: only those are
 * reported, and not when an address was already allocated ({@code status.addresses}, from a cluster) or
 * every host is also a loaded Kubernetes Service (which has a cluster IP). istioctl's IST0134 still warns
 * whenever MeshConfig does not enable the older DNS auto-allocation, a known false positive
 * (istio/istio#56083, #58557). Clients reach an allocated address only through Istio's DNS capture, a
 * per-proxy setting this rule cannot see.
 */
public final class AddressesRequired implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0401", "se-addresses-required", Severity.WARNING,
      Set.of(Kind.SERVICE_ENTRY), Set.of(Kind.SERVICE, Kind.KUBERNETES_GATEWAY),
      "A TCP or protocol-less ServiceEntry port without addresses, and Istio allocates none (resolution NONE or opted out)",
      "Add addresses (the IPs or CIDR blocks clients connect to), or use resolution DNS or STATIC so that istiod allocates one",
      List.of("IST0134"));

  static final String AUTOALLOCATE_LABEL = "networking.istio.io/enable-autoallocate-ip";

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource se, RuleContext ctx) {
    if (!Json.items(se.spec().path("addresses")).isEmpty() || !Json.items(se.object().path("status").path("addresses")).isEmpty()) {
      return;
    }
    String resolution = Json.text(se.spec().path("resolution"), "NONE");
    boolean optedOut = "false".equalsIgnoreCase(se.labels().getOrDefault(AUTOALLOCATE_LABEL, ""));
    if (!resolution.equals("NONE") && !optedOut) {
      return;
    }
    if (allHostsAreServices(se, ctx)) {
      return;
    }
    String why = optedOut ? "the label " + AUTOALLOCATE_LABEL + ": \"false\" turns off Istio's address allocation"
        : "Istio allocates none with resolution NONE";
    String fix = optedOut ? "add addresses, or remove the label so that istiod allocates a virtual IP"
        : "add addresses (the IPs or CIDR blocks clients connect to), or use resolution DNS or STATIC so that istiod allocates a virtual IP";
    List<JsonNode> ports = Json.items(se.spec().path("ports"));
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      String protocol = Json.text(port.path("protocol"), "");
      if (!port.isObject() || !protocol.isEmpty() && !protocol.equalsIgnoreCase("TCP")) {
        continue;
      }
      YamlPath at = YamlPath.of("spec", "ports", i, port.has("protocol") ? "protocol" : "number");
      String number = port.path("number").canConvertToLong() ? String.valueOf(port.path("number").asLong(0L)) : "?";
      String shown = protocol.isEmpty() ? "no protocol" : "protocol " + protocol;
      ctx.report(se, at, "port " + number + " (" + shown + ") has no address to match on, and " + why
          + ": sidecars handle every outbound TCP connection to port " + number + " that no other service claims as traffic to this entry",
          fix);
    }
  }

  /** A host that is also a Kubernetes Service has that Service's cluster IP in the mesh. */
  private static boolean allHostsAreServices(Resource se, RuleContext ctx) {
    List<JsonNode> hosts = Json.items(se.spec().path("hosts"));
    return !hosts.isEmpty() && hosts.stream().allMatch(h -> h.isString() && ctx.hosts().lookup(h.asString(""), se.namespace()).matches()
        .stream().anyMatch(s -> !s.isServiceEntry()));
  }
}
