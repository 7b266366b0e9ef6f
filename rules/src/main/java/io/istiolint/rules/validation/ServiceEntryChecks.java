package io.istiolint.rules.validation;

import static io.istiolint.rules.validation.CommonChecks.SPEC;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import io.istiolint.schemas.Suggestions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Istio's admission checks of a ServiceEntry, including its CEL rules that istiolint's schema check does not run. */
final class ServiceEntryChecks {

  private ServiceEntryChecks() {}

  private static final Set<String> DYNAMIC_DNS_PROTOCOLS = Set.of("HTTP", "TLS", "GRPC", "HTTP2");

  static void check(Problems p) {
    JsonNode spec = p.spec();
    if (!spec.isObject()) {
      return;
    }
    String resolution = Fields.text(spec, "resolution");
    resolution = resolution == null ? "NONE" : resolution;
    boolean selector = Fields.set(spec, "workloadSelector");
    CommonChecks.selectorLabels(p, spec.path("workloadSelector"), SPEC.field("workloadSelector"), "labels");
    // The CRD's CEL rule counts a written `endpoints: []` too (has()), though the webhook would not.
    if (selector && Fields.set(spec, "endpoints")) {
      p.report(SPEC.field("endpoints").key(), "a ServiceEntry cannot have both `workloadSelector` and `endpoints`",
          "select workloads (Pods, WorkloadEntries) or list endpoints: not both");
    }
    List<JsonNode> hosts = Json.items(spec.path("hosts"));
    for (int i = 0; i < hosts.size(); i++) {
      if (!hosts.get(i).isString()) {
        continue;
      }
      String h = hosts.get(i).asString("");
      YamlPath at = SPEC.field("hosts").index(i);
      if (h.equals("*")) {
        p.report(at, "host `*` is not allowed in a ServiceEntry", "name the external hosts, e.g. `*.example.com`");
        continue;
      }
      String problem = Syntax.wildcardDomain(h);
      if (problem != null) {
        p.report(at, "host `" + h + "` is not a valid host name: " + problem, Syntax.isIp(h)
            ? "an IP address goes in `addresses` (with resolution NONE or STATIC); give the entry a DNS name as its host"
            : "use a DNS name such as `api.example.com` or `*.example.com`");
      }
    }
    List<JsonNode> addresses = Json.items(spec.path("addresses"));
    for (int i = 0; i < addresses.size(); i++) {
      if (!addresses.get(i).isString()) {
        continue;
      }
      String a = addresses.get(i).asString("");
      if (!Syntax.isIpOrCidr(a)) {
        p.report(SPEC.field("addresses").index(i), "address `" + a + "` is neither an IP address nor a CIDR block",
            "give an IP (`192.0.2.10`) or a block (`192.0.2.0/24`)");
      } else if (a.contains("/") && !resolution.equals("NONE") && !resolution.equals("STATIC")) {
        p.report(SPEC.field("addresses").index(i), "CIDR address `" + a + "` needs resolution NONE or STATIC, not " + resolution,
            "use single IP addresses, or resolution NONE/STATIC");
      }
    }
    Map<String, JsonNode> ports = ports(p, spec);
    List<JsonNode> endpoints = Json.items(spec.path("endpoints"));
    switch (resolution) {
      case "NONE" -> {
        if (!endpoints.isEmpty()) {
          p.report(SPEC.field("endpoints").key(), "resolution NONE uses no endpoints", "remove `endpoints`, or use resolution STATIC or DNS");
        }
      }
      case "STATIC" -> {
        for (int i = 0; i < endpoints.size(); i++) {
          endpoint(p, endpoints.get(i), SPEC.field("endpoints").index(i), ports, true, false);
        }
      }
      case "DNS", "DNS_ROUND_ROBIN" -> {
        if (endpoints.isEmpty()) {
          for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).isString() && !hosts.get(i).asString("").equals("*") && Syntax.wildcardDomain(hosts.get(i).asString("")) == null
                && Syntax.fqdn(hosts.get(i).asString("")) != null) {
              p.report(SPEC.field("hosts").index(i), "resolution " + resolution + " without endpoints resolves the hosts themselves,"
                  + " so `" + hosts.get(i).asString("") + "` must be a name, not a wildcard",
                      "list endpoints, or use resolution NONE or DYNAMIC_DNS for wildcards");
            }
          }
        }
        if (resolution.equals("DNS_ROUND_ROBIN") && endpoints.size() > 1) {
          p.report(SPEC.field("endpoints").index(1), "resolution DNS_ROUND_ROBIN allows at most one endpoint", "use resolution DNS for several endpoints");
        }
        for (int i = 0; i < endpoints.size(); i++) {
          endpoint(p, endpoints.get(i), SPEC.field("endpoints").index(i), ports, false, true);
        }
      }
      case "DYNAMIC_DNS" -> dynamicDns(p, spec, hosts, endpoints, addresses);
      default -> { } // an unknown resolution is an enum violation, reported by the schema rule
    }
    if (!resolution.equals("NONE") && hosts.size() > 1) {
      List<JsonNode> list = Json.items(spec.path("ports"));
      for (int i = 0; i < list.size(); i++) {
        String protocol = Fields.string(list.get(i), "protocol");
        if (!Fields.notAString(list.get(i), "protocol") && !Syntax.isHttpProtocol(protocol) && !Syntax.isTlsProtocol(protocol)) {
          YamlPath at = SPEC.field("ports").index(i);
          p.report(Fields.set(list.get(i), "protocol") ? at.field("protocol") : at, "the ServiceEntry has several hosts, and port "
              + Fields.integerOrZero(list.get(i), "number") + (protocol.isEmpty() ? " has no protocol" : " is " + protocol + ", neither HTTP nor TLS")
              + ": the proxy cannot tell the hosts apart", "use one ServiceEntry per host, an HTTP or TLS protocol, or resolution NONE");
          break;
        }
      }
    }
    CommonChecks.exportTo(p, spec, true, false);
  }

  /** Checks the ports and returns them by name. */
  private static Map<String, JsonNode> ports(Problems p, JsonNode spec) {
    Map<String, JsonNode> byName = new HashMap<>();
    Map<Long, Integer> byNumber = new HashMap<>();
    List<JsonNode> ports = Json.items(spec.path("ports"));
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      YamlPath pp = SPEC.field("ports").index(i);
      if (!port.isObject()) {
        continue;
      }
      String name = Fields.text(port, "name");
      if (name != null) {
        if (byName.putIfAbsent(name, port) != null) {
          p.report(pp.field("name"), "port name `" + name + "` is used twice", "give each port its own name");
        } else if (!Syntax.isDnsLabel(name)) {
          p.report(pp.field("name"), name.isEmpty() ? "the port has an empty name" : "port name `" + name + "` is not a valid DNS label",
              "use lower-case letters, digits and `-`, e.g. `https`");
        }
      }
      Long number = Fields.integer(port, "number");
      if (number != null) {
        Integer first = byNumber.putIfAbsent(number, i);
        if (first != null) {
          p.report(pp.field("number"), "port " + number + " is declared twice (also ports[" + first + "])", "declare each port number once");
        } else if (!Syntax.isPort(number)) {
          p.report(pp.field("number"), "port " + number + " is not in 1..65535", "use a port number from 1 to 65535");
        }
      }
      CommonChecks.optionalPort(p, port, "targetPort", pp, "targetPort");
      String protocol = Fields.text(port, "protocol");
      if (protocol != null && !protocol.isEmpty() && !Syntax.isKnownProtocol(protocol)) {
        p.report(pp.field("protocol"), "protocol `" + protocol + "` is not one Istio knows", GatewayChecks.protocolHint(protocol));
      }
    }
    return byName;
  }

  /**
   * A ServiceEntry endpoint or a WorkloadEntry: an address (or a network), a unix socket where the resolution
   * allows one, an IP or (DNS) a host name; port names that the ServiceEntry declares ({@code ports} null for a
   * WorkloadEntry, which belongs to no ServiceEntry); valid labels.
   */
  static void endpoint(Problems p, JsonNode ep, YamlPath at, Map<String, JsonNode> ports, boolean unixAllowed, boolean dnsAllowed) {
    if (!ep.isObject()) {
      return;
    }
    String address = Fields.string(ep, "address");
    if (address.isEmpty()) {
      if (Fields.string(ep, "network").isEmpty() && !Fields.notAString(ep, "address")) {
        p.report(at, "the endpoint has no address", "give the endpoint's IP address" + (dnsAllowed ? " or host name" : "") + ", or its network");
      }
    } else if (unixAllowed && address.startsWith(GatewayChecks.UNIX)) {
      String problem = GatewayChecks.unixPath(address.substring(GatewayChecks.UNIX.length()));
      if (problem != null) {
        p.report(at.field("address"), "address `" + address + "`: " + problem, "give an absolute socket path, e.g. `unix:///var/run/app.sock`");
      }
      if (!Fields.entries(ep, "ports").isEmpty()) {
        p.report(at.field("ports").key(), "a unix socket endpoint cannot have ports", "remove `ports`");
      }
      if (ports != null && ports.size() != 1) {
        p.report(at.field("address"), "a unix socket endpoint needs exactly one port on the ServiceEntry, which has " + ports.size(),
            "declare a single port");
      }
    } else if (!Syntax.isIp(address) && (!dnsAllowed || Syntax.fqdn(address) != null)) {
      p.report(at.field("address"),
          "address `" + address + "` is not " + (dnsAllowed ? "an IP address or a host name" : "an IP address (resolution STATIC)"),
          dnsAllowed ? "give an IP address or a DNS name" : "give an IP address, or use resolution DNS for host names");
    }
    for (Map.Entry<String, JsonNode> e : Fields.entries(ep, "ports")) {
      if (ports != null && !ports.containsKey(e.getKey())) {
        p.report(at.field("ports").field(e.getKey()).key(), "endpoint port `" + e.getKey() + "` is not a port name of the ServiceEntry",
            Suggestions.didYouMeanClosest(e.getKey(), ports.keySet())
                .orElse("use the `name` of one of the ServiceEntry's ports"));
      } else if (!Syntax.isDnsLabel(e.getKey())) {
        p.report(at.field("ports").field(e.getKey()).key(), "port name `" + e.getKey() + "` is not a valid DNS label", "use the port's name");
      }
      if (e.getValue().isIntegralNumber() && !Syntax.isPort(e.getValue().longValue())) {
        p.report(at.field("ports").field(e.getKey()), "port " + e.getValue().longValue() + " is not in 1..65535",
            "use a port number from 1 to 65535");
      }
    }
    CommonChecks.labelMap(p, ep, "labels", at);
  }

  private static void dynamicDns(Problems p, JsonNode spec, List<JsonNode> hosts, List<JsonNode> endpoints, List<JsonNode> addresses) {
    for (int i = 0; i < hosts.size(); i++) {
      if (hosts.get(i).isString() && !hosts.get(i).asString("").startsWith("*")) {
        p.report(SPEC.field("hosts").index(i), "resolution DYNAMIC_DNS needs wildcard hosts, and `" + hosts.get(i).asString("") + "` is not one",
            "use `*.example.com`, or resolution DNS for a single name");
      }
    }
    if (!addresses.isEmpty()) {
      p.report(SPEC.field("addresses").key(), "resolution DYNAMIC_DNS cannot have addresses", "remove `addresses`");
    }
    if (!endpoints.isEmpty()) {
      p.report(SPEC.field("endpoints").key(), "resolution DYNAMIC_DNS cannot have endpoints", "remove `endpoints`");
    }
    List<JsonNode> ports = Json.items(spec.path("ports"));
    for (int i = 0; i < ports.size(); i++) {
      String protocol = Fields.string(ports.get(i), "protocol");
      if (!Fields.notAString(ports.get(i), "protocol") && !DYNAMIC_DNS_PROTOCOLS.contains(Syntax.protocol(protocol))) {
        p.report(SPEC.field("ports").index(i).field("protocol"), "resolution DYNAMIC_DNS serves only HTTP, HTTP2, GRPC and TLS ports, not "
            + (protocol.isEmpty() ? "an unset protocol" : protocol), "set the port protocol to HTTP, HTTP2, GRPC or TLS");
      }
    }
    if ("MESH_INTERNAL".equals(Fields.text(spec, "location"))) {
      String waypoint = p.target().labels().get("istio.io/use-waypoint");
      if (waypoint != null && !waypoint.equals("none")) {
        p.report(SPEC.field("location"), "a MESH_INTERNAL DYNAMIC_DNS ServiceEntry cannot use a waypoint", "use location MESH_EXTERNAL");
      }
    }
  }
}
