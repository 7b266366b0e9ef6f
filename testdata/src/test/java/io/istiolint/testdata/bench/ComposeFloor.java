package io.istiolint.testdata.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;

/**
 * The floor of the cold benchmark ({@code bin/bench-cold}): a JVM that does nothing but read every YAML file under a
 * directory and compose every document with snakeyaml-engine, marks included, as istiolint's parser must. Run cold,
 * with the launcher's JVM flags, it is what a lint of the same files cannot beat without another parser.
 * {@code DIR [THREADS]}: files are shared out between THREADS (default 1); prints the number of documents composed.
 */
public final class ComposeFloor {

  private ComposeFloor() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    List<Path> files;
    try (Stream<Path> all = Files.walk(dir)) {
      files = all.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
    LoadSettings settings = LoadSettings.builder().build();
    long documents = 0;
    if (threads == 1) {
      for (Path file : files) {
        documents += compose(file, settings);
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Long>> composed = files.stream().map(file -> pool.submit(() -> compose(file, settings))).toList();
        for (Future<Long> f : composed) {
          documents += f.get();
        }
      } finally {
        pool.shutdown();
      }
    }
    System.out.println(documents + " documents composed from " + files.size() + " files with " + threads + " thread(s)");
  }

  private static long compose(Path file, LoadSettings settings) {
    try (Reader r = Files.newBufferedReader(file)) {
      long documents = 0;
      for (var ignored : new Compose(settings).composeAllFromReader(r)) {
        documents++;
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
