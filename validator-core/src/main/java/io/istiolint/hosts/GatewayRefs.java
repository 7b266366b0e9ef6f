package io.istiolint.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import io.istiolint.api.Kind;
import io.istiolint.api.YamlPath;
import io.istiolint.index.ResourceIndex;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gateways a VirtualService names, read the way istiod reads them: {@code mesh} is the sidecars, not a
 * Gateway; {@code ns/name} and {@code ./name} are explicit; a bare {@code name} is in the VirtualService's
 * namespace; the legacy {@code name.ns} and {@code name.ns.svc.cluster.local} forms mean {@code ns/name}.
 */
public final class GatewayRefs {

  public static final String MESH = "mesh";

  /** The Kubernetes Gateway API kind, which a VirtualService may also name. */
  public static final Kind KUBERNETES_GATEWAY = new Kind("gateway.networking.k8s.io", "Gateway");

  /**
   * One gateway named in a VirtualService, other than {@code mesh}.
   *
   * @param path    where it is written: {@code spec.gateways[i]} or {@code spec.http[i].match[j].gateways[k]}
   * @param written the reference as written
   */
  public record GatewayRef(YamlPath path, String written, String namespace, String name) {
    /** {@code ns/name}, the canonical form. */
    public String key() {
      return namespace + "/" + name;
    }
  }

  private GatewayRefs() {}

  /** Every gateway reference of {@code vs} except {@code mesh}: {@code spec.gateways} first, then the match gateways. */
  public static List<GatewayRef> of(Resource vs) {
    List<GatewayRef> refs = new ArrayList<>();
    addAll(refs, vs.spec().path("gateways"), YamlPath.of("spec", "gateways"), vs.namespace());
    for (String section : List.of("http", "tcp", "tls")) {
      List<JsonNode> routes = Json.items(vs.spec().path(section));
      for (int i = 0; i < routes.size(); i++) {
        List<JsonNode> matches = Json.items(routes.get(i).path("match"));
        for (int j = 0; j < matches.size(); j++) {
          addAll(refs, matches.get(j).path("gateways"), YamlPath.of("spec", section, i, "match", j, "gateways"), vs.namespace());
        }
      }
    }
    return refs;
  }

  /** The references in {@code spec.gateways} only (where the VirtualService binds), {@code mesh} excluded. */
  public static List<GatewayRef> bound(Resource vs) {
    List<GatewayRef> refs = new ArrayList<>();
    addAll(refs, vs.spec().path("gateways"), YamlPath.of("spec", "gateways"), vs.namespace());
    return refs;
  }

  /** True when the VirtualService applies to sidecars: no {@code gateways}, or {@code mesh} among them. */
  public static boolean appliesToMesh(Resource vs) {
    List<String> gateways = names(vs.spec().path("gateways"));
    return gateways.isEmpty() || gateways.contains(MESH);
  }

  /** The strings of a {@code gateways} list (non-strings skipped). */
  public static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    Json.items(list).forEach(g -> {
      if (g.isTextual() && !g.asText().isEmpty()) {
        names.add(g.asText());
      }
    });
    return names;
  }

  /** Reads one reference written in namespace {@code from}; empty for {@code mesh} or a malformed reference. */
  public static Optional<GatewayRef> parse(YamlPath path, String written, String from) {
    if (written.equals(MESH) || written.isEmpty()) {
      return Optional.empty();
    }
    int slash = written.indexOf('/');
    String namespace;
    String name;
    if (slash >= 0) {
      namespace = written.substring(0, slash);
      name = written.substring(slash + 1);
      if (namespace.equals(".")) {
        namespace = from;
      }
    } else if (written.contains(".")) {
      String[] labels = written.split("\\.");
      namespace = labels.length > 1 ? labels[1] : "";
      name = labels[0];
    } else {
      namespace = from;
      name = written;
    }
    if (namespace.isEmpty() || name.isEmpty() || name.contains("/")) {
      return Optional.empty();
    }
    return Optional.of(new GatewayRef(path, written, namespace, name));
  }

  /** The Istio Gateway a reference names, if loaded. */
  public static Optional<Resource> find(ResourceIndex index, GatewayRef ref) {
    return index.find(Kind.GATEWAY, ref.namespace(), ref.name());
  }

  /** True when a Kubernetes Gateway API Gateway of that name is loaded (istiod accepts it too). */
  public static boolean isKubernetesGateway(ResourceIndex index, GatewayRef ref) {
    return index.find(KUBERNETES_GATEWAY, ref.namespace(), ref.name()).isPresent();
  }

  private static void addAll(List<GatewayRef> refs, JsonNode list, YamlPath at, String from) {
    List<JsonNode> items = Json.items(list);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).isTextual()) {
        parse(at.index(i), items.get(i).asText(), from).ifPresent(refs::add);
      }
    }
  }
}
