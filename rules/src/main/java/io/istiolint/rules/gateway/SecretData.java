package io.istiolint.rules.gateway;

import tools.jackson.databind.JsonNode;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contents of a Secret as the API server stores them: {@code data} values are base64 (line breaks
 * ignored, as Go's decoder does), {@code stringData} values are plain text and win over {@code data} keys of
 * the same name. Also the key names istiod reads TLS material from.
 */
final class SecretData {

  /** Key pairs istiod accepts for a server certificate, in the order it tries them. */
  static final List<List<String>> CERT_KEY_PAIRS = List.of(List.of("cert", "key"), List.of("tls.crt", "tls.key"));

  /** Keys istiod reads a CA bundle from (the Secret itself or {@code <name>-cacert}). */
  static final List<String> CA_KEYS = List.of("cacert", "ca.crt", "tls.ca.crt");

  /** One value: its bytes (null when {@code data} holds no valid base64) and where it is written. */
  record Value(byte[] bytes, YamlPath path) {
    boolean isEmpty() {
      return bytes != null && bytes.length == 0;
    }
  }

  private final Map<String, Value> values;

  private SecretData(Map<String, Value> values) {
    this.values = values;
  }

  static SecretData of(Resource secret) {
    Map<String, Value> values = new LinkedHashMap<>();
    JsonNode data = secret.object().path("data");
    data.properties().forEach(e -> values.put(e.getKey(), new Value(decode(e.getValue()), YamlPath.of("data", e.getKey()))));
    JsonNode stringData = secret.object().path("stringData");
    stringData.properties().forEach(e -> values.put(e.getKey(), new Value(
        e.getValue().isValueNode() ? e.getValue().asString("").getBytes(StandardCharsets.UTF_8) : null,
        YamlPath.of("stringData", e.getKey()))));
    return new SecretData(values);
  }

  private static byte[] decode(JsonNode value) {
    if (value.isNull()) {
      return new byte[0];
    }
    if (!value.isString()) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(value.asString("").replace("\n", "").replace("\r", ""));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  Optional<Value> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** True when {@code key} is present with a non-empty value (istiod skips empty ones). */
  boolean hasValue(String key) {
    Value v = values.get(key);
    return v != null && !v.isEmpty();
  }

  /** The first CA key with a value, if any. */
  Optional<String> caKey() {
    return CA_KEYS.stream().filter(this::hasValue).findFirst();
  }

  /** The certificate/private key pair istiod would use, or empty when no pair has both values. */
  Optional<List<String>> certKeyPair() {
    return CERT_KEY_PAIRS.stream().filter(p -> hasValue(p.get(0)) && hasValue(p.get(1))).findFirst();
  }

  List<String> keys() {
    return List.copyOf(values.keySet());
  }
}
