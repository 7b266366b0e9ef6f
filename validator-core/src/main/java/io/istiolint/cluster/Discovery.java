package io.istiolint.cluster;

import io.istiolint.api.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The kinds the API server serves in the groups a read needs, each at the version kubectl would use: the
 * group's preferred version when it serves the kind, else the first other version that does (networking.istio.io
 * prefers v1 but serves ProxyConfig at v1beta1 only). Nothing is assumed: a group or version the server does
 * not list is not read.
 */
final class Discovery {

  /** The Istio groups whose objects are read; every other {@code *.istio.io} group is discovered for its CRDs only. */
  static final Set<String> ISTIO_GROUPS = Set.of("networking.istio.io", "security.istio.io", "telemetry.istio.io",
      "extensions.istio.io");

  private static final Set<String> OTHER_GROUPS = Set.of("", "apps", "batch", "argoproj.io", "gateway.networking.k8s.io");

  private Discovery() {}

  /** The served kinds of the groups read, in the server's group order; a group that fails discovery is warned of. */
  static Map<Kind, ServedKind> read(ApiServer api, ExecutorService pool, List<String> warnings)
      throws ClusterException {
    Future<JsonNode> core = pool.submit(() -> require(api, "/api"));
    Future<JsonNode> groups = pool.submit(() -> require(api, "/apis"));
    List<String> groupVersions = new ArrayList<>();
    api.await(core).path("versions").values().forEach(v -> groupVersions.add(v.asString("")));
    for (JsonNode group : api.await(groups).path("groups").values()) {
      String name = group.path("name").asString("");
      if (OTHER_GROUPS.contains(name) || name.endsWith(".istio.io")) {
        groupVersions.addAll(versionsByPreference(group));
      }
    }
    List<Future<JsonNode>> resources = new ArrayList<>();
    for (String groupVersion : groupVersions) {
      resources.add(pool.submit(() -> resources(api, groupVersion, warnings)));
    }
    Map<Kind, ServedKind> served = new LinkedHashMap<>();
    for (int i = 0; i < groupVersions.size(); i++) {
      String groupVersion = groupVersions.get(i);
      for (JsonNode resource : api.await(resources.get(i)).path("resources").values()) {
        String plural = resource.path("name").asString("");
        JsonNode verbs = resource.path("verbs");
        // Subresources ("pods/log") are not kinds; the mock server omits verbs, a real one always lists them.
        if (plural.contains("/") || verbs.isArray() && !verbs.isEmpty() && !hasVerb(verbs, "list")) {
          continue;
        }
        Kind kind = new Kind(Kind.groupOf(groupVersion), resource.path("kind").asString(""));
        served.putIfAbsent(kind, new ServedKind(kind, groupVersion, plural, resource.path("namespaced").asBoolean(true)));
      }
    }
    return served;
  }

  /** The group's versions, preferred first, then the others in the server's order (which is by priority). */
  private static List<String> versionsByPreference(JsonNode group) {
    List<String> versions = new ArrayList<>();
    String preferred = group.path("preferredVersion").path("groupVersion").asString("");
    if (!preferred.isEmpty()) {
      versions.add(preferred);
    }
    for (JsonNode version : group.path("versions").values()) {
      String groupVersion = version.path("groupVersion").asString("");
      if (!groupVersion.isEmpty() && !versions.contains(groupVersion)) {
        versions.add(groupVersion);
      }
    }
    return versions;
  }

  private static boolean hasVerb(JsonNode verbs, String verb) {
    for (JsonNode v : verbs.values()) {
      if (verb.equals(v.asString(""))) {
        return true;
      }
    }
    return false;
  }

  /** Discovery of the cluster itself: without it nothing can be read, so any refusal ends the read. */
  private static JsonNode require(ApiServer api, String path) throws ClusterException {
    try {
      JsonNode answer = api.get(path);
      if (answer == null) {
        throw new ClusterException("the server at " + api.url() + " is not a Kubernetes API server: GET " + path
            + " answered 404");
      }
      return answer;
    } catch (Refused e) {
      throw new ClusterException("the API server at " + api.url() + " refused discovery: " + e.warning("GET " + path));
    }
  }

  /** One group version's resources; an aggregated API that is down answers 503 here, and is warned of. */
  private static JsonNode resources(ApiServer api, String groupVersion, List<String> warnings) throws ClusterException {
    String path = groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion;
    try {
      JsonNode answer = api.get(path);
      return answer == null ? MissingNode.getInstance() : answer;
    } catch (Refused e) {
      warnings.add(e.warning("discover the resources of " + groupVersion));
      return MissingNode.getInstance();
    }
  }
}
