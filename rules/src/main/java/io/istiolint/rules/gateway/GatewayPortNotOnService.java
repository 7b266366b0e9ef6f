package io.istiolint.rules.gateway;

import io.istiolint.rules.common.ReadKinds;
import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.index.Workload;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IL0305: a server port that no Service selecting the gateway workload exposes, as a port or as a targetPort,
 * so traffic cannot reach it through the gateway's Service. Named targetPorts are resolved against the
 * workload's container ports, and a Service port without a protocol is TCP (Kubernetes' default), where
 * istioctl (IST0162) ignores both. Where the gateway workloads or their namespace's Services are not loaded,
 * the port stays unverified; a workload no Service selects (reached by pod IP or host network) is not judged.
 */
public final class GatewayPortNotOnService implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0305", "gw-port-not-on-service", Severity.WARNING,
      Set.of(Kind.GATEWAY), ReadKinds.of(ReadKinds.WORKLOADS, Kind.SERVICE, Kind.ISTIO_OPERATOR),
      "A Gateway server port is not exposed by the Service of the gateway workload",
      "Add the port to the gateway's Service (as port, or as targetPort of a port), or use one of its ports",
      List.of("IST0162"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    List<Gateways.Server> servers = Gateways.servers(target).stream().filter(s -> s.port() >= 0).toList();
    // An empty selector picks every workload, application pods included: their Services say nothing of gateways.
    if (servers.isEmpty() || Workload.selectorOf(target).isEmpty()) {
      return;
    }
    List<Workload> workloads = Gateways.workloads(ctx.index(), target);
    if (workloads.isEmpty()) {
      if (!Gateways.allWorkloadsKnown(ctx.index())) {
        ctx.unverified(target, YamlPath.of("spec", "servers"), Gateways.whyGatewayWorkloadsIncomplete(ctx.index()));
      }
      return;
    }
    Map<Workload, List<Resource>> exposedBy = new LinkedHashMap<>();
    Set<String> unknownNamespaces = new LinkedHashSet<>();
    for (Workload w : workloads) {
      List<Resource> services = ctx.index().ofKind(Kind.SERVICE, w.namespace()).stream().filter(svc -> selects(svc, w)).toList();
      if (!services.isEmpty()) {
        exposedBy.put(w, services);
      } else if (!ctx.index().completeness().isComplete(Kind.SERVICE, w.namespace()) && unknownNamespaces.add(w.namespace())) {
        // One reference per namespace whose Services are unknown, however many gateway workloads run there.
        ctx.unverified(target, YamlPath.of("spec", "servers"), ctx.index().completeness().whyIncomplete(Kind.SERVICE, w.namespace()));
      }
    }
    if (exposedBy.isEmpty()) {
      return;
    }
    for (Gateways.Server s : servers) {
      Set<String> lacking = new LinkedHashSet<>();
      for (Map.Entry<Workload, List<Resource>> e : exposedBy.entrySet()) {
        List<String> shown = new ArrayList<>();
        boolean exposed = false;
        for (Resource svc : e.getValue()) {
          for (JsonNode port : Json.items(svc.spec().path("ports"))) {
            String protocol = Json.text(port.path("protocol"), "TCP");
            if (!protocol.equals("TCP") || !port.path("port").isIntegralNumber()) {
              continue;
            }
            int number = port.path("port").asInt(0);
            Set<Integer> targets = targetPorts(port, e.getKey());
            shown.add(number + (targets.equals(Set.of(number)) ? "" : "->" + show(port.path("targetPort"), targets)));
            exposed |= number == s.port() || targets.contains(s.port());
          }
        }
        if (!exposed) {
          lacking.add("Service " + String.join(", Service ", e.getValue().stream().map(r -> r.namespace() + "/" + r.name()).toList())
              + " (TCP ports " + (shown.isEmpty() ? "none" : String.join(", ", shown)) + ")");
        }
      }
      if (!lacking.isEmpty()) {
        ctx.report(target, s.path().field("port").field("number"), "port " + s.port() + " is neither a port nor a targetPort of "
            + String.join("; ", lacking) + ", which exposes the gateway workload: traffic through the Service cannot reach it",
            "add port " + s.port() + " to the Service, or use one of its ports");
      }
    }
  }

  private static boolean selects(Resource service, Workload w) {
    Map<String, String> selector = Workload.selectorOf(service);
    return !selector.isEmpty() && w.matches(selector);
  }

  /** The pod ports a Service port forwards to: its targetPort, a named one resolved in the pod spec, else the port. */
  private static Set<Integer> targetPorts(JsonNode port, Workload w) {
    JsonNode target = port.path("targetPort");
    if (target.isIntegralNumber()) {
      return Set.of(target.asInt(0));
    }
    if (!target.isString()) {
      return Set.of(port.path("port").asInt(0));
    }
    Set<Integer> resolved = new LinkedHashSet<>();
    for (JsonNode container : Json.items(w.podSpec().path("containers"))) {
      for (JsonNode cp : Json.items(container.path("ports"))) {
        if (target.asString("").equals(Json.text(cp.path("name"), "")) && cp.path("containerPort").isIntegralNumber()) {
          resolved.add(cp.path("containerPort").asInt(0));
        }
      }
    }
    return resolved;
  }

  private static String show(JsonNode targetPort, Set<Integer> resolved) {
    if (targetPort.isString()) {
      return targetPort.asString("") + (resolved.isEmpty() ? "" : "=" + resolved.iterator().next());
    }
    return String.valueOf(resolved.iterator().next());
  }
}
