package io.istiolint.load;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Document;
import io.istiolint.model.Document.DuplicateKey;
import io.istiolint.model.Document.Problem;
import io.istiolint.model.Origin;
import io.istiolint.model.Resource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Reads one input into documents and resources. Every problem becomes part of a {@link Document} (to be
 * reported as a finding); only a failure to read the input at all is thrown.
 */
public final class Loader {

  /** The file names kustomize looks for in a directory. */
  private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private static final int BINARY_SNIFF_BYTES = 8000;

  /**
   * Documents are parsed in groups of about this many characters: setting up snakeyaml-engine's reader, scanner
   * and parser cost as much as parsing a small document.
   */
  private static final int GROUP_CHARS = 32 * 1024;

  private final LoadLimits limits;
  private final ObjectReader reader;

  public Loader(LoadLimits limits, String defaultNamespace) {
    this.limits = limits;
    this.reader = new ObjectReader(defaultNamespace);
  }

  /**
   * Reads {@code source}, handing its documents to {@code sink} in order. The groups of a large file are parsed
   * in parallel, so that one huge file does not leave all but one core idle.
   */
  public void load(InputSource source, Consumer<Document> sink) throws IOException {
    List<List<DocumentSplitter.Chunk>> groups = new ArrayList<>();
    try (InputStream raw = source.open(); BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024)) {
      Problem unreadable = sniff(in, source.name());
      if (unreadable != null) {
        sink.accept(Document.unreadable(unreadable));
        return;
      }
      DocumentSplitter chunks = new DocumentSplitter(new CheckedUtf8Reader(in), limits.maxDocumentChars());
      List<DocumentSplitter.Chunk> group = new ArrayList<>();
      int groupChars = 0;
      while (chunks.hasNext()) {
        DocumentSplitter.Chunk chunk = chunks.next();
        group.add(chunk);
        groupChars += chunk.text().length();
        if (groupChars >= GROUP_CHARS) {
          groups.add(group);
          group = new ArrayList<>();
          groupChars = 0;
        }
      }
      if (!group.isEmpty()) {
        groups.add(group);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<List<YamlTreeBuilder.Tree>> parsed = new ArrayList<>(Collections.nCopies(groups.size(), null));
    IntStream indexes = IntStream.range(0, groups.size());
    (groups.size() > 1 ? indexes.parallel() : indexes).forEach(i -> parsed.set(i, parseAtOnce(groups.get(i), source.name())));
    ObjectsOnly objects = new ObjectsOnly(sink, source.walked(), source.name());
    for (int i = 0; i < groups.size(); i++) {
      loadGroup(groups.get(i), parsed.get(i), source.name(), sink, objects);
    }
  }

  /** Reads a whole input into a list; convenient for small inputs and tests. */
  public List<Document> load(InputSource source) throws IOException {
    List<Document> documents = new ArrayList<>();
    load(source, documents::add);
    return documents;
  }

  /** Refuses binary and UTF-16/32 input before decoding: parsing them only yields noise. */
  private static Problem sniff(BufferedInputStream in, String file) throws IOException {
    in.mark(BINARY_SNIFF_BYTES);
    byte[] head = in.readNBytes(BINARY_SNIFF_BYTES);
    in.reset();
    if (head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF) || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
      return new Problem(new Location(file, 1, 1), "the file is UTF-16 or UTF-32 encoded", "save it as UTF-8, which kubectl and the API server expect");
    }
    int line = 1;
    int column = 1;
    for (int i = 0; i < head.length; i++) {
      if (head[i] == 0) {
        return new Problem(new Location(file, line, column),
            "binary file (NUL byte at offset " + i + "), not YAML or JSON", "lint only manifests; check the path or the file type");
      }
      if (head[i] == '\n') {
        line++;
        column = 1;
      } else if ((head[i] & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
        column++;
      }
    }
    return null;
  }

  /**
   * Where the documents of a file go. In a file found in a directory, those with neither apiVersion nor kind are held
   * back until one that has them shows the file holds Kubernetes objects (then they are reported, as they are in a
   * named file); a file without any is other YAML (a CI workflow, a compose file, package.json) and is skipped.
   */
  private static final class ObjectsOnly {
    /** Shared by every resource of the file. */
    final Origin origin;
    private final Consumer<Document> sink;
    private final List<Document> held = new ArrayList<>();
    private boolean manifest;

    ObjectsOnly(Consumer<Document> sink, boolean walked, String file) {
      this.origin = Origin.file(file);
      this.sink = sink;
      this.manifest = !walked;
    }

    void accept(Document document, JsonNode root) {
      if (!manifest && root.isObject() && (root.has("apiVersion") || root.has("kind"))) {
        manifest = true;
        held.forEach(sink);
        held.clear();
      }
      if (manifest) {
        sink.accept(document);
      } else {
        held.add(document);
      }
    }
  }

  /**
   * Parses consecutive chunks at once, without marks, when they are all readable; null when they are not, or
   * when that parse fails (see {@link #loadGroup}).
   */
  private List<YamlTreeBuilder.Tree> parseAtOnce(List<DocumentSplitter.Chunk> group, String file) {
    if (group.size() > 1 && readable(group)) {
      int length = 0;
      for (DocumentSplitter.Chunk chunk : group) {
        length += chunk.text().length();
      }
      StringBuilder text = new StringBuilder(length);
      for (DocumentSplitter.Chunk chunk : group) {
        text.append(chunk.text());
      }
      return ChunkParser.parseWithoutMarks(text.toString(), file, limits);
    }
    return null;
  }

  /**
   * Hands on the documents of {@code group}, parsed at once into {@code trees}. Each chunk holds at most one
   * document (the splitter cuts at every marker), so when the parse yielded one tree per chunk, tree i is chunk
   * i's document, located later by chunk i's own text. Otherwise (an error, a repeated key, a chunk of comments
   * only) each chunk is parsed on its own, which reports every problem where it is.
   */
  private void loadGroup(List<DocumentSplitter.Chunk> group, List<YamlTreeBuilder.Tree> trees, String file,
      Consumer<Document> sink, ObjectsOnly objects) {
    if (trees == null || trees.size() != group.size()) {
      for (DocumentSplitter.Chunk chunk : group) {
        loadChunk(chunk, file, sink, objects);
      }
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      emit(group.get(i), List.of(trees.get(i)), file, objects);
    }
  }

  private static boolean readable(List<DocumentSplitter.Chunk> group) {
    for (DocumentSplitter.Chunk chunk : group) {
      if (chunk.oversized() || chunk.malformedLine() >= 0) {
        return false;
      }
    }
    return true;
  }

  private void loadChunk(DocumentSplitter.Chunk chunk, String file, Consumer<Document> sink, ObjectsOnly objects) {
    Location chunkStart = new Location(file, chunk.firstLine() + 1, 1);
    if (chunk.oversized()) {
      sink.accept(Document.unreadable(new Problem(chunkStart,
          "document is larger than " + (limits.maxDocumentChars() / (1024 * 1024)) + " MiB and was not read",
          "the API server stores at most about 1.5 MiB per object; split the document")));
      return;
    }
    if (chunk.malformedLine() >= 0) {
      sink.accept(Document.unreadable(new Problem(new Location(file, chunk.malformedLine() + 1, chunk.malformedColumn()),
          "bytes that are not valid UTF-8", "save the file as UTF-8")));
      return;
    }
    List<YamlTreeBuilder.Tree> trees;
    try {
      trees = ChunkParser.parse(chunk.text(), file, chunk.firstLine(), limits, false);
    } catch (YamlSyntaxException e) {
      sink.accept(Document.unreadable(new Problem(e.location(), e.getMessage(), e.hint())));
      return;
    }
    emit(chunk, trees, file, objects);
  }

  /** Hands on the documents of {@code chunk}, parsed into {@code trees}. */
  private void emit(DocumentSplitter.Chunk chunk, List<YamlTreeBuilder.Tree> trees, String file, ObjectsOnly objects) {
    for (int i = 0; i < trees.size(); i++) {
      YamlTreeBuilder.Tree tree = trees.get(i);
      if (tree.root() == null || tree.root().isNull()) {
        continue; // an empty document, as after a trailing "---": kubectl skips it too
      }
      if (isKustomizeInput(tree.root(), file)) {
        continue; // kubectl -k reads it to build the objects; it is never applied itself
      }
      DocumentSource source = new DocumentSource(chunk.text(), file, chunk.firstLine(), i, limits);
      objects.accept(toDocument(tree, source, objects.origin), tree.root());
    }
  }

  private Document toDocument(YamlTreeBuilder.Tree tree, DocumentSource source, Origin origin) {
    ObjectReader.Objects objects = reader.read(tree.root(), origin, (base, ref) -> path -> source.locate(base.resolve(path)));
    List<Problem> problems = new ArrayList<>();
    for (ObjectReader.Rejection r : objects.rejections()) {
      problems.add(new Problem(source.locate(r.at()), r.message(), r.hint()));
    }
    List<DuplicateKey> duplicates = new ArrayList<>();
    for (YamlTreeBuilder.Duplicate d : tree.duplicates()) {
      duplicates.add(ownerOf(d, objects.resources(), objects.bases()));
    }
    return Document.parsed(source::locate, problems, duplicates, objects.resources());
  }

  /**
   * Kustomize's own files: a Kustomization or Component ({@code kustomize.config.k8s.io}, no metadata needed),
   * a {@code kustomization.yaml} of the older form without apiVersion and kind, or a strategic merge patch
   * that deletes or replaces an object ({@code $patch} at the top level).
   */
  private static boolean isKustomizeInput(JsonNode root, String file) {
    if (!root.isObject()) {
      return false;
    }
    if (root.path("apiVersion").asString("").startsWith("kustomize.config.k8s.io/") || root.has("$patch")) {
      return true;
    }
    String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    return KUSTOMIZATION_FILES.contains(name) && !root.has("apiVersion") && !root.has("kind");
  }

  /** Attributes a repeated key to the resource it is in, with a path relative to that resource. */
  private static DuplicateKey ownerOf(YamlTreeBuilder.Duplicate d, List<Resource> resources, List<YamlPath> bases) {
    List<Object> segments = d.path().segments();
    for (int i = resources.size() - 1; i >= 0; i--) {
      List<Object> base = bases.get(i).segments();
      if (segments.size() > base.size() && segments.subList(0, base.size()).equals(base)) {
        YamlPath relative = YamlPath.ofSegments(segments.subList(base.size(), segments.size())).key();
        return new DuplicateKey(resources.get(i).ref(), relative, d.location(), d.firstLocation());
      }
    }
    return new DuplicateKey(null, d.path(), d.location(), d.firstLocation());
  }
}
