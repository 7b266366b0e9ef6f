package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of seeded random corruptions of Istio's sample manifests: the CLI never crashes, always writes
 * valid JSON with an exit code of 0 or 1, and no rule ever fails (IL0000). A failure prints the seed and the
 * mutated input, so it can be replayed.
 */
class MutationTest {

  private static final long SEED = 20261122L;
  private static final int MUTANTS = 3000;
  private static final String[] SCALARS = {"{", "}", "[", "]", "[]", "{}", "~", "null", "true", "yes", "0x1F", "0777",
      "-1", "99999999999999999999", "1.5e308", ".nan", "\"\"", "''", "\"text\"", "&anchor", "*anchor", "!!binary AAAA",
      "!!int", "? complex", "|", ">-", "- item", "key: value", ": :", "'unterminated", "\"unterminated", "\t", "%"};

  @TempDir
  Path dir;

  @Test
  void mutatedSamplesNeverCrashTheCli() throws IOException {
    List<Path> seeds;
    try (Stream<Path> files = Files.walk(Path.of("samples"))) {
      seeds = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(seeds).hasSizeGreaterThan(50);
    Random random = new Random(SEED);
    ObjectMapper json = new ObjectMapper();
    Path mutant = dir.resolve("mutant.yaml");
    for (int i = 0; i < MUTANTS; i++) {
      Path seed = seeds.get(random.nextInt(seeds.size()));
      byte[] bytes = mutate(Files.readAllBytes(seed), random);
      Files.write(mutant, bytes);
      Cli cli = Cli.run("lint", "--format", "json", mutant.toString());
      String context = "mutant " + i + " of " + seed + " (seed " + SEED + "):\n" + new String(bytes, StandardCharsets.UTF_8);
      assertThat(cli.exitCode()).as(context).isIn(0, 1);
      assertThat(cli.err()).as(context).isEmpty();
      JsonNode report = json.readTree(cli.out());
      for (JsonNode f : report.get("findings")) {
        assertThat(f.get("code").asString("")).as(context + "\n" + f).isNotEqualTo("IL0000");
        assertThat(f.get("location").isNull()).as("every finding has a position: " + f).isFalse();
      }
    }
  }

  private static byte[] mutate(byte[] original, Random random) {
    List<String> lines = new ArrayList<>(Arrays.asList(new String(original, StandardCharsets.UTF_8).split("\n", -1)));
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && !lines.isEmpty(); e++) {
      int at = random.nextInt(lines.size());
      String line = lines.get(at);
      switch (random.nextInt(7)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, line);
        case 2 -> lines.set(at, swapScalar(line, random));
        case 3 -> lines.set(at, reindent(line, random));
        case 4 -> lines.add(at, lines.remove(random.nextInt(lines.size())));
        case 5 -> lines.set(at, line + " " + SCALARS[random.nextInt(SCALARS.length)]);
        default -> {
          String all = String.join("\n", lines);
          return Arrays.copyOf(all.getBytes(StandardCharsets.UTF_8), random.nextInt(all.length() + 1));
        }
      }
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** Replaces the value after a key (or a list item) with a value of another type or shape. */
  private static String swapScalar(String line, Random random) {
    int colon = line.indexOf(": ");
    int dash = line.indexOf("- ");
    int cut = colon >= 0 ? colon + 2 : dash >= 0 ? dash + 2 : line.length();
    return line.substring(0, cut) + SCALARS[random.nextInt(SCALARS.length)];
  }

  /** Shifts the indentation left or right by one or two spaces. */
  private static String reindent(String line, Random random) {
    int shift = random.nextInt(5) - 2;
    if (shift > 0) {
      return " ".repeat(shift) + line;
    }
    int leading = line.length() - line.stripLeading().length();
    return line.substring(Math.min(leading, -shift));
  }
}
