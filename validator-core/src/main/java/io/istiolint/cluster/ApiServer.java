package io.istiolint.cluster;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GET requests to one API server under one deadline, answered with the server's own JSON. Requests go through
 * fabric8's HTTP client, which brings the kubeconfig's TLS and credentials (tokens, client certificates, exec
 * plugins), but not its typed model: the trees stay exactly as served, and each request can be given the time
 * left. Network failures, 401 and the deadline end the whole read ({@link ClusterException}); other refusals
 * concern one request ({@link Refused}).
 */
final class ApiServer implements AutoCloseable {

  /** Objects per list response, so a big cluster is never read in one answer. */
  static final int PAGE_SIZE = 500;

  private final KubernetesClient client;
  private final HttpClient http;
  private final String url;
  private final String context;
  private final Duration timeout;
  private final long deadline;

  private ApiServer(KubernetesClient client, String url, String context, Duration timeout, long deadline) {
    this.client = client;
    this.http = client.getHttpClient();
    this.url = url;
    this.context = context;
    this.timeout = timeout;
    this.deadline = deadline;
  }

  /** A client for {@code kubeconfig}'s server whose requests all end by {@code start + timeout} (System.nanoTime). */
  static ApiServer open(Kubeconfig kubeconfig, Duration timeout, long start) {
    Config config = kubeconfig.config();
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    // fabric8 retries failed requests with a backoff: that only spends the deadline, and hides a dead server.
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(millis);
    config.setRequestTimeout(millis);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    String url = config.getMasterUrl().replaceAll("/+$", "");
    return new ApiServer(client, url, kubeconfig.context(), timeout, start + timeout.toNanos());
  }

  /** The server's URL, as the kubeconfig gives it. */
  String url() {
    return url;
  }

  /** A query parameter to append to a path that has one already: "&amp;name=value", encoded. */
  static String param(String name, String value) {
    return "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The JSON at {@code path}; null when the server says 404. */
  JsonNode get(String path) throws ClusterException, Refused {
    long left = millisLeft();
    if (left <= 0) {
      throw timedOut();
    }
    CompletableFuture<HttpResponse<byte[]>> sent;
    HttpResponse<byte[]> response;
    try {
      HttpRequest request = http.newHttpRequestBuilder().uri(url + path).header("Accept", "application/json")
          .timeout(left, MILLISECONDS).build();
      sent = http.sendAsync(request, byte[].class);
    } catch (RuntimeException e) {
      throw failure(e);
    }
    try {
      // The request timeout covers the exchange up to the response headers; this bounds reading the body too.
      response = sent.get(left, MILLISECONDS);
    } catch (TimeoutException e) {
      sent.cancel(true);
      throw timedOut();
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while reading from the API server at " + url);
    }
    int code = response.code();
    if (code == 404) {
      return null;
    }
    if (response.isSuccessful()) {
      try {
        return JsonMapper.shared().readTree(response.body());
      } catch (JacksonException e) {
        throw new ClusterException("the server at " + url + " is not a Kubernetes API server: GET " + path
            + " did not answer JSON");
      }
    }
    if (code == 401) {
      throw new ClusterException("the API server at " + url + " refused the credentials of context " + context
          + " (401 Unauthorized): log in again and retry");
    }
    throw new Refused(code == 403 ? "forbidden" : "HTTP " + code, statusMessage(response.body()));
  }

  /**
   * The objects of {@code kind} in {@code namespace} (null: cluster-wide) that {@code query} (parameters made
   * with {@link #param}, or "") selects and {@code keep} keeps, page by page; {@code onPage} is told how many
   * each page added.
   */
  List<ObjectNode> list(ServedKind kind, String namespace, String query, Predicate<ObjectNode> keep, IntConsumer onPage)
      throws ClusterException, Refused {
    String first = kind.path(namespace) + "?limit=" + PAGE_SIZE + query;
    List<ObjectNode> objects = new ArrayList<>();
    String next = "";
    do {
      JsonNode page = get(next.isEmpty() ? first : first + param("continue", next));
      if (page == null) {
        throw new Refused("not served by this cluster", "");
      }
      int before = objects.size();
      for (JsonNode item : page.path("items").values()) {
        if (item instanceof ObjectNode object && keep.test(object)) {
          objects.add(kind.whole(object));
        }
      }
      onPage.accept(objects.size() - before);
      next = page.path("metadata").path("continue").asString("");
    } while (!next.isEmpty());
    return objects;
  }

  /** The result of a task that calls this server, waited for no longer than the deadline. */
  <T> T await(Future<T> future) throws ClusterException {
    try {
      return future.get(Math.max(0, millisLeft()), MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timedOut();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ClusterException cause) {
        throw cause;
      }
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while reading from the API server at " + url);
    }
  }

  private long millisLeft() {
    return (deadline - System.nanoTime()) / 1_000_000;
  }

  private ClusterException timedOut() {
    return new ClusterException("the API server at " + url + " did not answer within " + human(timeout));
  }

  /** The network failure {@code e} as one line; the HTTP client wraps the cause a varying number of times. */
  private ClusterException failure(Throwable e) {
    if (find(e, HttpTimeoutException.class) != null) {
      return timedOut();
    }
    String why;
    if (find(e, UnresolvedAddressException.class) != null || find(e, UnknownHostException.class) != null) {
      why = "unknown host";
    } else if (find(e, SSLException.class) != null) {
      why = "TLS failed: " + find(e, SSLException.class).getMessage();
    } else if (find(e, ConnectException.class) != null) {
      ConnectException refused = find(e, ConnectException.class);
      why = refused.getMessage() == null ? "connection refused" : refused.getMessage().toLowerCase(Locale.ROOT);
    } else {
      why = String.valueOf(innermost(e).getMessage());
    }
    return new ClusterException("cannot reach the Kubernetes API server at " + url + ": " + why);
  }

  /** The innermost cause of type {@code type} in {@code e}'s chain, or null. */
  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    T found = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        found = type.cast(t);
      }
    }
    return found;
  }

  private static Throwable innermost(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** The message of a Status the server answered with, else the start of its text. */
  private static String statusMessage(byte[] body) {
    try {
      String message = JsonMapper.shared().readTree(body).path("message").asString("");
      if (!message.isEmpty()) {
        return message;
      }
    } catch (JacksonException e) {
      // not a Status: the text itself is the best message there is
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.lines().findFirst().orElse("");
  }

  /** "30s", "2s", "1500ms": the timeout as the user wrote it. */
  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  @Override
  public void close() {
    client.close();
  }
}
