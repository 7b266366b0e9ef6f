package io.istiolint.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.istiolint.config.LintConfig;
import io.istiolint.engine.Linter;
import io.istiolint.engine.LiveView;
import io.istiolint.index.Completeness;
import io.istiolint.load.InputCollector;
import io.istiolint.load.LoadLimits;
import io.istiolint.rules.BuiltInRules;
import io.istiolint.schemas.CrdSchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Istio Config page in real headless Chromium over HTTPS: Bookinfo with VirtualService reviews routing to subset
 * {@code v4}, which DestinationRule reviews does not define. The page lists the objects, filters them to errors,
 * shows the VirtualService with IL0102 at its line and the graph around it (the screenshot the README shows, saved
 * as docs/istio-config.png), and follows a change of the view without being reloaded.
 */
class ConfigPageBrowserTest {

  static final Path SCREENSHOT = Path.of("..", "docs", "istio-config.png");

  @TempDir
  Path dir;

  /**
   * virtual-service-all-v1.yaml with reviews routed to v4, under target/ by a name that stays the same from run to run
   * (the page shows it, and so the screenshot); returns the file and the line of {@code subset: v4}.
   */
  private record Routing(Path file, int subsetLine) {}

  private static Routing reviewsToV4() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(WebhookServer.BOOKINFO.resolve("networking/virtual-service-all-v1.yaml")));
    int reviews = lines.indexOf("  name: reviews");
    int subset = reviews;
    while (!lines.get(subset).strip().equals("subset: v1")) {
      subset++;
    }
    lines.set(subset, lines.get(subset).replace("v1", "v4"));
    Path file = Files.write(Files.createDirectories(Path.of("target", "bookinfo-v4")).resolve("virtual-service-all-v4.yaml"), lines);
    return new Routing(file, subset + 1);
  }

  /** The view of {@code files} as {@code --snapshot -n bookinfo} makes it: what an informer event hands the webhook. */
  private static LiveView viewOf(List<Path> files) throws Exception {
    Linter.Options options = new Linter.Options("bookinfo", LoadLimits.DEFAULT, true, LintConfig.NONE.meshInfo(), List.of());
    InputCollector.Inputs inputs = InputCollector.collect(files.stream().map(Path::toString).toList());
    return new LiveView(BuiltInRules.engine(), CrdSchemaCatalog.bundledIstio(), options, LintConfig.NONE.policy(),
        Completeness.Coverage.files(true), Linter.load(inputs.sources(), options).resources());
  }

  private static String rows() {
    return "[...document.querySelectorAll('#objects tbody tr[data-status]')]";
  }

  @Test
  void theErrorsOfBookinfoOnThePageWithTheGraphAndLiveUpdates() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.installed(), "no chromium at " + HeadlessChromium.BINARY
        + " (apt-get install -y chromium; .ci/run installs it): the page is not tested in a browser");
    Routing routing = reviewsToV4();
    List<Path> snapshot = new ArrayList<>();
    for (String file : List.of("platform/kube/bookinfo.yaml", "networking/destination-rule-all.yaml", "networking/bookinfo-gateway.yaml")) {
      snapshot.add(WebhookServer.BOOKINFO.resolve(file));
    }
    List<String> args = new ArrayList<>(List.of("-n", "bookinfo", "--self-signed", "--service", "localhost.default"));
    for (Path file : snapshot) {
      args.addAll(List.of("--snapshot", file.toString()));
    }
    args.addAll(List.of("--snapshot", routing.file().toString()));

    try (WebhookServer webhook = WebhookServer.start(null, args);
        HeadlessChromium chromium = HeadlessChromium.start(Files.createDirectory(dir.resolve("profile")), 1400, 1000)) {
      chromium.navigate(webhook.uri("/").toString());
      chromium.waitUntil("the table of Bookinfo's Istio objects", rows() + ".length === 10");
      assertThat(chromium.evaluate(rows() + ".map(r => r.dataset.kind + ' ' + r.dataset.name + ' ' + r.dataset.status).join('\\n')")
          .asString("").lines()).contains("VirtualService reviews error", "Gateway bookinfo-gateway error", "DestinationRule reviews valid",
          "VirtualService ratings valid");
      assertThat(chromium.evaluate("document.title").asString("")).startsWith("Istio Config");

      chromium.evaluate("(() => { const s = document.getElementById('filter-status'); s.value = 'error';"
          + " s.dispatchEvent(new Event('change')); })()");
      chromium.waitUntil("only the objects with errors", rows() + ".length === 2");
      assertThat(chromium.evaluate(rows() + ".every(r => r.dataset.status === 'error')").asBoolean(false)).isTrue();

      chromium.evaluate("document.querySelector('#objects tr[data-kind=VirtualService][data-name=reviews] a').click()");
      chromium.waitUntil("the VirtualService with its finding and graph",
          "document.querySelector('#yaml .line.finding-error') && document.getElementById('graph').dataset.nodes");
      assertThat(chromium.evaluate("[...document.querySelectorAll('#yaml .line.finding-error')].map(l => l.dataset.line).join()")
          .asString("")).isEqualTo(Integer.toString(routing.subsetLine()));
      assertThat(chromium.evaluate("document.querySelector('#yaml .line.finding-error code').textContent").asString("").strip())
          .isEqualTo("subset: v4");
      String note = chromium.evaluate("document.querySelector('#yaml .note[data-code=IL0102]').innerText").asString("");
      assertThat(note).contains("IL0102").contains("line " + routing.subsetLine()).contains("subset `v4` is not defined by DestinationRule bookinfo/reviews")
          .contains("did you mean `v1`?");
      assertThat(chromium.evaluate("document.querySelectorAll('#graph canvas').length").asInt(0)).isPositive();
      assertThat(chromium.evaluate("document.getElementById('graph').dataset.missing").asString("")).isEqualTo("1");
      assertThat(chromium.evaluate("document.getElementById('graph-list').textContent").asString(""))
          .contains("subset reviews.bookinfo.svc.cluster.local/v4 (does not resolve)")
          .contains("host reviews.bookinfo.svc.cluster.local —served-by→ Service bookinfo/reviews");
      byte[] png = chromium.settledScreenshot();
      assertThat(png).startsWith(0x89, 'P', 'N', 'G');
      Files.write(SCREENSHOT, png);

      // The view changes (reviews routes to v1 again), as an informer event changes it: the open page follows.
      List<Path> fixed = new ArrayList<>(snapshot);
      fixed.add(WebhookServer.BOOKINFO.resolve("networking/virtual-service-all-v1.yaml"));
      webhook.context.getBean(WebhookState.class).load(viewOf(fixed));
      chromium.waitUntil("the VirtualService without its error", "!document.querySelector('#yaml .line.finding-error')"
          + " && document.querySelector('#object-title .status.valid')");
      // From the graph (its list of references, which links the objects as the picture does) to the DestinationRule.
      chromium.evaluate("[...document.querySelectorAll('#graph-list a')].find(a => a.textContent === 'DestinationRule bookinfo/reviews').click()");
      chromium.waitUntil("the DestinationRule's view", "document.getElementById('object-title').textContent.startsWith('DestinationRule bookinfo/reviews')"
          + " && document.getElementById('graph-list').textContent.includes('selects')");
      chromium.evaluate("location.hash = '#/'");
      chromium.waitUntil("the table with one object in error left", rows() + ".length === 1");
      assertThat(chromium.evaluate(rows() + "[0].dataset.name").asString("")).isEqualTo("bookinfo-gateway");
      assertThat(chromium.evaluate("document.getElementById('summary').textContent").asString("")).contains("view generation 2");
    }
  }
}
