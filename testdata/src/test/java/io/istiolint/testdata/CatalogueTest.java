package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.RuleMeta;
import io.istiolint.engine.Engine;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.rules.RuleDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule catalogue holds together: unique codes and names, a docs page and ok/bad fixtures per rule. */
class CatalogueTest {

  private final List<RuleMeta> catalogue = BuiltInRules.catalogue();

  @Test
  void codesAndNamesAreUnique() {
    assertThat(catalogue).extracting(RuleMeta::code).doesNotHaveDuplicates();
    assertThat(catalogue).extracting(RuleMeta::name).doesNotHaveDuplicates();
  }

  @Test
  void everyRuleHasADocsPageWithExamples() {
    for (RuleMeta rule : catalogue) {
      Path page = Path.of("..", "docs", "rules", rule.code() + ".md");
      assertThat(page).as("docs page of %s", rule.code()).exists();
      assertThat(RuleDocs.page(rule.code())).as("docs page of %s packed into the rules jar", rule.code()).isPresent();
      String text = RuleDocs.page(rule.code()).orElseThrow();
      assertThat(text).startsWith("# " + rule.code() + " " + rule.name());
      if (!rule.code().equals(Engine.INTERNAL_ERROR.code())) {
        assertThat(text).as("%s page shows what is wrong and the fix", rule.code()).contains("## Bad", "## Good");
      }
    }
  }

  /** IL0000 cannot be provoked by input (it is a rule failing); EngineTest covers it with a throwing rule. */
  @Test
  void everyRuleHasOkAndBadFixtures() throws IOException {
    for (RuleMeta rule : catalogue) {
      if (rule.code().equals(Engine.INTERNAL_ERROR.code())) {
        continue;
      }
      Path dir = FixtureTest.FIXTURES.resolve(rule.code());
      assertThat(dir).as("fixtures of %s", rule.code()).isDirectory();
      try (var files = Files.list(dir)) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertThat(names).as("ok- fixture of %s", rule.code()).anyMatch(n -> n.startsWith("ok-"));
        assertThat(names).as("bad- fixture of %s", rule.code()).anyMatch(n -> n.startsWith("bad-"));
      }
    }
  }

  @Test
  void fixtureFoldersNameRealRules() throws IOException {
    try (var dirs = Files.list(FixtureTest.FIXTURES)) {
      List<String> codes = catalogue.stream().map(RuleMeta::code).toList();
      assertThat(dirs.map(p -> p.getFileName().toString()).toList()).allMatch(codes::contains);
    }
  }
}
