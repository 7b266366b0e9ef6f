package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.istiolint.testdata.InstalledCopy.Run;
import io.istiolint.testdata.bench.MeshGenerator;
import io.istiolint.testdata.cluster.MockApiServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The self-contained distribution (issue 12): the tarball the dist module builds, unpacked where nobody can write,
 * run by a user who does not own it, with no Java on the PATH and a HOME nobody can write to. Lints Bookinfo as
 * deployed, as the README's first command does.
 */
class DistributionTest {

  static final Path DIST_TARGET = InstalledCopy.CHECKOUT.resolve("dist/target");
  private static final JsonMapper STRICT_JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final List<String> BOOKINFO = List.of("platform/kube/bookinfo.yaml", "networking/bookinfo-gateway.yaml",
      "networking/destination-rule-all.yaml", "networking/virtual-service-all-v1.yaml");
  /** All the launcher needs from the system besides /bin/sh: no java. */
  private static final List<String> TOOLS = List.of("dirname", "readlink");

  @TempDir
  Path tmp;

  private List<String> asUser;
  private Path image;
  private Path bookinfo;
  private Map<String, String> env;

  @BeforeEach
  void unpack() throws Exception {
    Path tarball = tarball();
    asUser = InstalledCopy.nonRootUser(tmp);
    Path opt = Files.createDirectories(tmp.resolve("opt"));
    Run untar = InstalledCopy.execAsTester(Map.of(), List.of("tar", "-xzf", tarball.toString(), "-C", opt.toString()), tmp);
    assertThat(untar.exitCode()).as(untar.err()).isZero();
    List<Path> unpacked;
    try (Stream<Path> top = Files.list(opt)) {
      unpacked = top.toList();
    }
    assertThat(unpacked).as("the tarball holds one directory").hasSize(1);
    image = unpacked.get(0);
    readOnly(opt);

    bookinfo = tmp.resolve("bookinfo");
    for (String file : BOOKINFO) {
      Path copy = bookinfo.resolve(file);
      Files.createDirectories(copy.getParent());
      Files.copy(Path.of("samples/istio/bookinfo").resolve(file), copy);
    }
    readOnly(bookinfo);

    Path home = Files.createDirectories(tmp.resolve("home"));
    readOnly(home);
    Path tools = Files.createDirectories(tmp.resolve("tools"));
    for (String tool : TOOLS) {
      Path found = Stream.of("/usr/bin", "/bin").map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst().orElseThrow();
      Files.copy(found, tools.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
    }
    env = new HashMap<>(Map.of("HOME", home.toString(), "PATH", tools.toString()));
  }

  /** The distribution's tarball; skips the test if it was not built. */
  static Path tarball() throws IOException {
    List<Path> tarballs;
    try (Stream<Path> files = Files.isDirectory(DIST_TARGET) ? Files.list(DIST_TARGET) : Stream.empty()) {
      tarballs = files.filter(p -> p.getFileName().toString().matches("istiolint-.*\\.tar\\.gz")).toList();
    }
    assumeTrue(!tarballs.isEmpty(), "the distribution is built by the dist module's package phase, with a JDK that has jmods: "
        + DIST_TARGET + "/istiolint-VERSION-linux-x64.tar.gz");
    assertThat(tarballs).as("one distribution in %s (mvn clean removes older versions)", DIST_TARGET).hasSize(1);
    return tarballs.get(0);
  }

  /** Directories and executables r-x, other files r--, for everyone. */
  private static void readOnly(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(p -> !Files.isSymbolicLink(p)).toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) || Files.isExecutable(p) ? "r-xr-xr-x" : "r--r--r--"));
      }
    }
  }

  private Run istiolint(Path launcher, String... args) throws Exception {
    List<String> command = Stream.concat(Stream.of(launcher.toString()), Stream.of(args)).toList();
    return InstalledCopy.exec(env, asUser, command, bookinfo);
  }

  private Run lintBookinfo() throws Exception {
    return istiolint(image.resolve("bin/istiolint"), Stream.concat(Stream.of("lint", "-o", "json"), BOOKINFO.stream()).toArray(String[]::new));
  }

  /** stdout is one JSON document and nothing else, the same the checkout's jar writes for the same files. */
  private void assertPureReport(Run run) throws Exception {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(STRICT_JSON.readTree(run.out()).get("summary").get("resources").asInt(0)).isEqualTo(24);
    List<String> jar = Stream.concat(Stream.of("java", "-jar", InstalledCopy.JAR.toString(), "lint", "-o", "json"), BOOKINFO.stream()).toList();
    assertThat(run.out()).isEqualTo(InstalledCopy.execAsTester(Map.of(), jar, bookinfo).out());
  }

  @Test
  void aReadOnlyCopyLintsBookinfoWithPureJsonAndTheArchivesBuiltIntoIt() throws Exception {
    assertPureReport(lintBookinfo());

    Path classLog = InstalledCopy.writableDirectory(tmp.resolve("log")).resolve("classes.log");
    env.put("ISTIOLINT_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
    assertPureReport(lintBookinfo());
    assertThat(Files.readString(classLog)).as("the JDK's classes and istiolint's come from the image's archives")
        .containsPattern("java\\.lang\\.Object source: shared objects file\\R")
        .containsPattern("io\\.istiolint\\.cli\\.Istiolint source: shared objects file \\(top\\)");
    try (Stream<Path> written = Files.list(tmp.resolve("home"))) {
      assertThat(written).as("nothing kept per user").isEmpty();
    }
  }

  /** A live cluster over TLS: the modules jdeps cannot see (a security provider) are in the image. */
  @Test
  void itReadsALiveCluster() throws Exception {
    try (MockApiServer cluster = MockApiServer.start(0)) {
      cluster.installIstioCrds();
      for (String manifest : BOOKINFO) {
        cluster.create(Files.readString(Path.of("samples/istio/bookinfo").resolve(manifest)), "bookinfo");
      }
      Path kubeconfig = cluster.writeKubeconfig(tmp.resolve("kubeconfig"), "mock", "default");
      Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("r--r--r--"));
      Run run = istiolint(image.resolve("bin/istiolint"), "lint", "--cluster", "--kubeconfig", kubeconfig.toString(), "-n", "bookinfo", "-o", "json");
      assertThat(run.exitCode()).as(run.err()).isZero();
      JsonNode summary = STRICT_JSON.readTree(run.out()).get("summary");
      assertThat(summary.path("cluster").asString("")).isEqualTo("mock");
      assertThat(summary.path("resources").asInt(0)).isGreaterThanOrEqualTo(21);
    }
  }

  /**
   * An API server with an ECDSA certificate (as k3s issues): the TLS handshake needs jdk.crypto.ec, a security
   * provider jdeps cannot see. Any request that reaches the server got through the handshake.
   */
  @Test
  void itCompletesTlsWithAnApiServerWithAnEcdsaCertificate() throws Exception {
    Path keystore = tmp.resolve("api-server.p12");
    char[] password = "changeit".toCharArray();
    Run keytool = InstalledCopy.execAsTester(Map.of(), List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "api", "-dname", "CN=127.0.0.1",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", new String(password)), tmp);
    assertThat(keytool.exitCode()).as(keytool.err()).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, password);
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    AtomicInteger requests = new AtomicInteger();
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
    try {
      Path kubeconfig = MockApiServer.writeKubeconfig(tmp.resolve("kubeconfig"), "https://127.0.0.1:" + server.getAddress().getPort(), "ec", "default");
      Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("r--r--r--"));
      Run run = istiolint(image.resolve("bin/istiolint"), "lint", "--cluster", "--kubeconfig", kubeconfig.toString(), "-n", "default");
      assertThat(requests.get()).as("requests through TLS; istiolint said: %s", run.err()).isPositive();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theLauncherFindsTheImageThroughASymlink() throws Exception {
    Path link = Files.createDirectories(tmp.resolve("usr/local/bin")).resolve("istiolint");
    Files.createSymbolicLink(link, image.resolve("bin/istiolint"));
    Run version = istiolint(link, "version");
    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).startsWith("istiolint ");
  }

  /** A copy that did not keep the jar's modification time (cp without -p): the JVM refuses the archive, quietly. */
  @Test
  void aJarTheArchiveDoesNotMatchRunsWithoutItAndStdoutStaysPure() throws Exception {
    Path jar = image.resolve("lib/istiolint/istiolint.jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    assertPureReport(lintBookinfo());
  }

  /**
   * With GNU find on the PATH the launcher sees the size of the input, as the checkout's does (issue 14): a generated
   * mesh over 4 MiB gets the throughput collector and a 256 MiB young generation, Bookinfo the defaults. The JVM
   * reports what it was given.
   */
  @Test
  void aLargeInputGetsTheThroughputCollector() throws Exception {
    Path find = Stream.of("/usr/bin", "/bin").map(dir -> Path.of(dir, "find")).filter(Files::isExecutable).findFirst().orElseThrow();
    Files.copy(find, Path.of(env.get("PATH")).resolve("find"), StandardCopyOption.COPY_ATTRIBUTES);
    Path mesh = tmp.resolve("mesh");
    MeshGenerator.write(Files.createDirectories(mesh), 10, 230);
    env.put("ISTIOLINT_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
    Run large = istiolint(image.resolve("bin/istiolint"), "lint", "--help", mesh.toString());
    assertThat(large.exitCode()).as(large.err()).isZero();
    assertThat(large.err()).contains("-XX:+UseParallelGC", "-XX:NewSize=268435456", "-XX:TieredStopAtLevel=1");
    Run small = lintBookinfo();
    assertThat(small.exitCode()).as(small.err()).isZero();
    assertThat(small.err()).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC").doesNotContain("-XX:+UseParallelGC");
  }

  /** -Xshare:off (through ISTIOLINT_JAVA_OPTS, as with bin/istiolint) turns the archives off and nothing else. */
  @Test
  void withoutClassDataSharingItStillRuns() throws Exception {
    env.put("ISTIOLINT_JAVA_OPTS", "-Xshare:off");
    assertPureReport(lintBookinfo());
  }
}
