package io.istiolint.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Documents are first parsed without marks, many at a time; every position a user sees must still be exact:
 * syntax errors, refused values and repeated keys (found by parsing again with marks) and the positions of
 * findings (found by the lazy re-parse of one document).
 */
class MarklessLoadTest {

  private static final int DOCUMENTS = 1000; // several parse groups, parsed in parallel
  private static final int LINES_PER_DOCUMENT = 8;
  private static final int BROKEN = 150;
  private static final int REPEATED = 100;
  private static final int NOT_A_NUMBER = 120;

  @TempDir
  Path dir;

  @Test
  void theFirstPassRecordsNoPositions() throws YamlSyntaxException {
    String text = document(0);
    YamlTreeBuilder.Tree loaded = ChunkParser.parse(text, "f.yaml", 0, LoadLimits.DEFAULT, false).get(0);
    assertThat(loaded.rootLocation()).isNull();
    assertThat(loaded.positions()).isNull();
    YamlTreeBuilder.Tree located = ChunkParser.parse(text, "f.yaml", 0, LoadLimits.DEFAULT, true).get(0);
    assertThat(located.rootLocation()).isEqualTo(new Location("f.yaml", 2, 1));
    assertThat(located.root()).isEqualTo(loaded.root());
  }

  @Test
  void everyPositionInALargeFileIsExact() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < DOCUMENTS; i++) {
      text.append(document(i));
    }
    Path file = dir.resolve("many.yaml");
    Files.writeString(file, text);
    String name = file.toString();

    List<Document> documents = TestInputs.documents(file);
    assertThat(documents).hasSize(DOCUMENTS);
    for (int i = 0; i < DOCUMENTS; i++) {
      Document document = documents.get(i);
      if (i == BROKEN || i == NOT_A_NUMBER) {
        assertThat(document.resources()).isEmpty();
        continue;
      }
      assertThat(document.resources()).hasSize(1);
      assertThat(document.resources().get(0).name()).isEqualTo("cm-" + i);
      assertThat(document.duplicateKeys()).hasSize(i == REPEATED ? 1 : 0);
    }

    Mark mark = markOfError(document(BROKEN));
    int brokenStart = BROKEN * LINES_PER_DOCUMENT;
    assertThat(documents.get(BROKEN).syntaxError().location())
        .isEqualTo(new Location(name, brokenStart + mark.getLine() + 1, mark.getColumn() + 1));

    int nanLine = NOT_A_NUMBER * LINES_PER_DOCUMENT + 8;
    assertThat(documents.get(NOT_A_NUMBER).syntaxError().location()).isEqualTo(new Location(name, nanLine, 10));
    assertThat(documents.get(NOT_A_NUMBER).syntaxError().message()).contains("`.nan` is not a number");

    Document.DuplicateKey repeated = documents.get(REPEATED).duplicateKeys().get(0);
    int repeatedStart = REPEATED * LINES_PER_DOCUMENT;
    assertThat(repeated.path()).isEqualTo(YamlPath.of("data", "key").key());
    assertThat(repeated.location()).isEqualTo(new Location(name, repeatedStart + 8, 3));
    assertThat(repeated.firstLocation()).isEqualTo(new Location(name, repeatedStart + 7, 3));

    int start = 260 * LINES_PER_DOCUMENT;
    Document plain = documents.get(260);
    assertThat(plain.start()).isEqualTo(new Location(name, start + 2, 1));
    assertThat(plain.resources().get(0).sourceMap().locate(YamlPath.of("data", "key")))
        .isEqualTo(new Location(name, start + 7, 8));
    assertThat(plain.resources().get(0).sourceMap().locate(YamlPath.of("metadata", "name").key()))
        .isEqualTo(new Location(name, start + 5, 3));
  }

  /** Document {@code i}: {@link #LINES_PER_DOCUMENT} lines, the marker first; three are broken on purpose. */
  private static String document(int i) {
    String last = switch (i) {
      case BROKEN -> "  other: {a: [b}";
      case REPEATED -> "  key: again";
      case NOT_A_NUMBER -> "  other: .nan";
      default -> "  other: \"" + "x".repeat(60) + "\"";
    };
    return "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-" + i + "\ndata:\n  key: value-" + i + "\n"
        + last + "\n";
  }

  /** Where snakeyaml-engine itself, with marks, reports the syntax error of {@code text}. */
  private static Mark markOfError(String text) {
    try {
      new Parse(LoadSettings.builder().build()).parseString(text).forEach(event -> { });
    } catch (MarkedYamlEngineException e) {
      return e.getProblemMark().orElseThrow();
    }
    throw new AssertionError("expected a syntax error in " + text);
  }
}
