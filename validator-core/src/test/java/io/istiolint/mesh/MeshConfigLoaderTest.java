package io.istiolint.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istiolint.load.TestInputs;
import io.istiolint.model.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshConfigLoaderTest {

  @TempDir
  Path dir;

  private List<MeshConfigLayer> read(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("mesh.yaml"), yaml);
    return MeshConfigLoader.readFile(file, "mesh.yaml");
  }

  private MeshConfig resolve(String yaml) throws Exception {
    return MeshConfigLoader.resolve(MeshConfig.DEFAULTS, List.of(), read(yaml));
  }

  private List<String> problems(String yaml) {
    try {
      read(yaml);
    } catch (MeshConfigLoader.InvalidMeshConfigException e) {
      return e.problems().stream().map(MeshConfigLoader.Problem::toString).toList();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no problem found");
  }

  private List<Resource> inputs(String yaml) throws IOException {
    return TestInputs.resources(Files.writeString(dir.resolve("in.yaml"), yaml));
  }

  @Test
  void defaultsAreIstiosBuiltInProvidersAndUnknown() {
    MeshConfig d = MeshConfig.DEFAULTS;
    assertThat(d.known()).isFalse();
    assertThat(d.extensionProviders()).extracting(ExtensionProvider::name).containsExactly("prometheus", "stackdriver", "envoy");
    assertThat(d.provider("envoy")).map(ExtensionProvider::type).contains(ExtensionProvider.Type.ENVOY_FILE_ACCESS_LOG);
    assertThat(d.defaultProviders().metrics()).containsExactly("prometheus");
    assertThat(d.defaultProviders().accessLogging()).isEmpty();
  }

  @Test
  void aMeshConfigFileAddsProvidersAndKeepsTheBuiltInOnes() throws Exception {
    MeshConfig config = resolve("""
        rootNamespace: istio-config
        defaultServiceExportTo: ["."]
        extensionProviders:
        - name: otel
          opentelemetry: {service: otel.observability.svc.cluster.local, port: 4317}
        - name: envoy
          envoy_otel_als: {service: otel.observability.svc.cluster.local, port: 4317}
        defaultProviders:
          accessLogging: [envoy]
        """);
    assertThat(config.known()).isTrue();
    assertThat(config.source()).isEqualTo("file");
    assertThat(config.rootNamespace()).isEqualTo("istio-config");
    assertThat(config.defaultServiceExportTo()).containsExactly(".");
    assertThat(config.extensionProviders()).extracting(ExtensionProvider::name)
        .containsExactly("prometheus", "stackdriver", "envoy", "otel");
    // A provider of a built-in name replaces it; snake_case field names are accepted as istiod does.
    assertThat(config.provider("envoy")).map(ExtensionProvider::type).contains(ExtensionProvider.Type.ENVOY_OTEL_ALS);
    assertThat(config.defaultProviders().accessLogging()).containsExactly("envoy");
    assertThat(config.defaultProviders().metrics()).containsExactly("prometheus");
  }

  @Test
  void theIstioConfigMapAndAnIstioOperatorAreReadToo() throws Exception {
    MeshConfig fromConfigMap = resolve("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: istio-system}
        data:
          mesh: |-
            extensionProviders:
            - name: zipkin
              zipkin: {service: zipkin.istio-system.svc.cluster.local, port: 9411}
        """);
    assertThat(fromConfigMap.provider("zipkin")).map(ExtensionProvider::type).contains(ExtensionProvider.Type.ZIPKIN);
    MeshConfig fromOperator = resolve("""
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        spec:
          meshConfig:
            defaultProviders:
              tracing: [zipkin]
            extensionProviders:
            - name: zipkin
              zipkin: {service: zipkin.istio-system.svc.cluster.local, port: 9411}
        """);
    assertThat(fromOperator.defaultProviders().tracing()).containsExactly("zipkin");
    // The installer only adds its Prometheus default when defaultProviders is not given.
    assertThat(fromOperator.defaultProviders().metrics()).isEmpty();
  }

  @Test
  void problemsHaveTheirPositionEvenInsideTheConfigMapText() {
    assertThat(problems("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio}
        data:
          mesh: |
            extensionProviders:
            - name: otel
              opentelemtry: {service: otel, port: 4317}
            defaultProviders:
              metric: [prometheus]
        """)).containsExactly(
        "mesh.yaml:8:7: unknown provider kind `opentelemtry` in extension provider `otel`: did you mean `opentelemetry`?",
        "mesh.yaml:10:7: unknown field `metric` in defaultProviders: did you mean `metrics`?");
    assertThat(problems("""
        extensionProviders:
        - name: a
          zipkin: {}
          datadog: {}
        - name: a
          prometheus: {}
        - prometheus: {}
        - name: b
        """)).containsExactly(
        "mesh.yaml:2:3: extension provider `a` sets several provider kinds (zipkin, datadog); it can be only one",
        "mesh.yaml:5:9: extension provider `a` is defined twice; istiod rejects duplicate names",
        "mesh.yaml:7:3: extensionProviders[2] has no name: Telemetry refers to providers by name",
        "mesh.yaml:8:9: extension provider `b` sets no provider kind (one of envoyExtAuthzHttp, envoyExtAuthzGrpc, zipkin,"
            + " lightstep, datadog, stackdriver, opencensus, skywalking, opentelemetry, prometheus, envoyFileAccessLog,"
            + " envoyHttpAls, envoyTcpAls, envoyOtelAls)");
  }

  @Test
  void otherKindsSyntaxErrorsAndEmptyFilesAreRefused() {
    assertThat(problems("apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n")).singleElement().asString()
        .startsWith("mesh.yaml:2:7: a Secret is not a MeshConfig source");
    assertThat(problems("extensionProviders: [\n")).singleElement().asString().startsWith("mesh.yaml:2:1: YAML syntax error");
    assertThat(problems("# nothing\n")).containsExactly("mesh.yaml:1:1: no MeshConfig in the file");
    assertThat(problems("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata: {}\n")).singleElement().asString()
        .contains("has no data.mesh");
    assertThatThrownBy(() -> read("- a\n- b\n")).isInstanceOf(MeshConfigLoader.InvalidMeshConfigException.class)
        .hasMessageContaining("not a list");
  }

  @Test
  void aRevisionOfIstiodReadsItsOwnConfigMap() throws Exception {
    List<Resource> inputs = inputs("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: istio-1-24-2
          namespace: istio-system
          labels: {istio.io/rev: 1-24-2}
        data:
          mesh: |-
            extensionProviders:
            - name: otel
              opentelemetry: {service: otel.observability.svc.cluster.local, port: 4317}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio-backup, namespace: istio-system}
        data:
          mesh: |-
            extensionProviders:
            - name: ignored
              zipkin: {service: zipkin.istio-system.svc.cluster.local, port: 9411}
        """);
    MeshConfig config = MeshConfigLoader.resolve(MeshConfig.DEFAULTS, inputs, List.of());
    assertThat(config.provider("otel")).map(ExtensionProvider::type).contains(ExtensionProvider.Type.OPENTELEMETRY);
    assertThat(config.provider("ignored")).isEmpty();
  }

  @Test
  void inputsAreReadLenientlyAndTheFileWins() throws Exception {
    List<Resource> inputs = inputs("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: istio-system}
        data:
          mesh: |-
            extensionProviders:
            - name: otel
              opentelemtry: {service: otel, port: 4317}
            - name: als
              envoyHttpAls: {service: als, port: 9000}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: other}
        data:
          mesh: |-
            extensionProviders:
            - name: ignored
              zipkin: {}
        """);
    MeshConfig fromInputs = MeshConfigLoader.resolve(MeshConfig.DEFAULTS, inputs, List.of());
    assertThat(fromInputs.source()).isEqualTo("inputs");
    assertThat(fromInputs.provider("otel")).map(ExtensionProvider::type).contains(ExtensionProvider.Type.UNKNOWN);
    assertThat(fromInputs.provider("ignored")).isEmpty();
    MeshConfig both = MeshConfigLoader.resolve(MeshConfig.DEFAULTS, inputs, read("""
        extensionProviders:
        - name: als
          envoyTcpAls: {service: als, port: 9000}
        """));
    assertThat(both.source()).isEqualTo("inputs+file");
    assertThat(both.provider("als")).map(ExtensionProvider::type).contains(ExtensionProvider.Type.ENVOY_TCP_ALS);
    assertThat(both.provider("otel")).isPresent();
  }
}
