package io.istiolint.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Document;
import io.istiolint.model.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderTest {

  @TempDir
  Path dir;

  private List<Document> load(String yaml) throws IOException {
    return load(yaml.getBytes(StandardCharsets.UTF_8));
  }

  private List<Document> load(byte[] bytes) throws IOException {
    Path file = dir.resolve("in.yaml");
    Files.write(file, bytes);
    return TestInputs.documents(file);
  }

  private static Resource only(List<Document> docs) {
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).resources()).hasSize(1);
    return docs.get(0).resources().get(0);
  }

  @Test
  void kustomizeFilesAreNotObjects() throws IOException {
    Path legacy = dir.resolve("kustomization.yaml");
    Files.writeString(legacy, "resources:\n- deployment.yaml\nnamePrefix: dev-\n");
    assertThat(new Loader(LoadLimits.DEFAULT, "default").load(InputSource.file(legacy))).isEmpty();
    List<Document> docs = load("""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [gateway.yaml]
        ---
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        resources: [sidecar.yaml]
        ---
        $patch: delete
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: frontend}
        ---
        resources: [other.yaml]
        """);
    // Only the last document, in a file kustomize does not read, is reported as no object.
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).notResources()).hasSize(1);
  }

  @Test
  void positionsAreExactAcrossDocuments() throws IOException {
    List<Document> docs = load("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
        spec:
          hosts:
          - reviews
          http:
          - route:
            - destination:
                host: reviews
                subset: v1
        """);
    assertThat(docs).hasSize(2);
    Resource vs = docs.get(1).resources().get(0);
    assertThat(vs.ref().displayName()).isEqualTo("VirtualService default/reviews");
    Location subset = vs.sourceMap().locate(YamlPath.of("spec", "http", 0, "route", 0, "destination", "subset"));
    assertThat(subset.line()).isEqualTo(16);
    assertThat(subset.column()).isEqualTo(17);
    Location key = vs.sourceMap().locate(YamlPath.of("spec", "http", 0, "route", 0, "destination", "subset").key());
    assertThat(key.column()).isEqualTo(9);
    // a block mapping's value starts a line later; the key is where readers look
    assertThat(vs.sourceMap().locate(YamlPath.of("spec")).line()).isEqualTo(9);
    // a missing node falls back to its nearest ancestor
    assertThat(vs.sourceMap().locate(YamlPath.of("spec", "http", 0, "timeout")).line()).isEqualTo(13);
  }

  @Test
  void scalarsAreTypedAsKubectlTypesThem() throws IOException {
    Resource r = only(load("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        data:
          yes: on
          octal: 0777
          hex: 0x1F
          float: 1.0
          real: 2.5
          nothing: ~
          quoted: "80"
          tagged: !!str 42
          eight: 08
          norway: NO
        """));
    var data = r.object().get("data");
    assertThat(data.get("true").isBoolean()).as("`yes:` as a key becomes \"true\"").isTrue();
    assertThat(data.get("octal").asLong(0L)).isEqualTo(511);
    assertThat(data.get("hex").asLong(0L)).isEqualTo(31);
    assertThat(data.get("float").isIntegralNumber()).isTrue();
    assertThat(data.get("real").asDouble(0.0)).isEqualTo(2.5);
    assertThat(data.get("nothing").isNull()).isTrue();
    assertThat(data.get("quoted").isString()).isTrue();
    assertThat(data.get("tagged").isString()).isTrue();
    assertThat(data.get("eight").asLong(0L)).isEqualTo(8);
    assertThat(data.get("norway").asBoolean(true)).isFalse();
  }

  @Test
  void repeatedKeyKeepsLaterValueAndIsRecorded() throws IOException {
    List<Document> docs = load("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a
        data:
          k: first
          k: second
        """);
    Resource r = only(docs);
    assertThat(r.object().get("data").get("k").asString("")).isEqualTo("second");
    Document.DuplicateKey d = docs.get(0).duplicateKeys().get(0);
    assertThat(d.path()).isEqualTo(YamlPath.of("data", "k").key());
    assertThat(d.location().line()).isEqualTo(7);
    assertThat(d.firstLocation().line()).isEqualTo(6);
    assertThat(d.resource()).isEqualTo(r.ref());
  }

  @Test
  void mergeKeysAndAliasesExpand() throws IOException {
    Resource r = only(load("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a, labels: &l {app: x, tier: web}}
        data:
          base: &b {a: "1", b: "2"}
          copy: *b
          merged:
            <<: *b
            b: "3"
        """));
    var data = r.object().get("data");
    assertThat(data.get("copy").get("a").asString("")).isEqualTo("1");
    assertThat(data.get("merged").get("a").asString("")).isEqualTo("1");
    assertThat(data.get("merged").get("b").asString("")).isEqualTo("3");
    assertThat(data.get("merged").has("<<")).isFalse();
    assertThat(r.sourceMap().locate(YamlPath.of("data", "copy", "a")).line()).as("an alias points at its anchor").isEqualTo(5);
  }

  @Test
  void kindListYieldsItemsWithTheirOwnPaths() throws IOException {
    List<Document> docs = load("""
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Service
          metadata: {name: a, namespace: shop}
        - apiVersion: v1
          kind: Namespace
          metadata:
            name: shop
        """);
    assertThat(docs.get(0).resources()).extracting(r -> r.ref().displayName()).containsExactly("Service shop/a", "Namespace shop");
    Resource ns = docs.get(0).resources().get(1);
    assertThat(ns.sourceMap().locate(YamlPath.of("metadata", "name")).line()).isEqualTo(10);
  }

  @Test
  void syntaxErrorSpoilsOnlyItsDocument() throws IOException {
    List<Document> docs = load("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: [b}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        """);
    assertThat(docs).hasSize(3);
    assertThat(docs.get(1).syntaxError()).isNotNull();
    assertThat(docs.get(1).syntaxError().location().line()).isEqualTo(7);
    assertThat(docs.get(2).resources().get(0).name()).isEqualTo("c");
  }

  @Test
  void crlfLineEndingsAndByteOrderMarkKeepPositions() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(text, 0, all, bom.length, text.length);
    Resource r = only(load(all));
    assertThat(r.sourceMap().locate(YamlPath.of("metadata", "name"))).extracting(Location::line, Location::column).containsExactly(4, 9);
  }

  @Test
  void billionLaughsIsRefusedQuickly() throws IOException {
    StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [*").append(p);
      for (int i = 0; i < 8; i++) {
        yaml.append(",*").append(p);
      }
      yaml.append("]\n");
    }
    List<Document> docs = load(yaml.toString());
    assertThat(docs.get(0).syntaxError().message()).contains("aliases expand to more than");
  }

  @Test
  void deepNestingIsRefusedWithoutStackOverflow() throws IOException {
    String yaml = "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    List<Document> docs = load(yaml);
    assertThat(docs.get(0).syntaxError().message()).contains("nesting is deeper than 512");
  }

  @Test
  void invalidUtf8SpoilsOnlyItsDocument() throws IOException {
    byte[] bytes = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"caf\u00ff\"}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    List<Document> docs = load(bytes);
    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).syntaxError().location()).extracting(Location::line, Location::column).containsExactly(3, 22);
    assertThat(docs.get(1).resources().get(0).name()).isEqualTo("b");
  }

  @Test
  void binaryFileIsOneProblem() throws IOException {
    List<Document> docs = load(new byte[] {'k', ':', ' ', 0, 1, 2, 3});
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).syntaxError().message()).contains("binary file");
  }

  @Test
  void oversizedDocumentIsSkippedAndTheNextOneRead() throws IOException {
    String big = "data: \"" + "x".repeat(LoadLimits.DEFAULT.maxDocumentChars()) + "\"\n";
    List<Document> docs = load(big + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
    assertThat(docs.get(0).syntaxError().message()).contains("larger than 3 MiB");
    assertThat(docs.get(1).resources().get(0).name()).isEqualTo("b");
  }

  @Test
  void emptyAndCommentOnlyInputsYieldNothing() throws IOException {
    assertThat(load("")).isEmpty();
    assertThat(load("---\n")).isEmpty();
    assertThat(load("---\n---\n# nothing\n...\n")).isEmpty();
  }

  @Test
  void clusterScopedKindsHaveNoNamespace() throws IOException {
    Resource r = only(load("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, namespace: ignored}\n"));
    assertThat(r.namespace()).isEmpty();
  }
}
