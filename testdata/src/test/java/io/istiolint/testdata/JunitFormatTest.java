package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * JUnit XML as its consumers read it: valid against the Jenkins xUnit plugin's {@code junit-10.xsd}, header counts
 * equal to what GitLab recounts from the test cases, one failure per test case, and only objects istiolint checks
 * counted as tests.
 */
class JunitFormatTest {

  private static final Schema JUNIT_10 = junit10();

  @TempDir
  Path dir;

  private static Schema junit10() {
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      return factory.newSchema(Path.of("consumers", "junit-10.xsd").toFile());
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Validates {@code xml} against junit-10.xsd, as Jenkins' xUnit plugin does before it reads a report. */
  static void validate(String xml) throws IOException, SAXException {
    JUNIT_10.newValidator().validate(new StreamSource(new StringReader(xml)));
  }

  /**
   * A valid report whose header counts are those GitLab's JUnit parser recounts: each test case is one test,
   * failed when it holds a {@code <failure>}, errored when it holds an {@code <error>}; and no test case holds
   * two failures (GitLab would show only one of them).
   */
  static Document assertValid(String xml) throws Exception {
    validate(xml);
    Document doc = FormatsTest.xml(xml);
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    int tests = 0;
    int failures = 0;
    int errors = 0;
    NodeList suites = root.getElementsByTagName("testsuite");
    for (int s = 0; s < suites.getLength(); s++) {
      Element suite = (Element) suites.item(s);
      int[] counts = recount(suite);
      assertThat(suite.getAttribute("tests")).as("tests of %s", suite.getAttribute("name")).isEqualTo(Integer.toString(counts[0]));
      assertThat(suite.getAttribute("failures")).as("failures of %s", suite.getAttribute("name")).isEqualTo(Integer.toString(counts[1]));
      assertThat(suite.getAttribute("errors")).as("errors of %s", suite.getAttribute("name")).isEqualTo(Integer.toString(counts[2]));
      tests += counts[0];
      failures += counts[1];
      errors += counts[2];
    }
    assertThat(root.getAttribute("tests")).isEqualTo(Integer.toString(tests));
    assertThat(root.getAttribute("failures")).isEqualTo(Integer.toString(failures));
    assertThat(root.getAttribute("errors")).isEqualTo(Integer.toString(errors));
    return doc;
  }

  /** Test cases, failed ones and errored ones of a suite. */
  private static int[] recount(Element suite) {
    NodeList cases = suite.getElementsByTagName("testcase");
    int[] counts = {cases.getLength(), 0, 0};
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      int failed = c.getElementsByTagName("failure").getLength();
      assertThat(failed).as("failures in test case %s", c.getAttribute("name")).isLessThanOrEqualTo(1);
      counts[1] += failed;
      counts[2] += c.getElementsByTagName("error").getLength() > 0 ? 1 : 0;
    }
    return counts;
  }

  private String junit(String... args) throws IOException {
    Path file = dir.resolve("junit.xml");
    List<String> all = new ArrayList<>(List.of("lint", "--format", "junit=" + file, "--path-base", "."));
    all.addAll(List.of(args));
    Cli cli = Cli.run(all.toArray(String[]::new));
    assertThat(cli.exitCode()).as(cli.err()).isIn(0, 1);
    return Files.readString(file);
  }

  private static List<String> cases(Document doc) {
    NodeList cases = doc.getElementsByTagName("testcase");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      names.add(c.getAttribute("name") + " failures=" + c.getElementsByTagName("failure").getLength()
          + " out=" + c.getElementsByTagName("system-out").getLength());
    }
    return names;
  }

  @Test
  void aTestCasePerCheckedObjectWithTheLocationsInTheFailure() throws Exception {
    Document doc = assertValid(junit(FormatsTest.THREE_FINDINGS));
    assertThat(cases(doc)).as("the Services and Deployments are read, not checked: no tests")
        .containsExactly("DestinationRule bookinfo/reviews failures=1 out=0", "DestinationRule bookinfo/ratings failures=0 out=0",
            "VirtualService bookinfo/reviews failures=1 out=1");
    assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("3");
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(1);
    assertThat(suite.getAttribute("file")).isEqualTo("golden/ci/k8s/reviews.yaml");
    Element failure = (Element) suite.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("IL0004");
    assertThat(failure.getAttribute("message")).startsWith("IL0004 unknown field `retires`");
    assertThat(failure.getTextContent()).startsWith("golden/ci/k8s/reviews.yaml:15:5: error IL0004").contains("hint: did you mean `retries`?");
    assertThat(suite.getElementsByTagName("system-out").item(0).getTextContent()).startsWith("golden/ci/k8s/reviews.yaml:2:13: info IL0007");
    assertThat(doc.getElementsByTagName("testsuite").getLength()).as("services.yaml holds nothing checked").isEqualTo(2);
  }

  @Test
  void severalFindingsOnOneObjectAreOneFailure() throws Exception {
    Path file = Files.writeString(dir.resolve("route.yaml"), """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: shop}
        spec:
          hosts: [reviews]
          http:
          - retires: {attempts: 3}
            timout: 5s
            route:
            - destination: {host: reviews}
        """);
    Document doc = assertValid(junit(file.toString()));
    assertThat(cases(doc)).containsExactly("VirtualService shop/reviews failures=1 out=0");
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("IL0004");
    assertThat(failure.getAttribute("message")).isEqualTo("2 findings: IL0004, IL0004");
    assertThat(failure.getTextContent().lines().filter(l -> l.startsWith(file.toString())).toList())
        .extracting(l -> l.substring(file.toString().length(), l.indexOf(": error")))
        .containsExactly(":7:5", ":8:5");
  }

  @Test
  void anObjectOfAKindNotCheckedIsATestOnlyWhenItFails() throws Exception {
    Path file = Files.writeString(dir.resolve("services.yaml"), """
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: shop}
        spec:
          ports: [{port: 9080, name: http}]
          ports: [{port: 9081, name: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ratings, namespace: shop}
        spec:
          ports: [{port: 9080, name: http}]
        """);
    Document failing = assertValid(junit(file.toString()));
    assertThat(cases(failing)).containsExactly("Service shop/reviews failures=1 out=0");

    Document aside = assertValid(junit("--fail-on", "never", file.toString()));
    assertThat(cases(aside)).as("no failure, so no test").isEmpty();
    Element suite = (Element) aside.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("0");
    assertThat(suite.getElementsByTagName("system-out").item(0).getTextContent()).as("the finding is still listed")
        .contains("error IL0006 Service shop/reviews");
  }

  @Test
  void failsOnlyAtTheThreshold() throws Exception {
    Document doc = assertValid(junit("--fail-on", "never", FormatsTest.THREE_FINDINGS));
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
    assertThat(doc.getElementsByTagName("system-out").getLength()).as("findings are still listed").isEqualTo(2);
  }

  @Test
  void aManyFindingRunOverEveryFixtureIsValid() throws Exception {
    Document doc = assertValid(junit("fixtures"));
    assertThat(Integer.parseInt(doc.getDocumentElement().getAttribute("failures"))).isGreaterThan(100);
    assertThat(cases(doc)).as("YAML errors are test cases of their own").anyMatch(c -> c.startsWith("document at line "));
  }

  @Test
  void theSchemaRejectsAFileAttributeOnATestCase() throws Exception {
    Document doc = FormatsTest.xml(junit(FormatsTest.THREE_FINDINGS));
    ((Element) doc.getElementsByTagName("testcase").item(0)).setAttribute("file", "golden/ci/k8s/destination-rules.yaml");
    StringWriter text = new StringWriter();
    TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(text));
    assertThatThrownBy(() -> validate(text.toString())).isInstanceOf(SAXException.class).hasMessageContaining("file");
  }
}
