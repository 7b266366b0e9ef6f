package io.istiolint.rules.serviceentry;

import io.istiolint.rules.common.ReadKinds;
import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.ExportTo;
import io.istiolint.hosts.HostLookup;
import io.istiolint.hosts.HostResolver;
import io.istiolint.hosts.MeshService;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.rules.common.SidecarImports;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * IL0402: ServiceEntries that some namespace sees together declare the same host and port with different
 * protocols; Istio builds one listener per host and port, so only one definition takes effect. Reported on
 * every ServiceEntry involved. Hosts compare as Istio reads them (a short host is expanded in the
 * ServiceEntry's namespace), protocols ignoring case, an unset protocol being a value of its own
 * (auto-detection). Unlike istioctl (IST0177), visibility uses the mesh's {@code defaultServiceExportTo}
 * and {@code ~}, and, as Kiali (KIA1212) does, the namespace-wide Sidecars' egress hosts: the definitions
 * only compete for proxies that import both.
 */
public final class ConflictingProtocol implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0402", "se-conflicting-protocol", Severity.WARNING,
      Set.of(Kind.SERVICE_ENTRY), ReadKinds.of(ReadKinds.SERVICES, Kind.SIDECAR),
      "ServiceEntries visible in a common namespace declare the same host and port with different protocols",
      "Declare one protocol for a host and port, ideally in a single ServiceEntry",
      List.of("IST0177", "KIA1212"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource se, RuleContext ctx) {
    HostLookup hosts = ctx.hosts();
    Set<String> scopes = ExportTo.scopesOf(se, ctx.mesh().defaultServiceExportTo());
    List<String> declared = Json.items(se.spec().path("hosts")).stream().filter(JsonNode::isString).map(JsonNode::asString).toList();
    List<JsonNode> ports = Json.items(se.spec().path("ports"));
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      if (!port.path("number").canConvertToLong()) {
        continue;
      }
      long number = port.path("number").asLong(0L);
      String protocol = Json.text(port.path("protocol"), "").toUpperCase(Locale.ROOT);
      for (String host : declared) {
        String fqdn = hosts.fqdn(host, se.namespace());
        HostResolver.Lookup lookup = hosts.lookup(host, se.namespace());
        List<MeshService> others = new ArrayList<>(lookup.matches());
        others.addAll(lookup.hidden());
        List<String> conflicts = new ArrayList<>();
        for (MeshService other : others) {
          Resource source = other.source();
          if (!other.isServiceEntry() || source.name().equals(se.name()) && source.namespace().equals(se.namespace())
              || !hosts.fqdn(other.host(), other.namespace()).equalsIgnoreCase(fqdn) || !ExportTo.intersect(scopes, other.exportTo())) {
            continue;
          }
          for (MeshService.Port p : other.ports()) {
            String theirs = p.protocol().toUpperCase(Locale.ROOT);
            String entry = source.ref().displayName() + " (" + shown(theirs) + ")";
            if (p.number() == number && !theirs.equals(protocol) && !conflicts.contains(entry)
                && SidecarImports.someNamespaceImportsAll(ExportTo.intersection(scopes, other.exportTo()),
                    List.of(Map.entry(se.namespace(), fqdn), Map.entry(other.namespace(), fqdn)), ctx)) {
              conflicts.add(entry);
            }
          }
        }
        if (!conflicts.isEmpty()) {
          YamlPath at = YamlPath.of("spec", "ports", i, port.has("protocol") ? "protocol" : "number");
          ctx.report(se, at, "host `" + host + "` port " + number + " is declared " + shown(protocol) + " here but differently by "
              + String.join(", ", conflicts) + ", visible in a common namespace: only one of the definitions takes effect",
              "declare one protocol for " + host + ":" + number + ", ideally in a single ServiceEntry");
        }
      }
    }
  }

  private static String shown(String protocol) {
    return protocol.isEmpty() ? "without protocol" : protocol;
  }
}
