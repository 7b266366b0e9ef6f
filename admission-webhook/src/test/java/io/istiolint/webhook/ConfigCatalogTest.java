package io.istiolint.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.ResourceRef;
import io.istiolint.config.LintConfig;
import io.istiolint.engine.Linter;
import io.istiolint.engine.LiveView;
import io.istiolint.index.Completeness;
import io.istiolint.load.InputCollector;
import io.istiolint.load.LoadLimits;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog the view's APIs read, over a view loaded from files as {@code --snapshot} loads it. */
class ConfigCatalogTest {

  @TempDir
  Path dir;

  private ConfigCatalog catalogOf(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("view.yaml"), yaml);
    Linter.Options options = new Linter.Options("shop", LoadLimits.DEFAULT, true, LintConfig.NONE.meshInfo(), List.of());
    InputCollector.Inputs inputs = InputCollector.collect(List.of(file.toString()));
    LiveView view = new LiveView(BuiltInRules.engine(), CrdSchemaCatalog.bundledIstio(), options, LintConfig.NONE.policy(),
        Completeness.Coverage.files(true), Linter.load(inputs.sources(), options).resources());
    return ConfigCatalog.of(1, view.checkAll());
  }

  @Test
  void aWorkloadWrittenInAnOlderGroupIsAWorkloadReference() throws Exception {
    ConfigCatalog catalog = catalogOf("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: cart}
        spec:
          host: cart
          subsets:
          - {name: v1, labels: {version: v1}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: cart}
        spec:
          selector: {app: cart}
          ports: [{port: 80, name: http}]
        ---
        apiVersion: extensions/v1beta1
        kind: Deployment
        metadata: {name: cart-v1}
        spec:
          template:
            metadata: {labels: {app: cart, version: v1}}
        """);

    ObjectReferences references = ObjectReferences.of(catalog, new ResourceRef("networking.istio.io/v1", "DestinationRule", "shop", "cart"));

    assertThat(references.workloads()).extracting(ResourceRef::name).containsExactly("cart-v1");
    assertThat(references.services()).extracting(ResourceRef::name).containsExactly("cart");
    assertThat(references.objects()).isEmpty();
  }

  @Test
  void anItemOfAListShowsItsOwnLinesWithItsFindings() throws Exception {
    ConfigCatalog catalog = catalogOf("""
        # two routes
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: first}
          spec:
            hosts: [first]
            http:
            - route:
              - destination: {host: first}
        - apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: second}
          spec:
            hosts: [second]
            http:
            - route:
              # nobody serves this host
              - destination: {host: nowhere}

        """);
    ConfigCatalog.Item second = catalog.find("networking.istio.io", "VirtualService", "shop", "second").orElseThrow();

    ObjectText text = ObjectText.of(second.resource(), SourceTexts.read(InputCollector.collect(List.of(dir.resolve("view.yaml").toString())).sources()));

    assertThat(text.firstLine()).isEqualTo(13);
    assertThat(text.lines()).first().isEqualTo("- apiVersion: networking.istio.io/v1");
    assertThat(text.lines()).last().isEqualTo("      - destination: {host: nowhere}");
    assertThat(second.findings()).extracting(f -> f.code() + " " + text.at().lineOf(f.path())).contains("IL0101 21");
  }
}
