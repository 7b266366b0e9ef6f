package io.istiolint.webhook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol with the JDK's WebSocket client: one page to
 * navigate, evaluate JavaScript in and take screenshots of. It trusts any certificate (the webhook's is
 * self-signed for the test) and talks to nothing but the pages it is sent to.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, String browserEndpoint) throws Exception {
    this.process = process;
    URI browser = URI.create(browserEndpoint);
    HttpClient http = HttpClient.newHttpClient();
    String targets = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    String pageEndpoint = JsonMapper.shared().readTree(targets).values().stream().filter(t -> t.get("type").asString("").equals("page"))
        .findFirst().orElseThrow(() -> new IllegalStateException("chromium has no page: " + targets)).get("webSocketDebuggerUrl").asString("");
    this.socket = http.newWebSocketBuilder().buildAsync(URI.create(pageEndpoint), new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Starts Chromium on {@code profile}, a fresh directory, with a window of {@code width} by {@code height}. */
  static HeadlessChromium start(Path profile, int width, int height) throws Exception {
    Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--ignore-certificate-errors", "--remote-debugging-port=0",
        "--window-size=" + width + "," + height, "about:blank").redirectErrorStream(true).start();
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    List<String> output = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          synchronized (output) {
            output.add(line);
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            endpoint.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        endpoint.completeExceptionally(e);
      }
      endpoint.completeExceptionally(new IllegalStateException("chromium ended without a DevTools endpoint: " + output));
    }, "chromium-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new HeadlessChromium(process, endpoint.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } catch (Exception e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw e;
    }
  }

  /** Sends a DevTools command and returns its result. */
  JsonNode call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JsonMapper.shared().createObjectNode().put("id", id).put("method", method);
    message.set("params", JsonMapper.shared().valueToTree(params));
    socket.sendText(message.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (response.has("error")) {
      throw new IllegalStateException(method + ": " + response.get("error"));
    }
    return response.get("result");
  }

  void navigate(String url) throws Exception {
    call("Page.navigate", Map.of("url", url));
  }

  /** The value of {@code expression} in the page (awaited when it is a promise); a thrown exception fails. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException(expression + ": " + result.get("exceptionDetails"));
    }
    return result.get("result").path("value");
  }

  /** Waits until {@code condition} is true in the page; fails with {@code what} and the page's state when it never is. */
  void waitUntil(String what, String condition) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!evaluate("Boolean(" + condition + ")").asBoolean(false)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page never showed " + what + " (" + condition + "); it shows: "
            + evaluate("document.body.innerText").asString(""));
      }
      Thread.sleep(100);
    }
  }

  /** A PNG of the window. */
  byte[] screenshot() throws Exception {
    return Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png")).get("data").asString(""));
  }

  /**
   * A PNG of the window once it stops changing: Cytoscape.js draws a graph directly first and from its texture
   * caches once it has filled them in idle frames, which moves edges and labels by a fraction of a pixel.
   */
  byte[] settledScreenshot() throws Exception {
    byte[] previous = screenshot();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(250);
      byte[] next = screenshot();
      if (java.util.Arrays.equals(previous, next)) {
        return next;
      }
      previous = next;
    }
    throw new AssertionError("the page kept changing for " + TIMEOUT.toSeconds() + " s");
  }

  @Override
  public void close() {
    socket.abort();
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Gathers a message's fragments and hands each answer to the call waiting for its id. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonNode message = JsonMapper.shared().readTree(text.toString());
        text.setLength(0);
        if (message.has("id")) {
          CompletableFuture<JsonNode> waiting = pending.remove(message.get("id").asInt());
          if (waiting != null) {
            waiting.complete(message);
          }
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
