package io.istiolint.testdata;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of the install (bin/istiolint beside cli/target/istiolint.jar, as built by {@code mvn package}) in a
 * directory nobody can write to, run as a process by a user who does not own it: {@code nobody} when the tests run
 * as root (as CI does), else the user running them.
 */
final class InstalledCopy {

  /** What one run printed, its exit code and how long it took. */
  record Run(int exitCode, String out, String err) {}

  static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
  /** The runnable jar, built by the cli module's package phase. */
  static final Path JAR = CHECKOUT.resolve("cli/target/istiolint.jar");
  private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r-xr-xr-x");
  private static final Set<PosixFilePermission> OPEN = PosixFilePermissions.fromString("rwxrwxrwx");

  private final Path root;
  private final List<String> asUser;

  private InstalledCopy(Path root, List<String> asUser) {
    this.root = root;
    this.asUser = asUser;
  }

  /** Copies the install into {@code dir}/install, read-only; skips the test if no non-root user can run it. */
  static InstalledCopy in(Path dir) throws IOException, InterruptedException {
    assumeTrue(Files.isRegularFile(JAR), "the runnable jar is built by the cli module's package phase: " + JAR);
    List<String> asUser = nonRootUser(dir);
    Path root = dir.resolve("install");
    Files.createDirectories(root.resolve("bin"));
    Files.createDirectories(root.resolve("cli/target"));
    Files.copy(CHECKOUT.resolve("bin/istiolint"), root.resolve("bin/istiolint"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(JAR, root.resolve("cli/target/istiolint.jar"), StandardCopyOption.COPY_ATTRIBUTES);
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.setPosixFilePermissions(p, Files.isDirectory(p) || p.endsWith("istiolint") ? READ_ONLY
            : PosixFilePermissions.fromString("r--r--r--"));
      }
    }
    return new InstalledCopy(root, asUser);
  }

  /**
   * The command prefix that runs a process as a user who cannot write to what root installed: {@code runuser -u
   * nobody --} when the tests run as root (as CI does), else none; skips the test if that is not available. Opens
   * {@code dir}, which the user must reach.
   */
  static List<String> nonRootUser(Path dir) throws IOException, InterruptedException {
    List<String> asUser = List.of();
    if (System.getProperty("user.name").equals("root")) {
      asUser = List.of("runuser", "-u", "nobody", "--");
      assumeTrue(exec(Map.of(), asUser, List.of("true"), dir.getRoot()).exitCode() == 0,
          "running as root, and 'runuser -u nobody' is not available to run the install as a user who cannot write to it");
    }
    // The user running it must reach everything below the test's (private) temporary directory.
    Files.setPosixFilePermissions(dir, OPEN);
    return asUser;
  }

  Path bin() {
    return root.resolve("bin");
  }

  /** A directory the running user can write to. */
  static Path writableDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, OPEN);
    return dir;
  }

  /** Runs {@code bin/istiolint args} in {@code workDir} with the given HOME and no XDG_CACHE_HOME. */
  Run run(Path home, Path workDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(bin().resolve("istiolint").toString()));
    command.addAll(List.of(args));
    return exec(Map.of("HOME", home.toString()), asUser, command, workDir);
  }

  /** Runs {@code command} as the copy's user with {@code env} added to (or replacing) the environment. */
  Run exec(Map<String, String> env, List<String> command, Path workDir) throws IOException, InterruptedException {
    return exec(env, asUser, command, workDir);
  }

  /** Runs {@code command} as the user running the tests, with {@code env} added to (or replacing) the environment. */
  static Run execAsTester(Map<String, String> env, List<String> command, Path workDir) throws IOException, InterruptedException {
    return exec(env, List.of(), command, workDir);
  }

  /** Runs {@code command} as {@code asUser} (see {@link #nonRootUser}) with {@code env} added to the environment. */
  static Run exec(Map<String, String> env, List<String> asUser, List<String> command, Path workDir)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(asUser);
    // runuser resets HOME to the user's own; env sets the one the test chose, after it.
    full.add("env");
    full.add("-u");
    full.add("XDG_CACHE_HOME");
    env.forEach((k, v) -> full.add(k + "=" + v));
    full.addAll(command);
    Path out = Files.createTempFile("istiolint-out", ".txt");
    Path err = Files.createTempFile("istiolint-err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + full);
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }
}
