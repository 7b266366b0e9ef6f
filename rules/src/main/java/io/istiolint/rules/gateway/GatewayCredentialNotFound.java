package io.istiolint.rules.gateway;

import io.istiolint.rules.common.ReadKinds;
import io.istiolint.api.Kind;
import io.istiolint.api.Rule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.index.CredentialName;
import io.istiolint.index.Index;
import io.istiolint.index.Workload;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import io.istiolint.schemas.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IL0302: a server that terminates TLS (SIMPLE, MUTUAL, OPTIONAL_MUTUAL) names a Secret that does not exist
 * where the gateway proxy reads it: a plain name in the namespace of every gateway workload the Gateway
 * selects (not the Gateway's own namespace), {@code ns/name} in {@code ns}. For MUTUAL and OPTIONAL_MUTUAL it
 * also needs a CA to verify clients: {@code caCertificates}, the {@code caCertCredentialName} Secret (or
 * {@code configmap://ns/name} ConfigMap), a CA key in the Secret or a {@code <name>-cacert} Secret. Secrets are
 * rarely kept with the configuration: where none were loaded for the namespace, or the gateway workloads are
 * not loaded, the reference stays unverified; a Secret a loaded cert-manager Certificate, SealedSecret or
 * ExternalSecret will create counts as present.
 */
public final class GatewayCredentialNotFound implements Rule {

  public static final RuleMeta META = new RuleMeta("IL0302", "gw-credential-not-found", Severity.ERROR,
      Set.of(Kind.GATEWAY), ReadKinds.of(ReadKinds.WORKLOADS, Kind.SECRET, Kind.CONFIG_MAP, Kind.ISTIO_OPERATOR,
          Gateways.CERTIFICATE, Gateways.EXTERNAL_SECRET, Gateways.SEALED_SECRET),
      "A TLS server's credentialName Secret (or the CA for mutual TLS) does not exist in the gateway workload's namespace",
      "Create the Secret in the namespace where the gateway pods run (kubectl create -n NS secret tls NAME "
          + "--cert=… --key=…), or fix the name",
      List.of("IST0101"));

  private static final Set<String> MUTUAL = Set.of("MUTUAL", "OPTIONAL_MUTUAL");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    Index index = ctx.index();
    List<String> workloadNamespaces = null;
    for (Gateways.Server server : Gateways.servers(target)) {
      if (!server.terminatesTls()) {
        continue;
      }
      if (workloadNamespaces == null) {
        workloadNamespaces = List.copyOf(Gateways.proxyNamespaces(index, target));
      }
      for (Gateways.Credential credential : server.credentials()) {
        List<String> namespaces = credential.name().namespacesFor(workloadNamespaces);
        if (namespaces.isEmpty()) {
          if (!Gateways.allWorkloadsKnown(index) || Workload.selectorOf(target).isEmpty()) {
            ctx.unverified(target, credential.path(), Gateways.whyGatewayWorkloadsIncomplete(ctx.index()));
          }
          continue;
        }
        boolean checkCa = MUTUAL.contains(server.tlsMode()) && credential.path().last().equals("credentialName");
        secretIn(target, ctx, server, credential, namespaces, checkCa);
      }
      if (MUTUAL.contains(server.tlsMode())) {
        caCredential(target, ctx, server, workloadNamespaces);
      }
    }
  }

  /** {@code caCertCredentialName}: a Secret, or with {@code configmap://ns/name} a ConfigMap, holding the client CA. */
  private static void caCredential(Resource target, RuleContext ctx, Gateways.Server server, List<String> workloadNamespaces) {
    String raw = Json.text(server.tls().path("caCertCredentialName"), "");
    boolean configMap = raw.startsWith(CredentialName.CONFIG_MAP_SCHEME);
    Optional<CredentialName> name = configMap
        ? CredentialName.parse(raw.substring(CredentialName.CONFIG_MAP_SCHEME.length())).filter(c -> c.namespace() != null)
        : CredentialName.parse(raw);
    if (name.isEmpty()) {
      return;
    }
    YamlPath at = server.path().field("tls").field("caCertCredentialName");
    List<String> namespaces = name.get().namespacesFor(workloadNamespaces);
    if (namespaces.isEmpty() && (!Gateways.allWorkloadsKnown(ctx.index()) || Workload.selectorOf(target).isEmpty())) {
      ctx.unverified(target, at, Gateways.whyGatewayWorkloadsIncomplete(ctx.index()));
    }
    Kind kind = configMap ? Kind.CONFIG_MAP : Kind.SECRET;
    String what = configMap ? "ConfigMap" : "Secret";
    List<String> missing = new ArrayList<>();
    for (String ns : namespaces) {
      if (ctx.index().find(kind, ns, name.get().name()).isEmpty()
          && !(kind.equals(Kind.SECRET) && Gateways.secretGenerated(ctx.index(), ns, name.get().name()))) {
        if (ctx.index().completeness().isComplete(kind, ns, name.get().name())) {
          missing.add(ns);
        } else {
          ctx.unverified(target, at, ctx.index().completeness().whyIncomplete(kind, ns, name.get().name()));
        }
      }
    }
    if (!missing.isEmpty()) {
      ctx.report(target, at, "CA " + what + " `" + name.get().name() + "` not found in namespace " + join(missing)
          + ": mutual TLS has no CA to verify clients with", "create the " + what + " holding the client CA (key `ca.crt`) there");
    }
  }

  private static void secretIn(Resource target, RuleContext ctx, Gateways.Server server, Gateways.Credential credential,
      List<String> namespaces, boolean checkCa) {
    Index index = ctx.index();
    String name = credential.name().name();
    List<String> missing = new ArrayList<>();
    List<String> withoutCa = new ArrayList<>();
    for (String ns : namespaces) {
      Optional<Resource> secret = index.find(Kind.SECRET, ns, name);
      if (secret.isEmpty()) {
        if (Gateways.secretGenerated(index, ns, name)) {
          continue;
        }
        if (index.completeness().isComplete(Kind.SECRET, ns, name)) {
          missing.add(ns);
        } else {
          ctx.unverified(target, credential.path(), index.completeness().whyIncomplete(Kind.SECRET, ns, name));
        }
      } else if (checkCa && !hasCa(ctx, server, secret.get(), ns)) {
        withoutCa.add(ns);
      }
    }
    if (!missing.isEmpty()) {
      ctx.report(target, credential.path(), "Secret `" + name + "` not found in namespace " + join(missing)
          + (credential.name().namespace() == null ? ", where the gateway workload runs and its proxy reads it" : ""),
          hint(index, target, name, missing.get(0)));
    }
    if (!withoutCa.isEmpty()) {
      ctx.report(target, server.path().field("tls").field("mode"), server.tlsMode() + " TLS needs a CA certificate to "
          + "verify clients: Secret `" + name + "` in namespace " + join(withoutCa) + " has no `ca.crt` or `cacert` key "
          + "and there is no Secret `" + name + "-cacert`",
          "add the client CA as key `ca.crt` (or `cacert`) of Secret `" + name + "`, or create Secret `" + name
              + "-cacert` holding it");
    }
  }

  /** Whether the server has a client CA, looked up for a proxy in {@code ns} whose credential Secret is {@code secret}. */
  private static boolean hasCa(RuleContext ctx, Gateways.Server server, Resource secret, String ns) {
    if (!Json.text(server.tls().path("caCertificates"), "").isEmpty()) {
      return true;
    }
    if (!Json.text(server.tls().path("caCertCredentialName"), "").isEmpty()) {
      return true;
    }
    if (SecretData.of(secret).caKey().isPresent()) {
      return true;
    }
    String caSecret = secret.name() + "-cacert";
    return ctx.index().find(Kind.SECRET, ns, caSecret).isPresent() || Gateways.secretGenerated(ctx.index(), ns, caSecret);
  }

  private static String hint(Index index, Resource gateway, String name, String ns) {
    if (!gateway.namespace().equals(ns) && index.find(Kind.SECRET, gateway.namespace(), name).isPresent()) {
      return "a Secret `" + name + "` exists in namespace " + gateway.namespace() + ", the Gateway's, but the gateway proxy "
          + "reads Secrets from its own namespace: create it in " + ns;
    }
    List<String> names = index.names(Kind.SECRET, ns);
    return Suggestions.didYouMeanClosest(name, names)
        .orElse("create it there: kubectl create -n " + ns + " secret tls " + name + " --cert=… --key=…");
  }

  private static String join(List<String> namespaces) {
    return String.join(", ", namespaces);
  }
}
