package io.istiolint.rules.virtualservice;

import io.istiolint.rules.common.ReadKinds;
import io.istiolint.rules.common.SidecarImports;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.Clients;
import io.istiolint.hosts.Destinations;
import io.istiolint.hosts.ExportTo;
import io.istiolint.hosts.HostResolver;
import io.istiolint.hosts.MeshService;
import io.istiolint.model.Resource;
import io.istiolint.schemas.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IL0101: a route or mirror destination whose host no Service or ServiceEntry serves, as istiod resolves it
 * (only dot-less names are expanded; {@code reviews.bookinfo} is literal), or that a namespace whose proxies use the
 * route cannot see. Those namespaces follow istiod's VirtualService index ({@link io.istiolint.hosts.Clients}): the
 * sidecars of the namespaces it is exported to, less those whose namespace-wide Sidecar imports none of its hosts,
 * and its Gateways' pods in those namespaces; each must see the host (exportTo of the Service or ServiceEntry) and,
 * for sidecars, import it (the Sidecar's egress hosts). Unlike istioctl, which accepts a host any namespace of the
 * VirtualService's exportTo sees and ignores gateway pods and Sidecars; unlike Kiali, ServiceEntry hosts match as
 * Istio matches them (exact or wildcard), not by string suffix, and mirrors are checked.
 */
public final class DestinationHostNotFound implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0101", "vs-destination-host-not-found", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE), ReadKinds.of(ReadKinds.SERVICES, ReadKinds.WORKLOADS, Kind.GATEWAY, Kind.ISTIO_OPERATOR, Kind.SIDECAR),
      "A route or mirror destination host resolves to no Service or ServiceEntry visible to the VirtualService",
      "Name an existing Service (short name in its namespace, or name.namespace.svc.cluster.local elsewhere) or "
          + "declare the host with a ServiceEntry; check the target's exportTo",
      List.of("IST0101", "KIA1101"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    Clients.Users users = null;
    for (Destinations.Destination d : Destinations.of(target)) {
      YamlPath at = d.path().field("host");
      HostResolver.Lookup lookup = ctx.hosts().lookup(d.host(), target.namespace());
      if (lookup.status() == HostResolver.Status.UNVERIFIED) {
        ctx.unverified(target, at, lookup.reason());
        continue;
      }
      String what = d.mirror() ? "mirror host" : "destination host";
      List<MeshService> candidates = VsClients.candidates(lookup);
      if (!candidates.isEmpty()) {
        if (users == null) {
          users = VsClients.users(target, ctx);
        }
        judgeVisibility(target, ctx, users, candidates, at, what + " `" + d.host() + "`");
        continue;
      }
      String hint;
      if (lookup.suggestion() == null) {
        hint = "route to an existing Service, or declare `" + d.host() + "` with a ServiceEntry";
      } else if (lookup.suggestion().startsWith(d.host() + ".")) {
        // reviews.bookinfo → reviews.bookinfo.svc.cluster.local: the Service meant, written half-qualified.
        hint = "write the full name `" + lookup.suggestion() + "`" + shortForm(lookup.suggestion(), target.namespace());
      } else {
        hint = Suggestions.didYouMean(lookup.suggestion());
      }
      ctx.report(target, at, what + " `" + d.host() + "` reaches no service: " + lookup.reason(), hint);
    }
  }

  /**
   * Reports a destination that some namespace using the route cannot see: each namespace known to use it must see
   * one of the services serving the host. With no user known, gateway pods not loaded may still use it where the
   * VirtualService is exported; with no user at all, it is judged from its own namespace.
   */
  private static void judgeVisibility(Resource target, RuleContext ctx, Clients.Users users, List<MeshService> candidates,
      YamlPath at, String what) {
    for (Map.Entry<String, String> user : users.known().entrySet()) {
      String ns = user.getKey();
      List<MeshService> visible = candidates.stream().filter(s -> s.visibleFrom(ns)).toList();
      boolean sidecars = user.getValue().equals(Clients.SIDECARS);
      if (visible.isEmpty()) {
        boolean own = ns.equals(target.namespace()) && sidecars;
        reportHidden(target, ctx, at, what, candidates, ns, own ? "" : ", where " + user.getValue() + " use this route");
        return;
      }
      Optional<Resource> sidecar = sidecars ? notImported(ns, visible, ctx) : Optional.empty();
      if (sidecar.isPresent()) {
        MeshService s = visible.get(0);
        ctx.report(target, at, what + " is not imported by the sidecars of namespace " + ns + ", which use this route: the egress "
                + "hosts of Sidecar " + sidecar.get().namespace() + "/" + sidecar.get().name() + " do not include " + s.namespace() + "/" + s.host(),
            "add `" + s.namespace() + "/" + s.host() + "` to the egress hosts of Sidecar " + sidecar.get().namespace() + "/" + sidecar.get().name());
        return;
      }
    }
    if (!users.known().isEmpty()) {
      return;
    }
    if (!users.unknownGateways().isEmpty() && !users.scopes().isEmpty()) {
      boolean seenEverywhere = users.scopes().contains(ExportTo.ALL)
          ? candidates.stream().anyMatch(s -> s.exportTo().contains(ExportTo.ALL))
          : users.scopes().stream().allMatch(ns -> candidates.stream().anyMatch(s -> s.visibleFrom(ns)));
      if (seenEverywhere) {
        return;
      }
      if (candidates.stream().anyMatch(s -> ExportTo.intersect(users.scopes(), s.exportTo()))) {
        ctx.unverified(target, at, "the pods of Gateway " + users.unknownGateways().iterator().next()
            + " are not loaded (they use this route only in a namespace it is exported to)");
      } else {
        reportHidden(target, ctx, at, what, candidates, target.namespace(),
            " nor from any namespace this VirtualService is exported to, where the gateway pods that use it must run");
      }
      return;
    }
    if (candidates.stream().noneMatch(s -> s.visibleFrom(target.namespace()))) {
      reportHidden(target, ctx, at, what, candidates, target.namespace(), "");
    }
  }

  /** The namespace-wide Sidecar of {@code namespace} when it imports none of {@code services}. */
  private static Optional<Resource> notImported(String namespace, List<MeshService> services, RuleContext ctx) {
    Optional<Resource> sidecar = Optional.empty();
    for (MeshService s : services) {
      sidecar = SidecarImports.excludingAll(namespace, s.namespace(), List.of(s.host()), ctx);
      if (sidecar.isEmpty()) {
        return sidecar;
      }
    }
    return sidecar;
  }

  private static void reportHidden(Resource target, RuleContext ctx, YamlPath at, String what, List<MeshService> candidates,
      String namespace, String users) {
    MeshService hidden = candidates.get(0);
    ctx.report(target, at, what + " is not visible from namespace " + namespace + users + ": "
            + describe(hidden) + " is exported only to " + scopes(hidden),
        hidden.isServiceEntry()
            ? "add " + namespace + " to the exportTo of ServiceEntry " + hidden.namespace() + "/" + hidden.source().name()
            : "add " + namespace + " to the annotation networking.istio.io/exportTo of Service "
                + hidden.namespace() + "/" + hidden.source().name());
  }

  private static String shortForm(String fqdn, String namespace) {
    String[] labels = fqdn.split("\\.");
    return labels.length > 1 && labels[1].equals(namespace) ? " (or just `" + labels[0] + "` from namespace " + namespace + ")" : "";
  }

  private static String describe(MeshService s) {
    return (s.isServiceEntry() ? "ServiceEntry " : "Service ") + s.namespace() + "/" + s.source().name();
  }

  private static String scopes(MeshService s) {
    return s.exportTo().isEmpty() ? "no namespace" : s.exportTo().stream().sorted().collect(Collectors.joining(", "));
  }
}
