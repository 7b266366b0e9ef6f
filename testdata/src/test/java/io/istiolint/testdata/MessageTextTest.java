package io.istiolint.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.api.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every message and hint the rules write over the fixtures reads as prose: no word or kind written twice in a
 * row ("the the", "DestinationRule DestinationRule testns/fault"), which is what a message that prefixes a kind
 * to an already-kinded reference prints.
 */
class MessageTextTest {

  /** A word followed by the same word, ignoring case; {@code `x` `x`} in code spans is caught too. */
  private static final Pattern DOUBLED = Pattern.compile("(?i)(?<![\\w./-])([a-z][a-z0-9]*)[\\s`'\"]{1,3}\\1(?![\\w/-])");

  @Test
  void noMessageOrHintRepeatsAWord() throws Exception {
    List<String> doubled = new ArrayList<>();
    int texts = 0;
    for (Path path : FixtureTest.fixtureFiles()) {
      for (Finding f : Fixture.read(path).lint().findings()) {
        for (String text : f.hint() == null ? List.of(f.message()) : List.of(f.message(), f.hint())) {
          texts++;
          Matcher m = DOUBLED.matcher(text);
          if (m.find()) {
            doubled.add(FixtureTest.FIXTURES.relativize(path) + " " + f.code() + " \"" + m.group() + "\" in: " + text);
          }
        }
      }
    }
    assertThat(doubled).as("messages or hints with a doubled word").isEmpty();
    assertThat(texts).as("messages and hints read").isGreaterThan(300);
  }

  @Test
  void theCheckCatchesDoubledWordsAndKinds() {
    assertThat(DOUBLED.matcher("DestinationRule DestinationRule testns/fault also sets").find()).isTrue();
    assertThat(DOUBLED.matcher("applies to the the workload").find()).isTrue();
    assertThat(DOUBLED.matcher("DestinationRule testns/fault also sets a policy").find()).isFalse();
    assertThat(DOUBLED.matcher("host reviews.reviews.svc.cluster.local").find()).isFalse();
    assertThat(DOUBLED.matcher("VirtualService default/default routes").find()).isFalse();
    assertThat(DOUBLED.matcher("subset `v1` `v1` twice").find()).isTrue();
  }
}
