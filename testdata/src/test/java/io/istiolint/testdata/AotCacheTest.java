package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.istiolint.testdata.InstalledCopy.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checkout's bin/istiolint run by Java 25 or newer (issue 14) keeps an ahead-of-time cache, written by a silent
 * lint of the bundled samples, in the per-user cache where Java 17 keeps its class-data-sharing archive; later runs
 * load istiolint's classes from it. Skipped when no JDK 25 or newer is installed under /usr/lib/jvm.
 */
class AotCacheTest {

  private static final JsonMapper STRICT_JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final Pattern FEATURE = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
  private static final List<String> BOOKINFO = List.of("platform/kube/bookinfo.yaml", "networking/bookinfo-gateway.yaml",
      "networking/destination-rule-all.yaml", "networking/virtual-service-all-v1.yaml");

  @TempDir
  Path tmp;

  private Path javaBin;
  private Path home;

  @BeforeEach
  void findJava25() throws IOException {
    javaBin = jdk25().map(jdk -> jdk.resolve("bin")).orElse(null);
    assumeTrue(javaBin != null, "no JDK 25 or newer under /usr/lib/jvm");
    assumeTrue(Files.isRegularFile(InstalledCopy.JAR), "the runnable jar is built by the cli module's package phase");
    home = Files.createDirectories(tmp.resolve("home"));
  }

  private static Optional<Path> jdk25() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> all = Files.list(jvms)) {
      return all.filter(jdk -> Files.isRegularFile(jdk.resolve("release")) && Files.isExecutable(jdk.resolve("bin/java")))
          .filter(jdk -> {
            try {
              Matcher m = FEATURE.matcher(Files.readString(jdk.resolve("release")));
              return m.find() && Integer.parseInt(m.group(1)) >= 25;
            } catch (IOException e) {
              return false;
            }
          }).sorted().findFirst();
    }
  }

  private Run lintBookinfo(String javaOpts) throws Exception {
    List<String> command = Stream.concat(Stream.of(InstalledCopy.CHECKOUT.resolve("bin/istiolint").toString(), "lint", "--format", "json"),
        BOOKINFO.stream()).toList();
    Map<String, String> env = Map.of("HOME", home.toString(), "PATH", javaBin + ":" + System.getenv("PATH"), "ISTIOLINT_JAVA_OPTS", javaOpts);
    return InstalledCopy.execAsTester(env, command, Path.of("samples/istio/bookinfo"));
  }

  private static void assertPureReport(Run run) throws IOException {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(STRICT_JSON.readTree(run.out()).get("summary").get("resources").asInt(0)).isEqualTo(24);
  }

  private List<String> cached() throws IOException {
    try (Stream<Path> files = Files.list(home.resolve(".cache/istiolint"))) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void theFirstRunWritesAnAheadOfTimeCacheThatTheNextRunsLoadFrom() throws Exception {
    assertPureReport(lintBookinfo(""));
    assertThat(cached()).singleElement().asString().endsWith(".aot");

    Path classLog = tmp.resolve("classes.log");
    assertPureReport(lintBookinfo("-Xlog:class+load=info:file=" + classLog));
    assertThat(Files.readString(classLog)).as("istiolint's classes come from the cache")
        .containsPattern("io\\.istiolint\\.cli\\.Istiolint source: shared objects file");

    // The JVM refuses a cache together with any -Xshare option: with one, the launcher runs without it.
    assertPureReport(lintBookinfo("-Xshare:off"));
    assertPureReport(lintBookinfo("-Xshare:auto"));
    assertThat(cached()).singleElement().asString().endsWith(".aot");
  }
}
