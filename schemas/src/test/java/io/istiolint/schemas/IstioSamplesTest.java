package io.istiolint.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Istio's own samples are valid: every Istio resource in them (see samples/NOTICE.md) validates clean. */
class IstioSamplesTest {

  private static final SchemaCatalog CATALOG = CrdSchemaCatalog.bundledIstio();

  @Test
  void everyIstioResourceInTheSamplesIsValid() throws IOException, URISyntaxException {
    Path samples = Path.of(IstioSamplesTest.class.getResource("samples").toURI());
    List<String> problems = new ArrayList<>();
    int validated = 0;
    try (Stream<Path> files = Files.walk(samples)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String name = samples.relativize(file).toString().replace('\\', '/');
        for (JsonNode doc : TestDocs.resource("samples/" + name)) {
          String[] apiVersion = doc.path("apiVersion").asString("").split("/", 2);
          if (apiVersion.length != 2 || !CATALOG.groups().contains(apiVersion[0])) {
            continue;
          }
          validated++;
          CATALOG.validate(apiVersion[0], apiVersion[1], doc.path("kind").asString(""), doc)
              .forEach(v -> problems.add(name + " " + doc.path("metadata").path("name").asString("") + ": " + v));
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(validated).isEqualTo(67);
  }
}
