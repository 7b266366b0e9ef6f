package io.istiolint.hosts;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Json;
import io.istiolint.model.Resource;
import java.util.ArrayList;
import java.util.List;

/** The destinations a VirtualService sends traffic to: http/tcp/tls routes, mirror and mirrors. */
public final class Destinations {

  /**
   * One destination.
   *
   * @param path   the {@code destination} object
   * @param mirror true for {@code mirror} / {@code mirrors[]}: copies of traffic, not routes
   * @param port   the destination port number, or -1 when none is given
   */
  public record Destination(YamlPath path, String host, String subset, long port, boolean mirror) {}

  private Destinations() {}

  public static List<Destination> of(Resource virtualService) {
    List<Destination> all = new ArrayList<>();
    JsonNode spec = virtualService.spec();
    for (String section : List.of("http", "tcp", "tls")) {
      List<JsonNode> routes = Json.items(spec.path(section));
      for (int i = 0; i < routes.size(); i++) {
        YamlPath routePath = YamlPath.of("spec", section, i);
        JsonNode route = routes.get(i);
        List<JsonNode> targets = Json.items(route.path("route"));
        for (int j = 0; j < targets.size(); j++) {
          add(all, targets.get(j).path("destination"), routePath.field("route").index(j).field("destination"), false);
        }
        if (section.equals("http")) {
          add(all, route.path("mirror"), routePath.field("mirror"), true);
          List<JsonNode> mirrors = Json.items(route.path("mirrors"));
          for (int j = 0; j < mirrors.size(); j++) {
            add(all, mirrors.get(j).path("destination"), routePath.field("mirrors").index(j).field("destination"), true);
          }
        }
      }
    }
    return all;
  }

  private static void add(List<Destination> all, JsonNode destination, YamlPath path, boolean mirror) {
    if (destination.isObject() && destination.path("host").isString()) {
      JsonNode subset = destination.path("subset");
      all.add(new Destination(path, destination.get("host").asString(""), subset.isString() && !subset.asString("").isEmpty() ? subset.asString("") : null,
          destination.path("port").path("number").canConvertToLong() ? destination.path("port").path("number").asLong(0L) : -1, mirror));
    }
  }
}
