package io.istiolint.schemas;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reads multi-document YAML into Jackson trees, the form every schema in this module is handled in. */
final class YamlTrees {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The CRDs of a whole Istio release are about 1 MB in one stream; a cluster's full CRD set can be far
   * larger than snakeyaml's 3 MB default, and this input is trusted.
   */
  private static final int CODE_POINT_LIMIT = 256 * 1024 * 1024;

  private YamlTrees() {}

  /** Every non-empty document of {@code in}, in order. */
  static List<JsonNode> readAll(InputStream in, String label) {
    LoadSettings settings = LoadSettings.builder().setLabel(label).setCodePointLimit(CODE_POINT_LIMIT).build();
    List<JsonNode> documents = new ArrayList<>();
    for (Object document : new Load(settings).loadAllFromInputStream(in)) {
      if (document != null) {
        documents.add(MAPPER.valueToTree(document));
      }
    }
    return documents;
  }
}
