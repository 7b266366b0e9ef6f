package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The CI formats: each parses as what it claims to be, carries real positions, and exits as every other format. */
class FormatsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Two errors and an info (IL0006 and IL0004 errors, IL0007 info) in two files, and a clean third. */
  static final String THREE_FINDINGS = Path.of("golden", "ci", "k8s").toString();
  private static final Pattern GITHUB = Pattern.compile(
      "::(error|warning|notice) file=[^,:]+,line=[1-9]\\d*,col=[1-9]\\d*,title=IL\\d{4}::[^\\n]+");
  private static final List<String> FORMATS = List.of("text", "json", "sarif", "junit", "github", "checkstyle", "kiali", "codeclimate");

  @TempDir
  Path dir;

  static Document xml(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
  }

  String run(String format, String... inputs) throws IOException {
    Path file = dir.resolve("out." + format);
    // Names relative to this module, wherever the checkout is: PathBaseTest covers the repository root.
    List<String> args = new ArrayList<>(List.of("lint", "--path-base", ".", "--format", format + "=" + file));
    args.addAll(List.of(inputs));
    Cli cli = Cli.run(args.toArray(String[]::new));
    assertThat(cli.out()).as("a format written to a file leaves stdout empty").isEmpty();
    assertThat(cli.err().lines().toList()).as("only the summary on the terminal").singleElement().asString()
        .startsWith("istiolint: ").contains(" in ");
    return Files.readString(file);
  }

  @Test
  void sarifOfThreeFindingsIsValidWithRealLines() throws IOException {
    JsonNode log = JSON.readTree(run("sarif", THREE_FINDINGS));
    Sarif.assertValid(log);
    JsonNode run = log.get("runs").get(0);
    assertThat(run.get("tool").get("driver").get("rules")).as("a descriptor per code reported")
        .extracting(r -> r.get("id").asString("")).containsExactly("IL0004", "IL0006", "IL0007");
    assertThat(run.get("tool").get("driver").get("rules").get(0).get("helpUri").asString("")).endsWith("/docs/rules/IL0004.md");
    List<String> results = new ArrayList<>();
    for (JsonNode r : run.get("results")) {
      JsonNode physical = r.get("locations").get(0).get("physicalLocation");
      results.add(r.get("ruleId").asString("") + " " + r.get("level").asString("") + " "
          + physical.get("artifactLocation").get("uri").asString("") + ":" + physical.get("region").get("startLine").asInt(0)
          + ":" + physical.get("region").get("startColumn").asInt(0) + " " + physical.get("artifactLocation").get("uriBaseId").asString(""));
    }
    assertThat(results).containsExactly(
        "IL0006 error golden/ci/k8s/destination-rules.yaml:15:3 %SRCROOT%",
        "IL0007 note golden/ci/k8s/reviews.yaml:2:13 %SRCROOT%",
        "IL0004 error golden/ci/k8s/reviews.yaml:15:5 %SRCROOT%");
    assertThat(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asString(""))
        .isEqualTo(Path.of("").toAbsolutePath().toUri().toString());
  }

  @Test
  void standardInputHasNoFileInSarif() throws IOException {
    var original = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("apiVersion: v1\nkind: [\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      Cli cli = Cli.run("lint", "--format", "sarif", "-");
      JsonNode log = cli.json();
      Sarif.assertValid(log);
      JsonNode result = log.get("runs").get(0).get("results").get(0);
      assertThat(result.get("ruleId").asString("")).isEqualTo("IL0001");
      assertThat(result.has("locations")).as("no file, no resource").isFalse();
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void githubAnnotationsMatchTheWorkflowCommandFormat() {
    Cli cli = Cli.run("lint", "--path-base", ".", "--format", "github", THREE_FINDINGS);
    List<String> lines = cli.out().lines().toList();
    assertThat(lines).hasSize(3).allMatch(l -> GITHUB.matcher(l).matches(), "a workflow command");
    assertThat(lines.get(1)).startsWith("::error file=golden/ci/k8s/reviews.yaml,line=15,col=5,title=IL0004::VirtualService bookinfo/reviews:")
        .endsWith("%0Ahint: did you mean `retries`?");
    assertThat(lines.get(2)).as("errors first").startsWith("::notice ");
  }

  @Test
  void checkstyleIsXmlWithAnErrorPerFinding() throws Exception {
    Document doc = xml(run("checkstyle", THREE_FINDINGS));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("checkstyle");
    NodeList errors = doc.getElementsByTagName("error");
    assertThat(errors.getLength()).isEqualTo(3);
    Element first = (Element) errors.item(0);
    assertThat(((Element) first.getParentNode()).getAttribute("name")).isEqualTo("golden/ci/k8s/destination-rules.yaml");
    assertThat(first.getAttribute("line")).isEqualTo("15");
    assertThat(first.getAttribute("column")).isEqualTo("3");
    assertThat(first.getAttribute("severity")).isEqualTo("error");
    assertThat(first.getAttribute("source")).isEqualTo("istiolint.IL0006.duplicate-key");
  }

  @Test
  void sarifEncodesAnyLegalFileName() throws Exception {
    String route = Files.readString(Path.of("samples/istio/bookinfo/networking/virtual-service-all-v1.yaml"));
    // In the working directory itself, the base, so that the URI is relative to %SRCROOT% and the name its first segment,
    // where a colon reads as a scheme: the case that failed.
    for (String name : List.of("a:b,c.yaml", "sp ace é%#.yaml", "x;y=z@1.yaml")) {
      Path odd = Files.writeString(Path.of(name), route);
      try {
        assertSarifPointsAt(odd, Cli.run("lint", "--complete", "--path-base", ".", "--format", "sarif", odd.toString()));
      } finally {
        Files.deleteIfExists(odd);
      }
    }
  }

  /** A valid SARIF log of findings whose first result's artifact, resolved against %SRCROOT%, is {@code file}. */
  private static void assertSarifPointsAt(Path file, Cli cli) throws IOException {
    assertThat(cli.exitCode()).as(file.toString()).isEqualTo(1);
    JsonNode log = cli.json();
    Sarif.assertValid(log);
    JsonNode artifact = log.path("runs").get(0).path("results").get(0).path("locations").get(0)
        .path("physicalLocation").path("artifactLocation");
    assertThat(artifact.path("uriBaseId").asString("")).isEqualTo("%SRCROOT%");
    java.net.URI root = java.net.URI.create(log.path("runs").get(0).path("originalUriBaseIds").path("%SRCROOT%").path("uri").asString(""));
    assertThat(Path.of(root.resolve(artifact.path("uri").asString("")))).as(file.toString()).isEqualTo(file.toAbsolutePath());
  }

  @Test
  void checkstyleListsTheCleanFilesItChecked() throws Exception {
    Document doc = xml(run("checkstyle", "samples/istio/bookinfo/networking/virtual-service-all-v1.yaml"));

    assertThat(doc.getElementsByTagName("error").getLength()).isZero();
    assertThat(((Element) doc.getElementsByTagName("file").item(0)).getAttribute("name"))
        .isEqualTo("samples/istio/bookinfo/networking/virtual-service-all-v1.yaml");
  }

  @Test
  void kialiHasKialisShape() throws IOException {
    JsonNode v = JSON.readTree(run("kiali", THREE_FINDINGS));
    JsonNode vs = v.get("networking.istio.io/v1beta1, Kind=VirtualService").get("reviews.bookinfo");
    assertThat(vs.get("objectGVK").toString()).isEqualTo("{\"Group\":\"networking.istio.io\",\"Version\":\"v1beta1\",\"Kind\":\"VirtualService\"}");
    assertThat(vs.get("valid").asBoolean(false)).isFalse();
    assertThat(vs.get("checks")).extracting(c -> c.get("code").asString("") + " " + c.get("severity").asString("") + " " + c.get("path").asString(""))
        .containsExactly("IL0007 unknown apiVersion", "IL0004 error spec/http[0]/retires");
    assertThat(vs.get("references")).extracting(r -> r.get("objectGVK").get("Kind").asString("") + " " + r.get("name").asString(""))
        .as("the subset v1 is defined by the DestinationRule, the host served by the Service")
        .containsExactly("DestinationRule reviews", "Service reviews");
    JsonNode clean = v.get("networking.istio.io/v1, Kind=DestinationRule").get("ratings.bookinfo");
    assertThat(clean.get("valid").asBoolean(false)).isTrue();
    assertThat(clean.get("checks")).isEmpty();
  }

  /** A key and a file name full of characters each format must escape. */
  @Test
  void hostileTextIsEscapedInEveryFormat() throws Exception {
    Path odd = Files.writeString(dir.resolve("odd,name:x%.yaml"), """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: shop}
        spec:
          host: reviews
          "a<b>&\\"c\\",d:e%\\x01\\nnext": 1
        """);
    String key = "a<b>&\"c\",d:e%\u0001\nnext";
    JsonNode json = JSON.readTree(run("json", odd.toString()));
    assertThat(json.get("findings").get(0).get("message").asString("")).contains(key);
    JsonNode sarif = JSON.readTree(run("sarif", odd.toString()));
    Sarif.assertValid(sarif);
    JsonNode result = sarif.get("runs").get(0).get("results").get(0);
    assertThat(result.get("message").get("text").asString("")).contains(key);
    String uri = result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asString("");
    assertThat(java.net.URI.create(uri).getPath()).endsWith("odd,name:x%.yaml");
    Document junit = JunitFormatTest.assertValid(run("junit", odd.toString()));
    assertThat(((Element) junit.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .contains("a<b>&\"c\",d:e%\\u0001");
    Document checkstyle = xml(run("checkstyle", odd.toString()));
    assertThat(((Element) checkstyle.getElementsByTagName("file").item(0)).getAttribute("name")).endsWith("odd,name:x%.yaml");
    String github = Cli.run("lint", "--format", "github", odd.toString()).out();
    assertThat(github.lines().toList()).singleElement().asString()
        .contains("odd%2Cname%3Ax%25.yaml,line=6,col=3,title=IL0004::")
        .contains("a<b>&\"c\",d:e%25\u0001%0Anext");
    JsonNode codeclimate = JSON.readTree(run("codeclimate", odd.toString()));
    CodeClimateFormatTest.assertValid(codeclimate);
    assertThat(codeclimate.get(0).get("description").asString("")).contains(key);
    assertThat(codeclimate.get(0).get("location").get("path").asString("")).endsWith("odd,name:x%.yaml");
    JsonNode kiali = JSON.readTree(run("kiali", odd.toString()));
    assertThat(kiali.get("networking.istio.io/v1, Kind=DestinationRule").get("reviews.shop").get("checks").get(0)
        .get("message").asString("")).contains(key);
  }

  @Test
  void failOnGivesTheSameExitCodeInEveryFormat() throws IOException {
    Path config = Files.writeString(dir.resolve("warnings.yaml"), "rules:\n  IL0007: warning\n");
    Path warningOnly = Files.writeString(dir.resolve("dr.yaml"), """
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: reviews, namespace: shop}
        spec:
          host: reviews
        """);
    Path error = Path.of(THREE_FINDINGS);
    for (String format : FORMATS) {
      String out = format + "=" + dir.resolve("out-" + format);
      String[] warn = {"lint", "--config", config.toString(), "--format", out, warningOnly.toString()};
      assertThat(Cli.run(warn).exitCode()).as("%s, default fail-on error", format).isZero();
      assertThat(Cli.run(append(warn, "--fail-on", "warning")).exitCode()).as("%s --fail-on warning", format).isEqualTo(1);
      assertThat(Cli.run(append(warn, "--fail-on", "info")).exitCode()).as("%s --fail-on info", format).isEqualTo(1);
      assertThat(Cli.run("lint", "--format", out, error.toString()).exitCode()).as("%s on errors", format).isEqualTo(1);
      assertThat(Cli.run("lint", "--format", out, "--fail-on", "never", error.toString()).exitCode())
          .as("%s --fail-on never", format).isZero();
      assertThat(Cli.run("lint", "--format", format, "--fail-on", "warning", "--config", config.toString(), warningOnly.toString())
          .exitCode()).as("%s on stdout", format).isEqualTo(1);
    }
  }

  @Test
  void severalFormatsInOneRun() throws IOException {
    Path sarif = dir.resolve("out.sarif");
    Path junit = dir.resolve("junit.xml");
    Cli cli = Cli.run("lint", "--format", "sarif=" + sarif, "--format", "text", "--format", "junit=" + junit, THREE_FINDINGS);
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.out()).isEqualTo(Cli.run("lint", THREE_FINDINGS).out());
    Sarif.assertValid(JSON.readTree(sarif.toFile()));
    assertThat(Files.readString(junit)).startsWith("<?xml");
    Path text = dir.resolve("out.txt");
    Cli toFile = Cli.run("lint", "--format", "json", "--output-file", text.toString(), THREE_FINDINGS);
    assertThat(toFile.out()).isEmpty();
    assertThat(JSON.readTree(text.toFile()).get("summary").get("errors").asInt(0)).isEqualTo(2);
  }

  @Test
  void formatMistakesAreUsageErrors() {
    Cli two = Cli.run("lint", "--format", "json", "--format", "sarif", THREE_FINDINGS);
    assertThat(two.exitCode()).isEqualTo(2);
    assertThat(two.err()).contains("only one --output format can go to stdout");
    Cli unknown = Cli.run("lint", "--format", "html", THREE_FINDINGS);
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown format html");
    assertThat(Cli.run("lint", "--format", "sarif=", THREE_FINDINGS).exitCode()).isEqualTo(2);
    Cli unwritable = Cli.run("lint", "--format", "sarif=" + dir.resolve("no/such/dir/out.sarif"), THREE_FINDINGS);
    assertThat(unwritable.exitCode()).isEqualTo(3);
    assertThat(unwritable.err()).contains("cannot write");
  }

  private static String[] append(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
