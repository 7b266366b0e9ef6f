package io.istiolint.load;

import io.istiolint.model.Document;
import io.istiolint.model.Resource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Manifests read for a test as {@code istiolint lint} reads a file by default (namespace {@code default}). */
public final class TestInputs {

  private TestInputs() {}

  /** The documents of {@code file}, in order. */
  public static List<Document> documents(Path file) throws IOException {
    return new Loader(LoadLimits.DEFAULT, "default").load(InputSource.file(file));
  }

  /** The resources of {@code file}, in order. */
  public static List<Resource> resources(Path file) throws IOException {
    return documents(file).stream().flatMap(d -> d.resources().stream()).toList();
  }
}
