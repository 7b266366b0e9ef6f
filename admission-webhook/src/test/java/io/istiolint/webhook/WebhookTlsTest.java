package io.istiolint.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates from files: served, and replaced without a restart when the files change (cert-manager rotation). */
class WebhookTlsTest {

  @TempDir
  Path dir;

  private static void install(SelfSignedCertificate issued, Path cert, Path key) throws Exception {
    // Written beside and moved into place, as a projected Secret volume updates: never half a file.
    Files.copy(issued.certificate(), cert.resolveSibling("tls.crt.new"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(issued.privateKey(), key.resolveSibling("tls.key.new"), StandardCopyOption.REPLACE_EXISTING);
    Files.move(key.resolveSibling("tls.key.new"), key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.move(cert.resolveSibling("tls.crt.new"), cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void servesTheGivenCertificateAndReloadsItWhenItsFilesChange() throws Exception {
    SelfSignedCertificate first = SelfSignedCertificate.issue(dir.resolve("first"), List.of("localhost"));
    SelfSignedCertificate second = SelfSignedCertificate.issue(dir.resolve("second"), List.of("localhost"));
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    install(first, cert, key);

    try (WebhookServer webhook = WebhookServer.bookinfo(first.caBundle(), "--tls-cert", cert.toString(), "--tls-key", key.toString())) {
      assertThat(webhook.get("/healthz").statusCode()).isEqualTo(200);
      HttpClient trustsSecond = WebhookServer.trusting(second.caBundle());
      HttpRequest health = HttpRequest.newBuilder(webhook.uri("/healthz")).build();
      assertThatThrownBy(() -> trustsSecond.send(health, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);

      install(second, cert, key);

      long deadline = System.nanoTime() + 30_000_000_000L;
      Integer status = null;
      while (status == null && System.nanoTime() < deadline) {
        try {
          status = HttpClient.newBuilder().sslContext(sslOf(trustsSecond)).build()
              .send(health, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (SSLHandshakeException stillTheFirst) {
          Thread.sleep(500);
        }
      }
      assertThat(status).as("served the second certificate within 30 s").isEqualTo(200);
    }
  }

  /** A fresh client each try: a client keeps its connection, and the old session, otherwise. */
  private static javax.net.ssl.SSLContext sslOf(HttpClient client) {
    return client.sslContext();
  }
}
