package io.istiolint.cli;

import io.istiolint.api.Finding;
import io.istiolint.api.Location;
import io.istiolint.engine.LintReport;
import io.istiolint.load.InputSource;
import io.istiolint.model.Resource;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory the file names of repository-facing reports (SARIF, GitHub annotations, JUnit, checkstyle) are
 * relative to: the repository root, so that a CI step run in a subdirectory still points at files that exist in
 * the repository. Files outside it are named by their absolute paths; standard input and cluster objects keep
 * the names they have.
 */
final class PathBase {

  private final Path base;
  private final Path workingDirectory;
  private final Map<String, String> names = new HashMap<>();

  /**
   * @param base             the directory names are made relative to
   * @param workingDirectory the directory relative input names are relative to
   */
  PathBase(Path base, Path workingDirectory) {
    this.base = base.toAbsolutePath().normalize();
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
  }

  /**
   * The root of the git work tree around {@code dir} (the nearest directory, {@code dir} included, holding a
   * {@code .git} directory, or the {@code .git} file of a worktree or submodule), else {@code dir} itself.
   */
  static Path repositoryRoot(Path dir) {
    Path start = dir.toAbsolutePath().normalize();
    for (Path d = start; d != null; d = d.getParent()) {
      Path git = d.resolve(".git");
      if (Files.isDirectory(git) || Files.isRegularFile(git)) {
        return d;
      }
    }
    return start;
  }

  Path directory() {
    return base;
  }

  /** The report with every file name in its findings and resources relative to the base. */
  LintReport apply(LintReport report) {
    List<Finding> findings = report.findings().stream()
        .map(f -> new Finding(f.code(), f.rule(), f.severity(), f.message(), f.hint(), f.resource(), f.path(), relocate(f.location()),
            f.equivalents()))
        .toList();
    List<Resource> resources = report.resources().stream()
        .map(r -> r.withSourceMap(path -> relocate(r.sourceMap().locate(path))))
        .toList();
    return new LintReport(findings, report.summary(), report.mesh(), report.unverified(), report.unverifiedReferences(),
        report.inputErrors(), report.notices(), resources, report.graph());
  }

  private Location relocate(Location at) {
    return at == null ? null : new Location(name(at.file()), at.line(), at.column());
  }

  /** {@code file} relative to the base with {@code /} between names when it lies below it; else its absolute path. */
  String name(String file) {
    return names.computeIfAbsent(file, this::relativize);
  }

  private String relativize(String file) {
    if (file.equals(InputSource.STDIN_NAME) || file.startsWith(Location.CLUSTER_SCHEME) || file.startsWith(Location.ADMISSION_SCHEME)) {
      return file;
    }
    Path absolute;
    try {
      absolute = workingDirectory.resolve(file).normalize();
    } catch (InvalidPathException e) {
      return file;
    }
    if (!absolute.startsWith(base) || absolute.equals(base)) {
      return absolute.toString();
    }
    StringBuilder relative = new StringBuilder();
    for (Path part : base.relativize(absolute)) {
      relative.append(relative.length() == 0 ? "" : "/").append(part);
    }
    return relative.toString();
  }
}
