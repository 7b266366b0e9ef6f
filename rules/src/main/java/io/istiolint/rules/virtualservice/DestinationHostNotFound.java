package io.istiolint.rules.virtualservice;

import io.istiolint.rules.common.ReadKinds;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IL0101: a route or mirror destination whose host no Service or ServiceEntry serves, as istiod resolves it
 * (only dot-less names are expanded; {@code reviews.bookinfo} is literal). Unlike istioctl, exportTo is honoured
 * for Services (annotation) and ServiceEntries alike, and visibility is judged from the namespaces whose proxies
 * use the route (the VirtualService's, those it is exported to, the gateway workloads'), not from its
 * {@code exportTo} entries alone; unlike Kiali, ServiceEntry hosts match as Istio matches them (exact or
 * wildcard), not by string suffix, and mirrors are checked.
 */
public final class DestinationHostNotFound implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0101", "vs-destination-host-not-found", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE), ReadKinds.of(ReadKinds.SERVICES, ReadKinds.WORKLOADS, Kind.GATEWAY, Kind.ISTIO_OPERATOR),
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
      if (candidates.stream().noneMatch(s -> s.visibleFrom(user.getKey()))) {
        boolean own = user.getKey().equals(target.namespace()) && user.getValue().equals(Clients.SIDECARS);
        reportHidden(target, ctx, at, what, candidates, user.getKey(), own ? "" : ", where " + user.getValue() + " use this route");
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
