package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import io.istiolint.api.RuleMeta;
import io.istiolint.config.ConfigException;
import io.istiolint.config.ConfigLoader;
import io.istiolint.load.YamlText;
import io.istiolint.rules.BuiltInRules;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON Schema of {@code .istiolint.yaml} against the loader that reads the file. Every config file under
 * {@code configs/} says what the loader makes of it ({@code # loader: ok} or a piece of its error) and whether the
 * schema accepts it ({@code # schema: accepts|rejects}); a file the loader refuses but the schema accepts says why
 * in a comment, so the loader's checks that no schema can make are listed there: a key written twice, a rule
 * configured by code and by name, a missing MeshConfig file, a glob Java's glob syntax refuses. The schema asks for
 * the spellings `istiolint rules` prints where the loader ignores letter case ({@code ok-letter-case.yaml}).
 */
class ConfigSchemaTest {

  private static final Path CONFIGS = Path.of("configs");
  private static final Pattern LOADER = Pattern.compile("(?m)^# loader: (.+)$");
  private static final Pattern SCHEMA = Pattern.compile("(?m)^# schema: (accepts|rejects)$");
  private static final Pattern MODELINE = Pattern.compile("\\A# yaml-language-server: \\$schema=(\\S+)\n");

  @TempDir
  Path dir;

  @Test
  void everyConfigUnderConfigsIsJudgedAsItsHeaderSays() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(CONFIGS)) {
      files = list.filter(f -> f.getFileName().toString().matches("(ok|bad)-.*\\.yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    for (Path file : files) {
      String text = Files.readString(file);
      Matcher loader = LOADER.matcher(text);
      Matcher schema = SCHEMA.matcher(text);
      assertThat(loader.find() && schema.find()).as("%s has # loader: and # schema: lines", file).isTrue();
      String loaderError = loaderError(file);
      if (file.getFileName().toString().startsWith("ok-")) {
        assertThat(loader.group(1)).as(file.toString()).isEqualTo("ok");
        assertThat(loaderError).as("loader on %s", file).isNull();
      } else {
        assertThat(loaderError).as("loader on %s", file).isNotNull().contains(loader.group(1));
      }
      List<String> errors = JsonSchemas.CONFIG.errors(yaml(text, file));
      if (schema.group(1).equals("accepts")) {
        assertThat(errors).as("schema on %s", file).isEmpty();
      } else {
        assertThat(errors).as("schema on %s", file).isNotEmpty();
      }
    }
  }

  @Test
  void theFileInitWritesNamesTheSchemaAndIsValid() throws IOException, ConfigException {
    Path file = dir.resolve(ConfigLoader.FILE_NAME);
    assertThat(Cli.run("init", file.toString()).exitCode()).isZero();
    String text = Files.readString(file);
    Matcher modeline = MODELINE.matcher(text);
    assertThat(modeline.find()).as("first line of:\n%s", text).isTrue();
    String url = modeline.group(1);
    assertThat(url).isEqualTo(JsonSchemas.CONFIG.tree().get("$id").asString(""));
    // The URL names the file in this repository's main branch, where the README's links point too.
    String repoPath = URI.create(url).getPath().replaceFirst("^/istiolint/istiolint/main/", "");
    assertThat(Path.of("..", repoPath)).isRegularFile().hasSameTextualContentAs(JsonSchemas.CONFIG.file());
    assertThat(JsonSchemas.CONFIG.errors(yaml(text, file))).isEmpty();
    ConfigLoader.load(file, BuiltInRules.catalogue());
  }

  @Test
  void theReadmeExampleLoadsAndIsValid() throws IOException, ConfigException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher example = Pattern.compile("### Configuration: `\\.istiolint\\.yaml`\n[\\s\\S]*?```yaml\n([\\s\\S]*?)```").matcher(readme);
    assertThat(example.find()).isTrue();
    Path file = Files.writeString(dir.resolve(ConfigLoader.FILE_NAME), example.group(1));
    Files.copy(CONFIGS.resolve("mesh-config.yaml"), dir.resolve("mesh-config.yaml"));
    assertThat(JsonSchemas.CONFIG.errors(yaml(example.group(1), file))).isEmpty();
    assertThat(ConfigLoader.load(file, BuiltInRules.catalogue()).rules()).isNotEmpty();
  }

  /** The rules the schema offers are the catalogue's, each by code and by name with its summary as the hover. */
  @Test
  void theSchemaOffersExactlyTheCataloguesRules() {
    ObjectNode expected = JsonMapper.shared().createObjectNode();
    for (RuleMeta rule : BuiltInRules.catalogue()) {
      String description = rule.code() + " " + rule.name() + " (" + rule.severity().label() + "): " + rule.summary();
      for (String key : List.of(rule.code(), rule.name())) {
        expected.putObject(key).put("description", description).put("$ref", "#/definitions/ruleSetting");
      }
    }
    JsonNode offered = JsonSchemas.CONFIG.tree().path("properties").path("rules").path("properties");
    assertThat(offered).as("regenerate properties.rules.properties in %s from the catalogue:%n%s", JsonSchemas.CONFIG.file(),
        expected.toPrettyString()).isEqualTo(expected);
  }

  /** An editor shows a property's description on hover: every property has one. */
  @Test
  void everyPropertyIsDescribed() {
    List<String> bare = new ArrayList<>();
    undescribed(JsonSchemas.CONFIG.tree(), "", bare);
    assertThat(bare).isEmpty();
  }

  private static void undescribed(JsonNode schema, String at, List<String> out) {
    for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
      if (!p.getValue().has("description")) {
        out.add(at + p.getKey());
      }
      undescribed(p.getValue(), at + p.getKey() + ".", out);
    }
  }

  private static String loaderError(Path file) {
    try {
      ConfigLoader.load(file, BuiltInRules.catalogue());
      return null;
    } catch (ConfigException | IOException e) {
      return e.getMessage();
    }
  }

  /** The document as the YAML language server reads it: YAML 1.2, as the loader does. */
  private static JsonNode yaml(String text, Path file) {
    try {
      JsonNode root = YamlText.parseOne(text, file.toString()).root();
      return root == null ? tools.jackson.databind.node.NullNode.getInstance() : root;
    } catch (YamlText.SyntaxError e) {
      return fail("%s does not parse: %s", file, e.getMessage());
    }
  }
}
