package io.istiolint.rules.virtualservice;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.hosts.ExportTo;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.schemas.Suggestions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IL0110: an {@code http[].delegate} that Istio cannot follow, so the route is silently dropped. As istiod
 * resolves delegation: the named VirtualService (namespace defaulting to the delegating one's) must exist,
 * have no {@code hosts} (one with hosts is never a delegate), and be exported to the delegating
 * VirtualService's namespace ({@code exportTo}, else MeshConfig {@code defaultVirtualServiceExportTo}).
 * A VirtualService without hosts is itself a delegate; that it delegates again is refused at admission (IL0008).
 * References that are part of a delegation loop are IL0111's. istioctl and Kiali do not check delegation.
 */
public final class VsDelegateNotFound implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0110", "vs-delegate-not-found", Severity.ERROR,
      Set.of(Kind.VIRTUAL_SERVICE), Set.of(Kind.VIRTUAL_SERVICE),
      "A route delegates to a VirtualService that does not exist or that Istio cannot use as a delegate",
      "Name an existing VirtualService without hosts, exported to this namespace; delegate only from a VirtualService with hosts",
      List.of());

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    List<JsonNode> routes = Json.items(target.spec().path("http"));
    boolean isDelegate = Json.items(target.spec().path("hosts")).isEmpty();
    Set<YamlPath> onLoop = DelegationCycles.loopsFrom(ctx.graph(), target).keySet();
    for (int i = 0; i < routes.size(); i++) {
      JsonNode delegate = routes.get(i).path("delegate");
      String name = Json.text(delegate.path("name"), "");
      if (name.isEmpty()) {
        continue;
      }
      YamlPath at = YamlPath.of("spec", "http", i, "delegate", "name");
      if (onLoop.contains(at.parent())) {
        continue;
      }
      String namespace = Json.text(delegate.path("namespace"), "");
      if (namespace.isEmpty()) {
        namespace = target.namespace();
      }
      String ref = namespace + "/" + name;
      if (isDelegate) {
        continue; // a delegate that delegates again is refused by Istio's admission validation: IL0008's finding
      }
      Optional<Resource> found = ctx.index().find(Kind.VIRTUAL_SERVICE, namespace, name);
      if (found.isEmpty()) {
        if (!ctx.index().completeness().isComplete(Kind.VIRTUAL_SERVICE, namespace)) {
          ctx.unverified(target, at, ctx.index().completeness().whyIncomplete(Kind.VIRTUAL_SERVICE, namespace));
        } else {
          ctx.report(target, at, "delegates to VirtualService " + ref + ", which does not exist: Istio drops this route",
              suggestion(ctx, namespace, name));
        }
        continue;
      }
      Resource d = found.get();
      if (!Json.items(d.spec().path("hosts")).isEmpty()) {
        ctx.report(target, at, "delegates to VirtualService " + ref + ", which has hosts: only a VirtualService without hosts "
                + "can be a delegate, so Istio drops this route",
            "remove `hosts` from " + ref + " (a delegate takes its hosts from the root), or delegate to a VirtualService without hosts");
        continue;
      }
      var scopes = ExportTo.scopesOf(d, ctx.mesh().defaultVirtualServiceExportTo());
      if (!ExportTo.visible(scopes, target.namespace())) {
        ctx.report(target, at, "delegates to VirtualService " + ref + ", which is not exported to namespace "
                + target.namespace() + ": Istio drops this route",
            "add `" + target.namespace() + "` (or `*`) to the exportTo of " + ref);
      }
    }
  }

  /** "did you mean" among the delegates (VirtualServices without hosts) of that namespace, or the same name elsewhere. */
  private static String suggestion(RuleContext ctx, String namespace, String name) {
    List<Resource> delegates = ctx.index().ofKind(Kind.VIRTUAL_SERVICE).stream()
        .filter(vs -> Json.items(vs.spec().path("hosts")).isEmpty()).toList();
    Optional<String> close = Suggestions.closest(name,
        delegates.stream().filter(vs -> vs.namespace().equals(namespace)).map(Resource::name).toList());
    if (close.isPresent()) {
      return Suggestions.didYouMean(close.get());
    }
    Optional<Resource> elsewhere = delegates.stream().filter(vs -> vs.name().equals(name)).findFirst();
    if (elsewhere.isPresent()) {
      return "VirtualService " + elsewhere.get().namespace() + "/" + name + " exists: did you mean `namespace: "
          + elsewhere.get().namespace() + "`?";
    }
    return "create a VirtualService " + namespace + "/" + name + " without hosts, or correct the name";
  }
}
