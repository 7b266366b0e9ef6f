package io.istiolint.load;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per distinct mapping key (the JVM's interned one) and per distinct short string value across
 * every document loaded. A mesh repeats the same field names and values (ports, protocols, versions, namespaces)
 * millions of times, and each copy would otherwise stay on the heap for the whole run. Loaded trees are never
 * changed, so sharing an immutable {@link StringNode} is safe (aliases share whole subtrees already). Bounded, so
 * that documents with arbitrary content cannot grow it: past the bound, strings are kept as read.
 */
final class Interned {

  private static final int MAX_ENTRIES = 16_384;
  private static final int MAX_LENGTH = 64;
  private static final ConcurrentHashMap<String, String> KEYS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, StringNode> TEXTS = new ConcurrentHashMap<>();

  private Interned() {}

  static String key(String key) {
    if (key.length() > MAX_LENGTH) {
      return key;
    }
    String known = KEYS.get(key);
    if (known != null || KEYS.size() >= MAX_ENTRIES) {
      return known != null ? known : key;
    }
    // The JVM's own instance: lookups with a literal key then match the stored key by reference.
    String canonical = key.intern();
    known = KEYS.putIfAbsent(canonical, canonical);
    return known != null ? known : canonical;
  }

  static StringNode text(String text) {
    if (text.length() > MAX_LENGTH) {
      return JsonNodeFactory.instance.stringNode(text);
    }
    StringNode known = TEXTS.get(text);
    if (known != null) {
      return known;
    }
    StringNode made = JsonNodeFactory.instance.stringNode(text);
    if (TEXTS.size() >= MAX_ENTRIES) {
      return made;
    }
    known = TEXTS.putIfAbsent(text, made);
    return known != null ? known : made;
  }
}
