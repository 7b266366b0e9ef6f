package io.istiolint.rules.sidecar;

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
import io.istiolint.hosts.Hosts;
import io.istiolint.hosts.MeshService;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.schemas.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IL0504: an {@code egress[].hosts} entry {@code namespace/dnsName} that imports nothing: no Service,
 * ServiceEntry or VirtualService declared in that namespace ({@code .} the Sidecar's, {@code *} any) has a
 * host matching {@code dnsName} (wildcards either way) and is exported to the Sidecar's namespace. The
 * namespace is where the configuration lives: {@code prod/reviews.bookinfo.svc.cluster.local} does not import
 * the Service reviews of namespace bookinfo. A listener with a port (not an HTTP proxy) imports only services
 * serving that port. {@code ~/…} and {@code ns/*} are not checked. Unverified
 * unless the Services (cluster-local names) or ServiceEntries (other names) of that namespace are loaded.
 *
 * <p>istioctl does not check egress hosts; Kiali (KIA1004) ignores the namespace part and exportTo.
 */
public final class EgressHostNotFound implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0504", "sidecar-egress-host-not-found", Severity.WARNING,
      Set.of(Kind.SIDECAR), ReadKinds.of(ReadKinds.SERVICES, Kind.VIRTUAL_SERVICE),
      "A Sidecar egress host `namespace/dnsName` matches no service declared in that namespace and visible to the Sidecar",
      "Name a host some Service or ServiceEntry of that namespace declares, or use `*/` when the service lives elsewhere",
      List.of("KIA1004"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource sidecar, RuleContext ctx) {
    List<JsonNode> egress = Json.items(sidecar.spec().path("egress"));
    for (int i = 0; i < egress.size(); i++) {
      JsonNode port = egress.get(i).path("port");
      // A listener with a port imports only services that have that port (not so for an HTTP proxy listener).
      long listenerPort = port.path("number").canConvertToLong() && !"HTTP_PROXY".equalsIgnoreCase(Json.text(port.path("protocol"), ""))
          ? port.path("number").asLong(0L) : 0;
      List<JsonNode> hosts = Json.items(egress.get(i).path("hosts"));
      for (int j = 0; j < hosts.size(); j++) {
        if (hosts.get(j).isString()) {
          checkEntry(sidecar, hosts.get(j).asString(""), listenerPort, YamlPath.of("spec", "egress", i, "hosts", j), ctx);
        }
      }
    }
  }

  private static void checkEntry(Resource sidecar, String entry, long listenerPort, YamlPath at, RuleContext ctx) {
    int slash = entry.indexOf('/');
    if (slash <= 0 || slash == entry.length() - 1) {
      return;
    }
    String ns = entry.substring(0, slash);
    String dns = entry.substring(slash + 1);
    if (ns.startsWith("~") || dns.equals("*") || !dns.contains(".")) {
      return;
    }
    boolean anyNamespace = ns.equals("*");
    String configNamespace = ns.equals(".") ? sidecar.namespace() : ns;
    HostLookup hosts = ctx.hosts();
    List<MeshService> candidates = new ArrayList<>();
    HostResolver.Lookup lookup = null;
    if (Hosts.isWildcard(dns)) {
      hosts.services().stream().filter(s -> Hosts.overlap(dns, hostOf(s, hosts))).forEach(candidates::add);
    } else {
      lookup = hosts.lookup(dns, sidecar.namespace());
      candidates.addAll(lookup.matches());
      candidates.addAll(lookup.hidden());
    }
    List<MeshService> declaredThere = candidates.stream().filter(s -> anyNamespace || s.namespace().equals(configNamespace)).toList();
    List<MeshService> imported = declaredThere.stream().filter(s -> s.visibleFrom(sidecar.namespace())).toList();
    if (!imported.isEmpty() && (listenerPort <= 0 || imported.stream().anyMatch(s -> s.hasPort(listenerPort)))
        || virtualServiceDeclares(dns, anyNamespace, configNamespace, sidecar.namespace(), ctx)) {
      return;
    }
    if (!imported.isEmpty()) {
      String ports = imported.stream().flatMap(s -> s.ports().stream()).map(p -> String.valueOf(p.number())).distinct()
          .collect(Collectors.joining(", "));
      ctx.report(sidecar, at, "egress host `" + entry + "` sits on a listener for port " + listenerPort + ", which `" + dns
          + "` does not serve (ports " + ports + "): this entry imports nothing",
          "move the host to a listener without port or with one of the service's ports");
      return;
    }
    // A half-qualified Service name (`reviews.bookinfo`) is judged as the lookup judges it; an external one is not.
    boolean serviceNameMistake = halfQualified(dns) && lookup != null && lookup.status() == HostResolver.Status.NOT_FOUND;
    Optional<String> unknown = serviceNameMistake ? Optional.empty() : missingScope(dns, anyNamespace, configNamespace, sidecar, ctx);
    if (unknown.isPresent()) {
      ctx.unverified(sidecar, at, unknown.get());
      return;
    }
    String where = anyNamespace ? "any namespace" : "namespace " + configNamespace;
    if (!declaredThere.isEmpty()) {
      ctx.report(sidecar, at, "egress host `" + entry + "` names a service of " + where + " whose exportTo hides it from namespace "
          + sidecar.namespace() + ": this entry imports nothing",
          "export the service to namespace " + sidecar.namespace() + ", or remove the entry");
    } else if (!candidates.isEmpty()) {
      String elsewhere = candidates.get(0).namespace();
      ctx.report(sidecar, at, "egress host `" + entry + "`: no service in namespace " + configNamespace + " declares `" + dns
          + "` (namespace " + elsewhere + " does): this entry imports nothing",
          "did you mean `" + elsewhere + "/" + dns + "`? (or `*/" + dns + "`: the namespace is where the service is declared)");
    } else {
      String suggestion = lookup != null && lookup.suggestion() != null ? lookup.suggestion()
          : Suggestions.closest(dns, hosts.services().stream().filter(s -> anyNamespace || s.namespace().equals(configNamespace))
              .filter(s -> s.visibleFrom(sidecar.namespace())).map(s -> hostOf(s, hosts)).distinct().toList()).orElse(null);
      ctx.report(sidecar, at, "egress host `" + entry + "` matches no Service or ServiceEntry declared in " + where
          + " and visible from namespace " + sidecar.namespace() + ": this entry imports nothing",
          suggestion != null ? "did you mean `" + ns + "/" + suggestion + "`?"
              : "name the FQDN of a Service or a ServiceEntry host, or remove the entry");
    }
  }

  private static String hostOf(MeshService s, HostLookup hosts) {
    return s.isServiceEntry() ? hosts.fqdn(s.host(), s.namespace()) : s.host();
  }

  /** {@code reviews.bookinfo} or {@code reviews.bookinfo.svc}: only a ServiceEntry declaring exactly that would match. */
  private static boolean halfQualified(String dns) {
    String[] labels = dns.split("\\.", -1);
    return !Hosts.isWildcard(dns) && (labels.length == 2 || (labels.length == 3 && labels[2].equals("svc")));
  }

  private static boolean virtualServiceDeclares(String dns, boolean anyNamespace, String configNamespace, String from, RuleContext ctx) {
    for (Resource vs : ctx.index().ofKind(Kind.VIRTUAL_SERVICE)) {
      if (!anyNamespace && !vs.namespace().equals(configNamespace)) {
        continue;
      }
      var scopes = ExportTo.scopesOf(vs, ctx.mesh().defaultVirtualServiceExportTo());
      if (ExportTo.visible(scopes, from) && Json.items(vs.spec().path("hosts")).stream()
          .anyMatch(h -> h.isString() && Hosts.overlap(dns, ctx.hosts().fqdn(h.asString(""), vs.namespace())))) {
        return true;
      }
    }
    return false;
  }

  /** Why the answer is not known (the scope where the host would be declared was not loaded), or empty. */
  private static Optional<String> missingScope(String dns, boolean anyNamespace, String configNamespace, Resource sidecar, RuleContext ctx) {
    Optional<String> hostNamespace = ctx.hosts().namespaceOf(dns);
    boolean everyNamespace = ctx.hosts().spansAllNamespaces(dns);
    String serviceNamespace;
    if (!anyNamespace) {
      // Only the Services of that namespace can declare its cluster names; any other name needs a ServiceEntry there.
      boolean clusterName = everyNamespace || hostNamespace.map(configNamespace::equals).orElse(false);
      if (!clusterName) {
        return complete(ctx, Kind.SERVICE_ENTRY, configNamespace);
      }
      serviceNamespace = configNamespace;
    } else if (everyNamespace) {
      return ctx.index().completeness().isCompleteEverywhere(Kind.SERVICE)
          && ctx.index().completeness().isCompleteEverywhere(Kind.SERVICE_ENTRY) ? Optional.empty()
          : Optional.of(HostResolver.ALL_NAMESPACES_NEEDED);
    } else if (hostNamespace.isPresent()) {
      serviceNamespace = hostNamespace.get();
    } else {
      return ctx.index().completeness().isCompleteEverywhere(Kind.SERVICE_ENTRY) ? Optional.empty()
          : Optional.of(ctx.hosts().serviceEntriesUnknown());
    }
    return complete(ctx, Kind.SERVICE, serviceNamespace);
  }

  private static Optional<String> complete(RuleContext ctx, Kind kind, String namespace) {
    return ctx.index().completeness().isComplete(kind, namespace) ? Optional.empty()
        : Optional.of(ctx.index().completeness().whyIncomplete(kind, namespace));
  }
}
