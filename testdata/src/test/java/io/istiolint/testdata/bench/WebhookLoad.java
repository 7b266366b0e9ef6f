package io.istiolint.testdata.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An HTTPS load generator for {@code bin/bench-webhook}: a request is due every 1/RATE seconds, sent in turn by
 * four workers on kept-alive connections, and each latency is measured from when it was due, so a stall counts
 * against every request it delays (no coordinated omission). Prints the latency distribution, errors and the
 * achieved rate, after five seconds of the same load that are not measured.
 *
 * <pre>WebhookLoad URL RATE SECONDS [BODY_FILE]   (POST with BODY_FILE, else GET; trusts any certificate)</pre>
 */
public final class WebhookLoad {

  /** Connections, each sending a quarter of the requests: like {@code hey -c 4}. */
  private static final int WORKERS = 4;

  private static final int WARM_UP_SECONDS = 5;

  private WebhookLoad() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    int rate = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    byte[] body = args.length > 3 ? Files.readAllBytes(Path.of(args[3])) : null;
    // The webhook's certificate is self-signed for the run: this tool measures speed, not trust.
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, new SecureRandom());
    HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    HttpRequest request = body == null ? builder.GET().build()
        : builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    // The first seconds warm this JVM's own HTTP client and TLS, and the server's JIT: sent, not measured.
    int warmUp = rate * WARM_UP_SECONDS;
    int sent = rate * seconds + warmUp;
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>(sent));
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger notOk = new AtomicInteger();
    long start = System.nanoTime() + 100_000_000L;
    long period = 1_000_000_000L / rate;
    // Each worker keeps one connection, as the API server does, and sends its share of the schedule in turn.
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      int first = w;
      Thread worker = new Thread(() -> {
        for (int i = first; i < sent; i += WORKERS) {
          long due = start + i * period;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
          }
          try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (i < warmUp) {
              continue;
            }
            latencies.add(System.nanoTime() - due);
            if (response.statusCode() != 200) {
              notOk.incrementAndGet();
            }
          } catch (java.io.IOException e) {
            if (i >= warmUp) {
              errors.incrementAndGet();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double took = (System.nanoTime() - start) / 1e9 - WARM_UP_SECONDS;
    int total = sent - warmUp;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf(Locale.ROOT, "%d requests in %.1f s (%.1f/s): %d answered, %d not 200, %d failed%n", total, took, total / took,
        sorted.size(), notOk.get(), errors.get());
    if (!sorted.isEmpty()) {
      System.out.printf(Locale.ROOT, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", ms(sorted, 0.50),
          ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999), sorted.get(sorted.size() - 1) / 1e6);
    }
  }

  private static double ms(List<Long> sorted, double quantile) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
  }
}
