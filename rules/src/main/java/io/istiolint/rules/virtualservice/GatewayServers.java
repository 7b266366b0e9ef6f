package io.istiolint.rules.virtualservice;

import tools.jackson.databind.JsonNode;
import io.istiolint.hosts.Hosts;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.List;

/** The servers of a Gateway and the hosts each offers to VirtualServices of a namespace. */
final class GatewayServers {

  private GatewayServers() {}

  /**
   * The hosts of {@code server} a VirtualService in {@code namespace} may bind: {@code ns/host} only for that
   * namespace ({@code .} is the Gateway's own, {@code *} any); a host without a namespace for every namespace.
   */
  static List<String> hostsFor(JsonNode server, Resource gateway, String namespace) {
    List<String> hosts = new ArrayList<>();
    for (JsonNode h : Json.items(server.path("hosts"))) {
      String host = Json.text(h, "");
      int slash = host.indexOf('/');
      if (slash < 0) {
        hosts.add(host);
        continue;
      }
      String ns = host.substring(0, slash);
      if (ns.equals(".")) {
        ns = gateway.namespace();
      }
      if (ns.equals("*") || ns.equals(namespace)) {
        hosts.add(host.substring(slash + 1));
      }
    }
    hosts.removeIf(String::isEmpty);
    return hosts;
  }

  /** True when some host of {@code server} usable from {@code namespace} overlaps one of {@code vsHosts} (FQDNs). */
  static boolean serves(JsonNode server, Resource gateway, String namespace, List<String> vsHosts) {
    for (String gh : hostsFor(server, gateway, namespace)) {
      for (String vh : vsHosts) {
        if (Hosts.overlap(gh, vh)) {
          return true;
        }
      }
    }
    return false;
  }
}
