package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.testdata.InstalledCopy.Run;
import io.istiolint.testdata.bench.MeshGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * bin/istiolint chooses the JVM's collector and heap by the size of the input before it starts the JVM (issue 14):
 * small inputs, stdin and the cluster keep the defaults; manifests of 4 MiB or more get the throughput collector with
 * a sized young generation. What the JVM was given is read back from the JVM itself ({@code
 * -XX:+PrintCommandLineFlags}, which the launcher's flags send to stderr). The HOME cannot be written, so no run
 * writes a class-data-sharing archive.
 */
class LauncherFlagsTest {

  private static final JsonMapper STRICT_JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final String PRINT_FLAGS = "-XX:+PrintCommandLineFlags";
  private static final String THROUGHPUT_COLLECTOR = "-XX:+UseParallelGC";
  private static final String YOUNG_256_MIB = "-XX:NewSize=268435456";
  private static final String SERIAL_COLLECTOR = "-XX:+UseSerialGC";
  /** Namespaces × apps of a generated mesh just over the launcher's 4 MiB (about 1.9 KB per app). */
  private static final int NAMESPACES = 10;
  private static final int APPS = 230;

  @TempDir
  Path tmp;

  private InstalledCopy install;
  private Path home;

  @BeforeEach
  void install() throws Exception {
    install = InstalledCopy.in(tmp);
    home = Files.createDirectories(tmp.resolve("readonly-home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("r-xr-xr-x"));
  }

  private Run istiolint(String javaOpts, Path workDir, String... args) throws Exception {
    List<String> command = Stream.concat(Stream.of(install.bin().resolve("istiolint").toString()), Stream.of(args)).toList();
    return install.exec(Map.of("HOME", home.toString(), "ISTIOLINT_JAVA_OPTS", javaOpts), command, workDir);
  }

  /** A generated, valid mesh of more than 4 MiB, readable by the install's user; returns its number of resources. */
  private int largeMesh(Path dir) throws Exception {
    int resources = MeshGenerator.write(Files.createDirectories(dir), NAMESPACES, APPS);
    long bytes;
    try (Stream<Path> files = Files.list(dir)) {
      bytes = files.mapToLong(p -> p.toFile().length()).sum();
    }
    assertThat(bytes).as("the mesh is over the launcher's threshold").isGreaterThan(4L * 1024 * 1024);
    return resources;
  }

  private static JsonNode pureReport(Run run) throws Exception {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return STRICT_JSON.readTree(run.out());
  }

  @Test
  void aSmallInputGetsTheC1CompilerAndTheSerialCollector() throws Exception {
    Path bookinfo = Path.of("samples/istio/bookinfo").toAbsolutePath();
    Run run = istiolint(PRINT_FLAGS, bookinfo, "lint", "--format", "json", "platform/kube/bookinfo.yaml", "networking/destination-rule-all.yaml");
    assertThat(pureReport(run).get("summary").get("resources").asInt(0)).isEqualTo(18);
    assertThat(run.err()).contains("-XX:TieredStopAtLevel=1", SERIAL_COLLECTOR).doesNotContain(THROUGHPUT_COLLECTOR, YOUNG_256_MIB);
  }

  /** A cluster's size cannot be seen before the run: small files beside it keep the JVM's defaults. */
  @Test
  void aClusterRunKeepsTheDefaults() throws Exception {
    Path bookinfo = Path.of("samples/istio/bookinfo").toAbsolutePath();
    Run run = istiolint(PRINT_FLAGS, bookinfo, "lint", "--cluster", "--help", "platform/kube/bookinfo.yaml");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Usage:");
    assertThat(run.err()).contains("-XX:TieredStopAtLevel=1").doesNotContain(SERIAL_COLLECTOR, THROUGHPUT_COLLECTOR);
  }

  @Test
  void aLargeMeshGetsTheThroughputCollectorAndAYoungGenerationAndStdoutStaysPure() throws Exception {
    Path mesh = tmp.resolve("mesh");
    int resources = largeMesh(mesh);
    Run run = istiolint(PRINT_FLAGS, tmp, "lint", "--complete", "--format", "json", mesh.toString());
    JsonNode summary = pureReport(run).get("summary");
    assertThat(summary.get("resources").asInt(0)).isEqualTo(resources);
    assertThat(summary.get("errors").asInt(-1)).isZero();
    assertThat(run.err()).contains("-XX:TieredStopAtLevel=1", THROUGHPUT_COLLECTOR, YOUNG_256_MIB).doesNotContain(SERIAL_COLLECTOR);
  }

  /** Hidden directories (.git) are not linted, so their size does not count. */
  @Test
  void aLargeHiddenDirectoryDoesNotCount() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    largeMesh(repo.resolve(".git"));
    Files.copy(Path.of("samples/istio/bookinfo/networking/bookinfo-gateway.yaml"), repo.resolve("gateway.yaml"));
    Run run = istiolint(PRINT_FLAGS, tmp, "lint", "--format", "json", repo.toString());
    assertThat(pureReport(run).get("summary").get("resources").asInt(0)).isEqualTo(2);
    assertThat(run.err()).contains(SERIAL_COLLECTOR).doesNotContain(THROUGHPUT_COLLECTOR);
  }

  /** A collector named in ISTIOLINT_JAVA_OPTS replaces the launcher's (the JVM refuses two); other flags there win. */
  @Test
  void istiolintJavaOptsOverridesTheChoice() throws Exception {
    Path mesh = tmp.resolve("mesh");
    largeMesh(mesh);
    Run g1 = istiolint(PRINT_FLAGS + " -XX:+UseG1GC", tmp, "lint", "--help", mesh.toString());
    assertThat(g1.exitCode()).as(g1.err()).isZero();
    assertThat(g1.out()).contains("Usage:");
    assertThat(g1.err()).contains("-XX:+UseG1GC").doesNotContain(THROUGHPUT_COLLECTOR, YOUNG_256_MIB);

    Run young = istiolint(PRINT_FLAGS + " -Xmn64m -XX:TieredStopAtLevel=4", tmp, "lint", "--help", mesh.toString());
    assertThat(young.exitCode()).as(young.err()).isZero();
    assertThat(young.err()).contains(THROUGHPUT_COLLECTOR, "-XX:NewSize=67108864", "-XX:TieredStopAtLevel=4")
        .doesNotContain(YOUNG_256_MIB, "-XX:TieredStopAtLevel=1 ");
  }

  /** Standard input has no size to see: the defaults. */
  @Test
  void standardInputKeepsTheDefaults() throws Exception {
    Run run = istiolint(PRINT_FLAGS, tmp, "lint", "--format", "json", "-");
    assertThat(pureReport(run).get("summary").get("resources").asInt(-1)).isZero();
    assertThat(run.err()).contains("-XX:TieredStopAtLevel=1").doesNotContain(THROUGHPUT_COLLECTOR, SERIAL_COLLECTOR);
  }
}
