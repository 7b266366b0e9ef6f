package io.istiolint.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Violations found in Istio resources with the bundled CRDs: one per mistake, in istiolint's words. */
class SchemaValidationTest {

  private static final SchemaCatalog CATALOG = CrdSchemaCatalog.bundledIstio();

  private static List<SchemaViolation> networking(String kind, String yaml) {
    return CATALOG.validate("networking.istio.io", "v1", kind, TestDocs.yaml(yaml));
  }

  private static List<SchemaViolation> virtualService(String spec) {
    return networking("VirtualService", """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
        spec:
        """ + spec.indent(2));
  }

  private static SchemaViolation violation(String message, String hint, Object... path) {
    return new SchemaViolation(List.of(path), false, message, hint);
  }

  @Test
  void validBookinfoResourcesHaveNoViolations() {
    for (String file : List.of("bookinfo/networking/virtual-service-reviews-80-20.yaml",
        "bookinfo/networking/destination-rule-all.yaml", "bookinfo/networking/bookinfo-gateway.yaml")) {
      TestDocs.resource("samples/" + file).forEach(doc -> assertThat(
          CATALOG.validate("networking.istio.io", "v1", doc.path("kind").asString(""), doc)).as(file).isEmpty());
    }
  }

  @Test
  void misspeltFieldIsUnknownWithSuggestion() {
    List<SchemaViolation> violations = virtualService("""
        hosts: [reviews]
        http:
        - retires:
            attempts: 3
          route:
          - destination: {host: reviews}
        """);
    assertThat(violations).containsExactly(new SchemaViolation(List.of("spec", "http", 0, "retires"), true,
        "unknown field `retires` in spec.http[0]: unless the client validates strictly, the API server drops it without a word", "did you mean `retries`?"));
  }

  @Test
  void unknownFieldWithoutLookAlikeListsShortSetsOfFields() {
    List<SchemaViolation> violations = networking("Gateway", """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        extra: 1
        spec:
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: ["*"]
            zzz: true
        """);
    assertThat(violations).containsExactly(
        new SchemaViolation(List.of("extra"), true,
            "unknown field `extra` at the top level: unless the client validates strictly, the API server drops it without a word", "allowed fields: `apiVersion`, `kind`, `metadata`, `spec`, `status`"),
        new SchemaViolation(List.of("spec", "servers", 0, "zzz"), true,
            "unknown field `zzz` in spec.servers[0]: unless the client validates strictly, the API server drops it without a word",
            "allowed fields: `bind`, `defaultEndpoint`, `hosts`, `name`, `port`, `tls`"));
  }

  @Test
  void metadataIsStrictObjectMeta() {
    List<SchemaViolation> violations = networking("DestinationRule", """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: reviews
          creationTimestamp: null
          lables:
            app: reviews
          annotations:
            sidecar.istio.io/inject: true
        spec:
          host: reviews
          subsets:
          - name: v1
            labels:
              version: 1
        """);
    assertThat(violations).containsExactly(
        violation("metadata.annotations[\"sidecar.istio.io/inject\"] must be a string, found boolean true",
            "quote the value: YAML reads it as a boolean", "metadata", "annotations", "sidecar.istio.io/inject"),
        new SchemaViolation(List.of("metadata", "lables"), true,
            "unknown field `lables` in metadata: unless the client validates strictly, the API server drops it without a word", "did you mean `labels`?"),
        violation("spec.subsets[0].labels.version must be a string, found integer 1",
            "quote the value: YAML reads it as a number", "spec", "subsets", 0, "labels", "version"));
  }

  @Test
  void acceptsWhatKubectlGetPrints() {
    assertThat(networking("Gateway", """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: |
              {"apiVersion":"networking.istio.io/v1","kind":"Gateway"}
          creationTimestamp: "2025-03-01T10:00:00Z"
          generation: 2
          labels: {app: gw}
          managedFields:
          - apiVersion: networking.istio.io/v1
            fieldsType: FieldsV1
            fieldsV1:
              f:spec: {f:selector: {}}
            manager: kubectl-client-side-apply
            operation: Update
            time: "2025-03-01T10:00:00Z"
          name: gw
          namespace: default
          resourceVersion: "123456"
          uid: 0b5e2a4c-8f0e-4a8e-9d4c-2f3a5e6b7c8d
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: ["*"]
        status: {}
        """)).isEmpty();
  }

  @Test
  void labelValuesMustBeStrings() {
    List<SchemaViolation> violations = networking("Gateway", """
        metadata:
          name: gw
          labels:
            version: 1
        spec: {}
        """);
    assertThat(violations).containsExactly(violation("metadata.labels.version must be a string, found integer 1",
        "quote the value: YAML reads it as a number", "metadata", "labels", "version"));
  }

  @Test
  void wrongTypeNamesPathFoundAndExpected() {
    List<SchemaViolation> violations = virtualService("""
        hosts: reviews
        http:
        - route:
          - destination: {host: reviews}
            weight: abc
          timeout: 5
        """);
    assertThat(violations).containsExactly(
        violation("spec.hosts must be a list, found string \"reviews\"", null, "spec", "hosts"),
        violation("spec.http[0].route[0].weight must be an integer, found string \"abc\"", null,
            "spec", "http", 0, "route", 0, "weight"),
        // A duration is text, but a quoted "5" would still not be a duration: no quoting hint.
        violation("spec.http[0].timeout must be a string, found integer 5", null, "spec", "http", 0, "timeout"));
  }

  @Test
  void enumValueWithSuggestion() {
    List<SchemaViolation> violations = networking("DestinationRule", """
        metadata: {name: reviews}
        spec:
          host: reviews
          trafficPolicy:
            tls: {mode: SIMPLEX}
        """);
    assertThat(violations).containsExactly(violation(
        "spec.trafficPolicy.tls.mode is `SIMPLEX`, not one of: DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL",
        "did you mean `SIMPLE`?", "spec", "trafficPolicy", "tls", "mode"));
  }

  @Test
  void missingRequiredFieldIsReportedOnItsParent() {
    List<SchemaViolation> violations = networking("DestinationRule", """
        metadata: {name: reviews}
        spec:
          subsets:
          - labels: {version: v1}
        """);
    assertThat(violations).containsExactly(
        violation("missing required field `host` in spec", null, "spec"),
        violation("missing required field `name` in spec.subsets[0]", null, "spec", "subsets", 0));
  }

  @Test
  void oneofWithSeveralFieldsSetIsOneViolation() {
    List<SchemaViolation> violations = virtualService("""
        hosts: [reviews]
        http:
        - match:
          - uri: {exact: /a, prefix: /b}
          route:
          - destination: {host: reviews}
        """);
    assertThat(violations).containsExactly(violation(
        "set at most one of `exact`, `prefix`, `regex` in spec.http[0].match[0].uri (found `exact` and `prefix`)",
        "they are alternatives: keep one", "spec", "http", 0, "match", 0, "uri"));
  }

  @Test
  void oneofOfTwoFieldsSaysBoth() {
    // consistentHash holds two oneofs (hash key, and ring hash vs maglev) under an allOf; only one is broken.
    List<SchemaViolation> violations = networking("DestinationRule", """
        metadata: {name: reviews}
        spec:
          host: reviews
          trafficPolicy:
            loadBalancer:
              consistentHash:
                useSourceIp: true
                ringHash: {minimumRingSize: 1024}
                maglev: {tableSize: 65537}
        """);
    assertThat(violations).containsExactly(violation(
        "set at most one of `ringHash`, `maglev` in spec.trafficPolicy.loadBalancer.consistentHash (found both)",
        "they are alternatives: keep one", "spec", "trafficPolicy", "loadBalancer", "consistentHash"));
  }

  @Test
  void oneofMembersAreCheckedWithoutCascades() {
    List<SchemaViolation> violations = virtualService("""
        hosts: [reviews]
        http:
        - match:
          - uri: {exact: 5}
          - uri: /plain
          - uri: {exakt: /a}
          route:
          - destination: {host: reviews}
        """);
    assertThat(violations).containsExactly(
        violation("spec.http[0].match[0].uri.exact must be a string, found integer 5",
            "quote the value: YAML reads it as a number", "spec", "http", 0, "match", 0, "uri", "exact"),
        violation("spec.http[0].match[1].uri must be an object, found string \"/plain\"", null,
            "spec", "http", 0, "match", 1, "uri"),
        new SchemaViolation(List.of("spec", "http", 0, "match", 2, "uri", "exakt"), true,
            "unknown field `exakt` in spec.http[0].match[2].uri: unless the client validates strictly, the API server drops it without a word",
            "did you mean `exact`?"));
  }

  @Test
  void nullableFieldsAcceptNull() {
    assertThat(virtualService("""
        hosts: [reviews]
        http:
        - corsPolicy:
            allowCredentials: null
            unmatchedPreflights: FORWARD
          route:
          - destination: {host: reviews}
        """)).isEmpty();
  }

  @Test
  void nullWhereNotNullableIsDroppedAsTheApiServerDoes() {
    String spec = """
        hosts: [reviews]
        http:
        - retries:
          route:
          - destination: {host: reviews}
        """;
    assertThat(virtualService(spec)).isEmpty();
    assertThat(CATALOG.pruneNulls("networking.istio.io", "v1", "VirtualService", TestDocs.yaml("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
        spec:
        """ + spec.indent(2))).dropped()).containsExactly(List.of("spec", "http", 0, "retries"));
  }

  @Test
  void nullListItemsAndNullRequiredFieldsAreStillRejected() {
    assertThat(virtualService("""
        hosts: [reviews]
        http:
        - match: [null]
          route:
          - destination: {host: reviews}
        """)).containsExactly(violation("spec.http[0].match[0] must be an object, found null",
        "an empty YAML value is null: give it a value or remove the field", "spec", "http", 0, "match", 0));
    assertThat(networking("DestinationRule", """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: reviews
        spec:
          host: null
        """)).extracting(SchemaViolation::message).containsExactly("missing required field `host` in spec");
  }

  @Test
  void intOrStringAcceptsBothAndNothingElse() {
    String status = """
        metadata: {name: gw}
        spec: {}
        status:
          observedGeneration: %s
          conditions:
          - type: Reconciled
            observedGeneration: "3"
        """;
    assertThat(networking("Gateway", status.formatted("3"))).isEmpty();
    assertThat(networking("Gateway", status.formatted("\"3\""))).isEmpty();
    assertThat(networking("Gateway", status.formatted("true"))).containsExactly(violation(
        "status.observedGeneration must be an integer or a string, found boolean true", null,
        "status", "observedGeneration"));
  }

  @Test
  void int32RangeIsEnforced() {
    String spec = """
        hosts: [reviews]
        http:
        - retries: {attempts: %s}
          route:
          - destination: {host: reviews}
            weight: %s
        """;
    assertThat(virtualService(spec.formatted("2147483647", "-2147483648"))).isEmpty();
    assertThat(virtualService(spec.formatted("3000000000", "-2147483649"))).containsExactly(
        violation("spec.http[0].retries.attempts must be at most 2147483647 (int32), found 3000000000", null,
            "spec", "http", 0, "retries", "attempts"),
        violation("spec.http[0].route[0].weight must be at least -2147483648 (int32), found -2147483649", null,
            "spec", "http", 0, "route", 0, "weight"));
  }

  @Test
  void explicitBoundsAndIntegralFloats() {
    assertThat(networking("Gateway", """
        metadata: {name: gw}
        spec:
          servers:
          - port: {number: 80.0, name: http, protocol: HTTP}
            hosts: ["*"]
          - port: {number: 4294967296, name: http2, protocol: HTTP}
            hosts: ["*"]
        """)).containsExactly(violation("spec.servers[1].port.number must be at most 4294967295, found 4294967296",
        null, "spec", "servers", 1, "port", "number"));
  }

  @Test
  void patternAndSizeLimits() {
    assertThat(networking("ServiceEntry", """
        metadata: {name: se}
        spec:
          hosts: []
        """)).containsExactly(violation("spec.hosts must not be empty", null, "spec", "hosts"));
    assertThat(CATALOG.validate("security.istio.io", "v1", "AuthorizationPolicy", TestDocs.yaml("""
        metadata: {name: ap}
        spec:
          targetRef: {group: Gateway.Networking, kind: Gateway, name: ""}
        """))).containsExactly(
            violation("spec.targetRef.group is \"Gateway.Networking\", which does not match the pattern "
                + "`^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`", null,
                "spec", "targetRef", "group"),
            violation("spec.targetRef.name must not be empty", null, "spec", "targetRef", "name"));
  }

  @Test
  void violationsAreSortedByPathAndDeterministic() {
    String yaml = """
        metadata: {name: reviews, lables: {}}
        spec:
          host: reviews
          subsets:
          - {name: v2, labels: {version: 2}}
          - {name: v1, labels: {version: 1}, bogus: 1}
          trafficPolicy: {tls: {mode: NONE}}
        """;
    List<SchemaViolation> first = networking("DestinationRule", yaml);
    assertThat(first).extracting(SchemaViolation::path).containsExactly(
        List.of("metadata", "lables"),
        List.of("spec", "subsets", 0, "labels", "version"),
        List.of("spec", "subsets", 1, "bogus"),
        List.of("spec", "subsets", 1, "labels", "version"),
        List.of("spec", "trafficPolicy", "tls", "mode"));
    assertThat(networking("DestinationRule", yaml)).isEqualTo(first);
  }

  @Test
  void otherGroupsAndOlderVersions() {
    assertThat(CATALOG.validate("security.istio.io", "v1", "PeerAuthentication", TestDocs.yaml("""
        metadata: {name: default, namespace: istio-system}
        spec:
          mtls: {mode: STRICT}
          portLevelMtls:
            8080: {mode: DISABLE}
        """))).isEmpty();
    assertThat(CATALOG.validate("networking.istio.io", "v1alpha3", "VirtualService", TestDocs.yaml("""
        spec:
          hosts: [reviews]
          http: [{route: [{destination: {host: reviews}}], retires: {}}]
        """))).extracting(SchemaViolation::path).containsExactly(List.of("spec", "http", 0, "retires"));
  }
}
