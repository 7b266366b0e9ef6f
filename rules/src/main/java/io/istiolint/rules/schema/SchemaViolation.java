package io.istiolint.rules.schema;

import io.istiolint.api.StandaloneRule;
import io.istiolint.api.RuleContext;
import io.istiolint.api.RuleMeta;
import io.istiolint.api.Severity;
import io.istiolint.api.YamlPath;
import io.istiolint.model.Resource;
import io.istiolint.schemas.SchemaCatalog;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * IL0004: the object does not fit its CRD's structural schema. Unknown fields matter most: the API server
 * prunes them without a word, so {@code retires:} instead of {@code retries:} is accepted and does nothing.
 */
public final class SchemaViolation implements StandaloneRule {

  public static final RuleMeta META = new RuleMeta("IL0004", "schema-violation", Severity.ERROR, Set.of(), Set.of(),
      "The object does not fit its CRD schema: unknown field (silently dropped by the API server), wrong type,"
          + " value not allowed, required field missing",
      "Fix the field named in the message; for an unknown field, check the spelling and the indentation",
      List.of("IST0106"));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Resource target, RuleContext ctx) {
    if (!target.kind().isIstio()) {
      return; // the catalog holds Istio's CRDs; asking it about a ConfigMap would only cost start-up time
    }
    SchemaCatalog schemas = ctx.schemas();
    boolean served = schemas.crd(target.group(), target.kind().kind())
        .flatMap(crd -> crd.version(target.version())).isPresent();
    if (!served) {
      return; // no schema to check against (IL0003 covers Istio kinds that are not served)
    }
    // Most objects hold no null: they are kept as written, and need no walk for nulls the API server would drop.
    JsonNode stored = !target.holdsNull() ? target.object()
        : schemas.pruneNulls(target.group(), target.version(), target.kind().kind(), target.object()).object();
    for (io.istiolint.schemas.SchemaViolation v : schemas.validateStored(target.group(), target.version(), target.kind().kind(), stored)) {
      YamlPath path = YamlPath.ofSegments(v.path());
      ctx.report(target, v.atKey() && !path.isRoot() && path.last() instanceof String ? path.key() : path, v.message(), v.hint());
    }
  }
}
