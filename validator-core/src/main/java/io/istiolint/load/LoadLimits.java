package io.istiolint.load;

/**
 * Bounds that keep hostile input from exhausting memory or stack. Real Kubernetes objects are far inside
 * them: etcd stores at most about 1.5 MiB per object.
 *
 * @param maxDocumentChars  characters in one YAML document
 * @param maxDepth          nesting of mappings and sequences
 * @param maxAliasedNodes   nodes that aliases may add to one document (stops "billion laughs")
 */
public record LoadLimits(int maxDocumentChars, int maxDepth, int maxAliasedNodes) {

  public static final LoadLimits DEFAULT = new LoadLimits(3 * 1024 * 1024, 512, 100_000);
}
