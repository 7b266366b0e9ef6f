package io.istiolint.rules.virtualservice;

import io.istiolint.rules.common.ReadKinds;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.Destinations;
import io.istiolint.hosts.HostResolver;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.schemas.Suggestions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IL0102: a destination subset that the DestinationRule istiod applies does not define. istiod uses one
 * DestinationRule per host for a client: the most specific host among the client namespace's rules, else among
 * those the service's namespace exports to the client, else the root namespace's; several rules of that host in
 * that namespace are merged. So a subset defined in a rule that another one shadows does not exist for those
 * clients. istioctl compares (namespace, name) pairs and ignores exportTo and wildcard rules; Kiali accepts the
 * subset from any visible rule: both miss shadowing, and istioctl reports rules in other namespaces as missing.
 */
public final class DestinationSubsetNotFound implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0102", "vs-destination-subset-not-found", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE), ReadKinds.of(ReadKinds.SERVICES, Kind.DESTINATION_RULE, Kind.GATEWAY),
      "A destination subset is defined by no DestinationRule that applies to the host for the route's clients",
      "Define the subset in the DestinationRule that applies to the host (client namespace first, then the service's, "
          + "then the root namespace), or fix the subset name",
      List.of("IST0101", "KIA1107"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    Set<String> clients = null;
    for (Destinations.Destination d : Destinations.of(target)) {
      if (d.subset() == null) {
        continue;
      }
      HostResolver.Lookup host = ctx.hosts().lookup(d.host(), target.namespace());
      if (host.status() == HostResolver.Status.NOT_FOUND) {
        continue; // IL0101's finding
      }
      if (clients == null) {
        clients = VsClients.of(target, ctx);
      }
      HostResolver.SubsetLookup subset = ctx.hosts().subset(host, d.subset(), clients);
      YamlPath at = d.path().field("subset");
      if (subset.status() == HostResolver.Status.UNVERIFIED) {
        ctx.unverified(target, at, subset.choices().stream().filter(c -> c.status() == HostResolver.Status.UNVERIFIED)
            .map(HostResolver.RuleChoice::reason).findFirst().orElse("DestinationRules not loaded"));
      } else if (subset.status() == HostResolver.Status.NOT_FOUND) {
        report(target, ctx, d, host, subset.choices().get(0), at);
      }
    }
  }

  private static void report(Resource target, RuleContext ctx, Destinations.Destination d, HostResolver.Lookup host,
      HostResolver.RuleChoice choice, YamlPath at) {
    String subset = d.subset();
    String elsewhereNote = choice.shadowed().stream().filter(dr -> HostResolver.subsetNames(dr).contains(subset)).findFirst()
        .map(dr -> "; DestinationRule " + dr.namespace() + "/" + dr.name() + " defines it but "
            + (!ctx.hosts().destinationRuleVisible(dr, target.namespace()) ? "is not exported to namespace " + target.namespace()
                : choice.rules().isEmpty() ? "istiod does not consult namespace " + dr.namespace() + " for this host"
                : names(choice.rules()) + " takes precedence there (istiod looks in the client's namespace, then the service's, "
                    + "then the root namespace, and takes the most specific host)"))
        .orElse("");
    if (choice.rules().isEmpty()) {
      ctx.report(target, at, "subset `" + subset + "` of `" + d.host() + "` is not defined: no DestinationRule for `" + host.fqdn()
              + "` applies in namespace " + target.namespace() + elsewhereNote,
          "define subset `" + subset + "` in a DestinationRule with host `" + d.host() + "` in namespace " + target.namespace()
              + (host.matches().isEmpty() || host.matches().get(0).namespace().equals(target.namespace()) ? ""
                  : " or " + host.matches().get(0).namespace()));
      return;
    }
    Set<String> defined = new LinkedHashSet<>();
    choice.rules().forEach(dr -> defined.addAll(HostResolver.subsetNames(dr)));
    String hostOfRule = Json.text(choice.rules().get(0).spec().path("host"), "");
    String message = "subset `" + subset + "` is not defined by DestinationRule " + names(choice.rules()) + " (host `" + hostOfRule
        + "`), which applies to `" + d.host() + "` in namespace " + target.namespace() + "; it defines "
        + (defined.isEmpty() ? "no subsets" : defined.stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")))
        + elsewhereNote;
    String hint = Suggestions.didYouMeanClosest(subset, defined)
        .orElse("add subset `" + subset + "` to DestinationRule " + names(choice.rules()));
    ctx.report(target, at, message, hint);
  }

  private static String names(List<Resource> rules) {
    return rules.stream().map(dr -> dr.namespace() + "/" + dr.name()).distinct().collect(Collectors.joining(", "));
  }
}
