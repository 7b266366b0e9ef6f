package io.istiolint.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Expands the paths given on the command line into the files to read: a file as given (whatever its
 * extension), a directory recursively ({@code .yaml}, {@code .yml}, {@code .json}; hidden directories such as
 * {@code .git} and hidden files such as {@code .istiolint.yaml} or {@code .gitlab-ci.yml}, which are tool
 * configuration, not manifests, skipped; so is a Helm chart below a given directory, a directory holding a
 * {@code Chart.yaml}: its templates are linted as {@code helm template} renders them), {@code -} for standard input. Order is stable: arguments in order, files sorted.
 * A file both named and found in a directory counts as named.
 */
public final class InputCollector {

  private static final long MAX_KUSTOMIZATION_BYTES = 1024 * 1024;
  private static final int MAX_ALIASES = 50;

  /** A path given that does not exist. */
  public static final class MissingPathException extends Exception {
    private static final long serialVersionUID = 1L;

    MissingPathException(String path) {
      super("no such file or directory: " + path);
    }
  }

  /**
   * The files found, the directories given that held none, and the symbolic links found that lead nowhere
   * (each "link -> target"), which a directory walk skips but the user should hear of.
   */
  public record Inputs(List<InputSource> sources, List<String> directoriesWithoutYaml, List<String> brokenLinks) {}

  private InputCollector() {}

  public static Inputs collect(List<String> arguments) throws MissingPathException, IOException {
    Map<String, InputSource> sources = new LinkedHashMap<>();
    List<String> empty = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.equals("-")) {
        sources.put(InputSource.STDIN_NAME, InputSource.stdin());
        continue;
      }
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        List<Path> found = walk(path, broken);
        if (found.isEmpty()) {
          empty.add(argument);
        }
        found.forEach(p -> sources.putIfAbsent(p.toString(), InputSource.walked(p)));
      } else if (Files.exists(path)) {
        sources.put(path.toString(), InputSource.file(path));
      } else {
        throw new MissingPathException(argument);
      }
    }
    return new Inputs(List.copyOf(sources.values()), List.copyOf(empty), List.copyOf(broken));
  }

  private static List<Path> walk(Path root, List<String> broken) throws IOException {
    List<Path> files = new ArrayList<>();
    Set<Path> patches = new java.util.HashSet<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          boolean below = !dir.equals(root);
          boolean hidden = below && dir.getFileName().toString().startsWith(".");
          // A Helm chart's sources (Chart.yaml, values, Go templates) are not manifests: what it renders is.
          boolean chart = below && Files.isRegularFile(dir.resolve("Chart.yaml"));
          patches.addAll(kustomizePatches(dir));
          return hidden || chart ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          boolean manifest = isManifest(file) && !file.getFileName().toString().startsWith(".")
              && !patches.contains(file.toAbsolutePath().normalize());
          // A link is seen as a link: one to a manifest counts as the manifest, one to nothing is reported.
          boolean regular = attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file);
          if (manifest && regular) {
            files.add(file);
          } else if (manifest && attrs.isSymbolicLink() && !Files.exists(file)) {
            broken.add(file + " -> " + target(file));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    files.sort(null);
    return files;
  }

  private static String target(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "?";
    }
  }

  /**
   * The patch files a kustomization in {@code dir} names ({@code patches[].path}, {@code patchesJson6902[].path},
   * {@code patchesStrategicMerge[]}): partial objects or JSON patch lists that kustomize merges into its
   * resources, never applied as they are. A kustomization that cannot be read names none.
   */
  private static Set<Path> kustomizePatches(Path dir) {
    Set<Path> found = new java.util.HashSet<>();
    for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
      Path file = dir.resolve(name);
      try {
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_KUSTOMIZATION_BYTES) {
          continue;
        }
        Object root = new Load(LoadSettings.builder().setMaxAliasesForCollections(MAX_ALIASES).build())
            .loadFromString(Files.readString(file));
        if (root instanceof Map<?, ?> kustomization) {
          for (String key : List.of("patches", "patchesJson6902", "patchesStrategicMerge")) {
            if (kustomization.get(key) instanceof List<?> entries) {
              for (Object entry : entries) {
                Object path = entry instanceof Map<?, ?> m ? m.get("path") : entry;
                if (path instanceof String p && !p.contains("\n")) {
                  found.add(dir.resolve(p).toAbsolutePath().normalize());
                }
              }
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // unreadable or not YAML: the Loader reports the file itself, and it names no patches
      }
    }
    return found;
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }
}
