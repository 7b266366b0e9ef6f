package io.istiolint.rules.destinationrule;

import io.istiolint.rules.common.ReadKinds;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IL0201: the DestinationRule's host resolves to no Service or ServiceEntry, so its policies and subsets
 * apply to nothing. Hosts resolve as Istio resolves them (a name with a dot is literal, so
 * {@code reviews.bookinfo} is reported with the FQDN as the hint), from the DestinationRule's namespace.
 *
 * <p>Unlike istioctl (IST0174), a wildcard host matches when any Service or ServiceEntry falls under it
 * ({@code *.bookinfo.svc.cluster.local} is fine when bookinfo has Services), and a service whose exportTo
 * hides it from the rule's namespace still counts when the rule sits in the service's or the root namespace
 * and is exported where the service is visible: Istio looks DestinationRules up in the client's, the
 * service's and the root namespace. Unlike Kiali (KIA0202), a workload's app label is not a host.
 */
public final class DestinationRuleHostNotFound implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0201", "dr-host-not-found", Severity.WARNING,
      Set.of(Kind.DESTINATION_RULE), ReadKinds.of(ReadKinds.SERVICES),
      "The DestinationRule's host matches no Service or ServiceEntry, so the rule applies to nothing",
      "Point host at an existing Service (short name or FQDN) or ServiceEntry host, or add the missing service",
      List.of("IST0174", "KIA0202"));

  static final YamlPath HOST = YamlPath.of("spec", "host");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource dr, RuleContext ctx) {
    String host = Json.text(dr.spec().path("host"), "");
    if (host.isEmpty()) {
      return;
    }
    if (Hosts.isWildcard(host)) {
      checkWildcard(dr, host, ctx);
      return;
    }
    HostResolver.Lookup lookup = ctx.hosts().lookup(host, dr.namespace());
    switch (lookup.status()) {
      case FOUND -> { }
      case UNVERIFIED -> ctx.unverified(dr, HOST, lookup.reason());
      case NOT_FOUND -> {
        if (!lookup.hidden().isEmpty() && appliesDespiteExportTo(dr, lookup.hidden(), ctx)) {
          return;
        }
        String hint;
        if (lookup.suggestion() != null) {
          hint = Suggestions.didYouMean(lookup.suggestion());
        } else if (!lookup.hidden().isEmpty()) {
          hint = "export the service to namespace " + dr.namespace() + ", or move this DestinationRule to the service's namespace";
        } else {
          hint = "point host at an existing Service or ServiceEntry host, or add the service it is meant for";
        }
        ctx.report(dr, HOST, "host `" + host + "` matches no Service or ServiceEntry visible from namespace " + dr.namespace()
            + " (" + lookup.reason() + "): this DestinationRule applies to nothing", hint);
      }
    }
  }

  /**
   * A rule in the service's own namespace or in the root namespace reaches the clients in the namespaces it
   * is exported to; it matters when one of them sees the service.
   */
  private static boolean appliesDespiteExportTo(Resource dr, List<MeshService> hidden, RuleContext ctx) {
    Set<String> scopes = ExportTo.scopesOf(dr, ctx.mesh().defaultDestinationRuleExportTo());
    for (MeshService s : hidden) {
      boolean lookedUp = dr.namespace().equals(s.namespace()) || dr.namespace().equals(ctx.mesh().rootNamespace());
      if (lookedUp && ExportTo.intersect(scopes, s.exportTo())) {
        return true;
      }
    }
    return false;
  }

  private static void checkWildcard(Resource dr, String host, RuleContext ctx) {
    HostLookup hosts = ctx.hosts();
    boolean any = hosts.services().stream()
        .anyMatch(s -> Hosts.overlap(host, s.isServiceEntry() ? hosts.fqdn(s.host(), s.namespace()) : s.host()));
    if (any) {
      return;
    }
    Optional<String> namespace = hosts.namespaceOf(host);
    boolean complete;
    String scope;
    if (hosts.spansAllNamespaces(host)) {
      complete = ctx.index().completeness().isCompleteEverywhere(Kind.SERVICE)
          && ctx.index().completeness().isCompleteEverywhere(Kind.SERVICE_ENTRY);
      scope = HostResolver.ALL_NAMESPACES_NEEDED;
    } else if (namespace.isPresent()) {
      complete = ctx.index().completeness().isComplete(Kind.SERVICE, namespace.get());
      scope = ctx.index().completeness().whyIncomplete(Kind.SERVICE, namespace.get());
    } else {
      complete = ctx.index().completeness().isCompleteEverywhere(Kind.SERVICE_ENTRY);
      scope = hosts.serviceEntriesUnknown();
    }
    if (!complete) {
      ctx.unverified(dr, HOST, scope);
      return;
    }
    ctx.report(dr, HOST, "no Service or ServiceEntry host falls under the wildcard `" + host + "`: this DestinationRule applies to nothing",
        "correct the wildcard, or add the Services or ServiceEntries it is meant for");
  }
}
