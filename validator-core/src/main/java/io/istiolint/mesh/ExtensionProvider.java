package io.istiolint.mesh;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One MeshConfig {@code extensionProviders} entry: the name Telemetry (and AuthorizationPolicy CUSTOM) refer
 * to, and which kind of provider it is.
 *
 * @param type the provider kind; {@link Type#UNKNOWN} when the entry could not be read
 */
public record ExtensionProvider(String name, Type type) {

  /** What a provider can be used for. */
  public enum Use { METRICS, TRACING, ACCESS_LOGGING, AUTHORIZATION }

  /** The provider kinds of MeshConfig, by their field name. */
  public enum Type {
    ENVOY_EXT_AUTHZ_HTTP("envoyExtAuthzHttp", false, Use.AUTHORIZATION),
    ENVOY_EXT_AUTHZ_GRPC("envoyExtAuthzGrpc", false, Use.AUTHORIZATION),
    ZIPKIN("zipkin", false, Use.TRACING),
    LIGHTSTEP("lightstep", true, Use.TRACING),
    DATADOG("datadog", false, Use.TRACING),
    STACKDRIVER("stackdriver", false, Use.METRICS, Use.TRACING, Use.ACCESS_LOGGING),
    OPENCENSUS("opencensus", true, Use.TRACING),
    SKYWALKING("skywalking", false, Use.TRACING),
    OPENTELEMETRY("opentelemetry", false, Use.TRACING),
    PROMETHEUS("prometheus", false, Use.METRICS),
    ENVOY_FILE_ACCESS_LOG("envoyFileAccessLog", false, Use.ACCESS_LOGGING),
    ENVOY_HTTP_ALS("envoyHttpAls", false, Use.ACCESS_LOGGING),
    ENVOY_TCP_ALS("envoyTcpAls", false, Use.ACCESS_LOGGING),
    ENVOY_OTEL_ALS("envoyOtelAls", false, Use.ACCESS_LOGGING),
    UNKNOWN("", false, Use.values());

    private final String field;
    private final boolean deprecated;
    private final Set<Use> uses;

    Type(String field, boolean deprecated, Use... uses) {
      this.field = field;
      this.deprecated = deprecated;
      this.uses = Set.copyOf(EnumSet.copyOf(Arrays.asList(uses)));
    }

    /** The MeshConfig field that configures it, e.g. {@code envoyFileAccessLog}. */
    public String field() {
      return field;
    }

    /** Deprecated by Istio (lightstep, opencensus): replaced by opentelemetry. */
    public boolean deprecated() {
      return deprecated;
    }

    public boolean serves(Use use) {
      return uses.contains(use);
    }

    /** The kind configured by {@code field}, in camelCase or snake_case as protobuf YAML accepts both. */
    public static Optional<Type> ofField(String field) {
      String camel = camelCase(field);
      return Arrays.stream(values()).filter(t -> t != UNKNOWN && t.field.equals(camel)).findFirst();
    }

    /** Every field name of a known kind. */
    public static List<String> fields() {
      return Arrays.stream(values()).filter(t -> t != UNKNOWN).map(Type::field).toList();
    }

    private static String camelCase(String s) {
      StringBuilder sb = new StringBuilder(s.length());
      boolean upper = false;
      for (char c : s.toCharArray()) {
        if (c == '_') {
          upper = true;
        } else {
          sb.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        }
      }
      return sb.toString();
    }
  }
}
