package io.istiolint.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real webhook for tests: {@link WebhookMain} on a free port with a self-signed certificate, and an HTTPS
 * client that trusts exactly that certificate (as the API server trusts the caBundle).
 */
final class WebhookServer implements AutoCloseable {

  static final Path BOOKINFO = Path.of("..", "testdata", "samples", "istio", "bookinfo");
  static final Path ADMISSION = Path.of("..", "testdata", "admission");

  final ConfigurableApplicationContext context;
  final int port;
  final HttpClient client;
  final String log;

  private WebhookServer(ConfigurableApplicationContext context, int port, HttpClient client, String log) {
    this.context = context;
    this.port = port;
    this.client = client;
    this.log = log;
  }

  /** The webhook over Bookinfo (platform, destination-rule-all, gateway, virtual-service-all-v1, -n bookinfo), self-signed. */
  static WebhookServer bookinfo() throws Exception {
    return bookinfo(null, "--self-signed", "--service", "localhost.default");
  }

  /**
   * The webhook over Bookinfo with {@code extraArgs}; its client trusts {@code caBundle}, or the self-signed
   * certificate when that is null.
   */
  static WebhookServer bookinfo(String caBundle, String... extraArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("-n", "bookinfo"));
    for (String file : BOOKINFO_FILES) {
      args.add("--snapshot");
      args.add(BOOKINFO.resolve(file).toString());
    }
    args.addAll(List.of(extraArgs));
    return start(caBundle, args);
  }

  /** Bookinfo as deployed: the application, its destination rules, its gateway and a routing file. */
  static final List<String> BOOKINFO_FILES = List.of("platform/kube/bookinfo.yaml", "networking/destination-rule-all.yaml",
      "networking/bookinfo-gateway.yaml", "networking/virtual-service-all-v1.yaml");

  /** The webhook with {@code arguments} on a free port; its client trusts {@code caBundle}, else the self-signed one. */
  static WebhookServer start(String caBundle, List<String> arguments) throws Exception {
    List<String> args = new ArrayList<>(List.of("--port", "0"));
    args.addAll(arguments);
    WebhookMain main = new WebhookMain();
    new CommandLine(main).parseArgs(args.toArray(String[]::new));
    StringWriter err = new StringWriter();
    WebhookMain.Started started = main.start(new PrintWriter(err, true));
    if (started.exitCode() != 0) {
      throw new IllegalStateException("the webhook did not start: " + err);
    }
    int port = started.context().getEnvironment().getProperty("local.server.port", Integer.class);
    return new WebhookServer(started.context(), port, trusting(caBundle == null ? started.caBundle() : caBundle), err.toString());
  }

  /** An HTTPS client trusting only the certificate whose PEM, base64, is {@code caBundle}. */
  static HttpClient trusting(String caBundle) throws Exception {
    byte[] pem = Base64.getDecoder().decode(caBundle);
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("webhook", CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem)));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).build();
  }

  URI uri(String path) {
    return URI.create("https://localhost:" + port + path);
  }

  HttpResponse<String> post(byte[] body) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri("/validate")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code response} of the AdmissionReview answering {@code review}; fails on anything but 200. */
  JsonNode review(String review) throws IOException, InterruptedException {
    HttpResponse<String> answer = post(review.getBytes(StandardCharsets.UTF_8));
    if (answer.statusCode() != 200) {
      throw new AssertionError("HTTP " + answer.statusCode() + ": " + answer.body());
    }
    return JsonMapper.shared().readTree(answer.body()).path("response");
  }

  @Override
  public void close() {
    context.close();
  }
}
