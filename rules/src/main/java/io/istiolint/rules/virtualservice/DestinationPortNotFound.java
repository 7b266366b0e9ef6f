package io.istiolint.rules.virtualservice;

import io.istiolint.rules.common.ReadKinds;
import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.Destinations;
import io.istiolint.hosts.HostResolver;
import io.istiolint.hosts.MeshService;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * IL0103: a destination {@code port.number} that is not a port of the service it resolves to. istiod builds
 * one cluster per service port, so the route points at a cluster that does not exist. A Service's destination
 * port is its {@code port}, never its {@code targetPort}: the hint says so when the number is a targetPort.
 */
public final class DestinationPortNotFound implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0103", "vs-destination-port-not-found", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE), ReadKinds.of(ReadKinds.SERVICES, Kind.GATEWAY),
      "A destination port is not a port of the Service or ServiceEntry the host resolves to",
      "Use one of the service's ports (the Service `port`, not the container's `targetPort`), or add the port to the service",
      List.of("IST0101"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    for (Destinations.Destination d : Destinations.of(target)) {
      if (d.port() < 0) {
        continue;
      }
      YamlPath at = d.path().field("port").field("number");
      HostResolver.Lookup lookup = ctx.hosts().lookup(d.host(), target.namespace());
      if (lookup.status() == HostResolver.Status.UNVERIFIED) {
        ctx.unverified(target, at, lookup.reason());
        continue;
      }
      List<MeshService> services = VsClients.services(lookup, target, ctx);
      if (services.isEmpty() || services.stream().anyMatch(s -> s.hasPort(d.port()))) {
        continue; // not found at all is IL0101's finding
      }
      Set<Long> ports = new TreeSet<>();
      services.forEach(s -> s.ports().forEach(p -> ports.add(p.number())));
      MeshService service = services.get(0);
      String what = (service.isServiceEntry() ? "ServiceEntry " : "Service ") + service.namespace() + "/" + service.source().name();
      String has = ports.isEmpty() ? "declares no ports" : "has " + (ports.size() == 1 ? "port " : "ports ")
          + ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
      ctx.report(target, at, "port " + d.port() + " is not a port of `" + d.host() + "`: " + what + " " + has, hint(services, d.port(), ports));
    }
  }

  private static String hint(List<MeshService> services, long number, Set<Long> ports) {
    for (MeshService s : services) {
      if (s.isServiceEntry()) {
        continue;
      }
      for (JsonNode p : Json.items(s.source().spec().path("ports"))) {
        if (p.path("targetPort").canConvertToLong() && p.path("targetPort").asLong(0L) == number && p.path("port").canConvertToLong()) {
          return number + " is the targetPort (container port) of Service port " + p.path("port").asLong(0L)
              + "; a destination names the Service port: use " + p.path("port").asLong(0L);
        }
      }
    }
    if (ports.isEmpty()) {
      return "declare the port in the ServiceEntry's `ports`";
    }
    return ports.size() == 1 ? "use port " + ports.iterator().next() : "use one of the service's ports, or add port " + number + " to it";
  }
}
