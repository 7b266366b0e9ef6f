package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.testdata.InstalledCopy.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
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
 * bin/istiolint installed where its user cannot write (issue 12, bug 1): the class-data-sharing archive the launcher
 * used to write beside the jar failed on every run, retried each time, and the JVM's error ended up in the JSON on
 * stdout. Lints Bookinfo as deployed, as the README's first command does.
 */
class ReadOnlyInstallTest {

  private static final JsonMapper STRICT_JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final List<String> BOOKINFO = List.of("platform/kube/bookinfo.yaml", "networking/bookinfo-gateway.yaml",
      "networking/destination-rule-all.yaml", "networking/virtual-service-all-v1.yaml");

  @TempDir
  Path tmp;

  private InstalledCopy install;
  private Path bookinfo;
  private Path jvmLog;
  private Path countingJdk;

  @BeforeEach
  void install() throws Exception {
    install = InstalledCopy.in(tmp);
    bookinfo = tmp.resolve("bookinfo");
    for (String file : BOOKINFO) {
      Path copy = bookinfo.resolve(file);
      Files.createDirectories(copy.getParent());
      Files.copy(Path.of("samples/istio/bookinfo").resolve(file), copy);
    }
    try (Stream<Path> all = Files.walk(bookinfo)) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
      }
    }
  }

  /**
   * A JDK whose {@code java} writes each command line it is started with to {@link #jvmLog} before it runs the real
   * one, so a test sees which JVMs a run started (an archive dump is a JVM of its own) instead of guessing from time.
   * Every later run of the test uses it: the launcher names archives after the {@code java} it runs.
   */
  private void countJvms() throws IOException {
    Path jdk = tmp.resolve("jdk");
    Path real = Path.of(System.getProperty("java.home"));
    Path logs = InstalledCopy.writableDirectory(tmp.resolve("jvm-log"));
    jvmLog = logs.resolve("started.txt");
    Files.createDirectories(jdk.resolve("bin"));
    Files.createSymbolicLink(jdk.resolve("lib"), real.resolve("lib"));
    Files.createSymbolicLink(jdk.resolve("release"), real.resolve("release"));
    Path java = jdk.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> " + jvmLog + "\nexec " + real.resolve("bin/java") + " \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("r-xr-xr-x"));
    Files.setPosixFilePermissions(jdk.resolve("bin"), PosixFilePermissions.fromString("r-xr-xr-x"));
    Files.setPosixFilePermissions(jdk, PosixFilePermissions.fromString("r-xr-xr-x"));
    countingJdk = jdk;
  }

  /** The command lines of the JVMs started since the last call. */
  private List<String> jvmsStarted() throws IOException {
    if (!Files.exists(jvmLog)) {
      return List.of();
    }
    List<String> started = Files.readAllLines(jvmLog);
    Files.delete(jvmLog);
    return started;
  }

  private Run lintBookinfo(Path home, String... javaOpts) throws Exception {
    String[] args = Stream.concat(Stream.of("lint", "--format", "json"), BOOKINFO.stream()).toArray(String[]::new);
    List<String> command = Stream.concat(Stream.of(install.bin().resolve("istiolint").toString()), Stream.of(args)).toList();
    Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString()));
    if (countingJdk != null) {
      env.put("PATH", countingJdk.resolve("bin") + ":" + System.getenv("PATH"));
    }
    if (javaOpts.length > 0) {
      env.put("ISTIOLINT_JAVA_OPTS", String.join(" ", javaOpts));
    }
    return install.exec(env, command, bookinfo);
  }

  /** stdout is one JSON document and nothing else, and it is Bookinfo's clean report. */
  private static void assertPureReport(Run run) throws IOException {
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = STRICT_JSON.readTree(run.out());
    assertThat(report.get("summary").get("resources").asInt(0)).isEqualTo(24);
    assertThat(report.get("findings")).isEmpty();
    assertThat(run.err()).doesNotContain("archive", "VM");
  }

  private static List<Path> archives(Path home) throws IOException {
    Path cache = home.resolve(".cache/istiolint");
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.toList();
    }
  }

  @Test
  void aWritableHomeKeepsTheArchiveThatTheSecondRunReuses() throws Exception {
    Path home = InstalledCopy.writableDirectory(tmp.resolve("home"));
    countJvms();
    Run first = lintBookinfo(home);
    assertPureReport(first);
    assertThat(jvmsStarted()).as("the first run writes the archive").anyMatch(line -> line.contains("-XX:ArchiveClassesAtExit="));
    List<Path> written = archives(home);
    assertThat(written).as("one archive in the per-user cache").hasSize(1).allMatch(p -> p.toString().endsWith(".jsa"));
    FileTime writtenAt = Files.getLastModifiedTime(written.get(0));

    Path classLog = home.resolve("classes.log");
    Run second = lintBookinfo(home, "-Xlog:class+load=info:file=" + classLog);
    assertPureReport(second);
    assertThat(archives(home)).as("not written again").containsExactlyElementsOf(written);
    assertThat(Files.getLastModifiedTime(written.get(0))).isEqualTo(writtenAt);
    assertThat(Files.readString(classLog)).as("istiolint's classes come from the archive")
        .containsPattern("io\\.istiolint\\.cli\\.Istiolint source: shared objects file \\(top\\)");
    assertThat(jvmsStarted()).as("the second run only lints, with the archive").singleElement().asString()
        .contains("-XX:SharedArchiveFile=").doesNotContain("ArchiveClassesAtExit");
  }

  @Test
  void anUnwritableHomeRunsWithoutAnArchiveAndNeverTriesToWriteOne() throws Exception {
    Path home = tmp.resolve("readonly-home");
    Files.createDirectories(home);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("r-xr-xr-x"));
    countJvms();
    Run first = lintBookinfo(home);
    Run second = lintBookinfo(home);
    assertPureReport(first);
    assertPureReport(second);
    assertThat(first.err() + second.err()).isEmpty();
    assertThat(archives(home)).isEmpty();
    assertThat(jvmsStarted()).as("one JVM per run, none of them writing an archive").hasSize(2)
        .noneMatch(line -> line.contains("ArchiveClassesAtExit") || line.contains("SharedArchiveFile") || line.contains("AOTCache"));
  }

  /** A JVM without the JDK's own archive (here: -Xshare:off), which an application's extends, refuses to write one. */
  @Test
  void withoutTheJdksArchiveItRunsWithoutOne() throws Exception {
    Path home = InstalledCopy.writableDirectory(tmp.resolve("home"));
    assertPureReport(lintBookinfo(home, "-Xshare:off"));
    assertThat(archives(home)).isEmpty();
  }

  /** An archive that could not be written (here: over the file size limit) is not tried again. */
  @Test
  void anArchiveThatCouldNotBeWrittenIsNotTriedAgain() throws Exception {
    Path home = InstalledCopy.writableDirectory(tmp.resolve("home"));
    List<String> limited = Stream.concat(Stream.of("bash", "-c", "ulimit -f 1000; exec \"$@\"", "bash",
        install.bin().resolve("istiolint").toString(), "lint", "--format", "json"), BOOKINFO.stream()).toList();
    Run failed = install.exec(Map.of("HOME", home.toString()), limited, bookinfo);
    assertThat(STRICT_JSON.readTree(failed.out()).get("findings")).as("stdout stays pure").isEmpty();
    assertThat(failed.err()).as("the JVM says why, on stderr").contains("shared archive");
    assertThat(archives(home)).extracting(p -> p.getFileName().toString()).singleElement().asString().endsWith(".jsa.failed");

    Run next = lintBookinfo(home);
    assertPureReport(next);
    assertThat(archives(home)).extracting(p -> p.getFileName().toString()).singleElement().asString().endsWith(".jsa.failed");
  }

  @Test
  void aNewBuildGetsANewArchiveAndTheOldOneIsRemoved() throws Exception {
    Path home = InstalledCopy.writableDirectory(tmp.resolve("home"));
    assertPureReport(lintBookinfo(home));
    List<Path> before = archives(home);
    Path jar = install.bin().resolveSibling("cli/target/istiolint.jar");
    // A rebuilt jar: the same path, another modification time (its owner can set that without write permission).
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    assertPureReport(lintBookinfo(home));
    List<Path> after = archives(home);
    assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
  }
}
