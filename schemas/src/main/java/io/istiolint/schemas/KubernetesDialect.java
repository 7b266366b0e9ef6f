package io.istiolint.schemas;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.DisallowUnknownKeywordFactory;
import com.networknt.schema.keyword.KeywordFactory;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.util.List;

/**
 * The JSON Schema dialect of a CRD's {@code openAPIV3Schema}: OpenAPI 3.0 (so {@code nullable} works) plus
 * the {@code x-kubernetes-*} extensions.
 *
 * <p>Only {@code x-kubernetes-int-or-string} is enforced. The others are known but not checked:
 * {@code x-kubernetes-validations} holds CEL rules, which istiolint does not evaluate; list-type and
 * map-type describe merge strategies (istiolint does not check list-map key uniqueness);
 * preserve-unknown-fields and embedded-resource are honoured while converting the schema
 * ({@link StructuralSchemas}) instead.
 */
final class KubernetesDialect {

  private static final String ID = "https://istiolint.invalid/dialect/kubernetes-structural-schema";

  private static final List<String> NON_VALIDATING = List.of(
      "x-kubernetes-preserve-unknown-fields",
      "x-kubernetes-embedded-resource",
      "x-kubernetes-validations",
      "x-kubernetes-list-type",
      "x-kubernetes-list-map-keys",
      "x-kubernetes-map-type",
      // OpenAPI 3.0 booleans read by the minimum/maximum validators; the base dialect does not list them.
      "exclusiveMinimum",
      "exclusiveMaximum");

  /** Keywords a future Kubernetes release may add are ignored quietly rather than logged per schema. */
  private static final KeywordFactory IGNORE_UNKNOWN = (keyword, context) -> new NonValidationKeyword(keyword);

  private KubernetesDialect() {}

  /** The registry used for validation, lenient about keywords it does not know; shared, as it is thread-safe. */
  static SchemaRegistry registry() {
    return Shared.REGISTRY;
  }

  /** A registry that rejects unknown keywords, to prove that every keyword of a CRD set is understood. */
  static SchemaRegistry strictRegistry() {
    return registry(DisallowUnknownKeywordFactory.getInstance());
  }

  private static SchemaRegistry registry(KeywordFactory unknownKeywords) {
    Dialect.Builder dialect = Dialect.builder(ID, Dialects.getOpenApi30())
        .unknownKeywordFactory(unknownKeywords)
        .keyword(new IntOrStringKeyword());
    NON_VALIDATING.forEach(keyword -> dialect.keyword(new NonValidationKeyword(keyword)));
    SchemaRegistryConfig config = SchemaRegistryConfig.builder()
        .formatAssertionsEnabled(true)
        // The API server accepts 8.0 for an integer field; so does istiolint.
        .losslessNarrowing(true)
        .build();
    return SchemaRegistry.withDefaultDialect(dialect.build(), registry -> registry.schemaRegistryConfig(config));
  }

  /** Holder: networknt's classes are loaded on the first compilation, not when a catalog is created. */
  private static final class Shared {
    static final SchemaRegistry REGISTRY = registry(IGNORE_UNKNOWN);
  }
}
