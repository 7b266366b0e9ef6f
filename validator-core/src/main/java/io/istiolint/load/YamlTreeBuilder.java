package io.istiolint.load;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import io.istiolint.api.Location;
import io.istiolint.api.YamlPath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Builds a JSON tree from the parser's event stream of one document, without recursion (so nesting depth is
 * bounded by {@link LoadLimits}, not by the thread stack). Aliases share the anchored subtree and count
 * against an expansion budget; {@code <<} merge keys are applied as kubectl does; a repeated key keeps the
 * later value and is recorded. Parsed without marks, it keeps no paths or positions at all (the cheap first
 * pass); with marks it locates repeated keys and errors, and optionally records the position of every node and
 * key, which is only done when a finding needs one (see {@link DocumentSource}).
 */
final class YamlTreeBuilder {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MERGE_KEY = "<<";

  /**
   * The result for one document. {@code positions} is null unless recording was asked for; without marks
   * {@code rootLocation} is null, and {@code needsMarks} says the document repeats a key, whose position must
   * be reported (so it is parsed again with marks).
   */
  record Tree(JsonNode root, Location rootLocation, List<Duplicate> duplicates, boolean needsMarks,
      Map<YamlPath, Location> positions) {}

  /** A repeated key at {@code path} (pointing at the key). */
  record Duplicate(YamlPath path, Location location, Location firstLocation) {}

  private final String file;
  private final int lineOffset;
  private final LoadLimits limits;
  private final boolean marked;
  private final Map<YamlPath, Location> positions;
  private final List<Duplicate> duplicates = new ArrayList<>();
  private final Map<String, Anchored> anchors = new HashMap<>();
  private final ArrayDeque<Frame> stack = new ArrayDeque<>();
  private int aliasedNodes;
  private boolean repeatedKey;
  private JsonNode root;
  private Location rootLocation;

  private YamlTreeBuilder(String file, int lineOffset, LoadLimits limits, boolean marked, boolean recordPositions) {
    this.file = file;
    this.lineOffset = lineOffset;
    this.limits = limits;
    this.marked = marked;
    this.positions = marked && recordPositions ? new HashMap<>() : null;
  }

  /**
   * Consumes the events of one document body (after DocumentStart, up to and including DocumentEnd) and
   * returns its tree. {@code marked}: the events carry marks, so paths and locations are kept.
   */
  static Tree build(Iterator<Event> events, String file, int lineOffset, LoadLimits limits, boolean marked,
      boolean recordPositions) throws YamlSyntaxException {
    YamlTreeBuilder builder = new YamlTreeBuilder(file, lineOffset, limits, marked, recordPositions);
    while (events.hasNext()) {
      Event event = events.next();
      if (event.getEventId() == Event.ID.DocumentEnd) {
        return new Tree(builder.root, builder.rootLocation, List.copyOf(builder.duplicates), builder.repeatedKey,
            builder.positions);
      }
      builder.accept(event);
    }
    throw new YamlSyntaxException(new Location(file, lineOffset + 1, 1), "document ends unexpectedly", null);
  }

  private void accept(Event event) throws YamlSyntaxException {
    switch (event.getEventId()) {
      case Scalar -> value(representable(scalar((ScalarEvent) event), event), event, 1, null);
      case Alias -> alias((AliasEvent) event);
      case MappingStart -> open(event, new OrderedArrayMap<>(), null);
      case SequenceStart -> open(event, null, new ArrayList<>(2));
      case MappingEnd, SequenceEnd -> close();
      default -> { } // comments and stream markers carry no data
    }
  }

  private JsonNode scalar(ScalarEvent e) {
    if (e.isPlain() && e.getImplicit().canOmitTagInPlainScalar()) {
      return ScalarResolver.plain(e.getValue());
    }
    String tag = e.getTag().orElse(null);
    if (tag != null && !e.getImplicit().canOmitTagInNonPlainScalar()) {
      return ScalarResolver.tagged(tag, e.getValue());
    }
    return Interned.text(e.getValue());
  }

  /** kubectl sends JSON, which has no NaN or infinity: such a document cannot be applied at all. */
  private JsonNode representable(JsonNode node, Event event) throws YamlSyntaxException {
    if (node.isDouble() && !Double.isFinite(node.doubleValue())) {
      throw error(event, "`" + ((ScalarEvent) event).getValue() + "` is not a number JSON can carry, so kubectl cannot send"
          + " this document", "quote it if a string is meant, or give a finite number");
    }
    return node;
  }

  private void open(Event event, OrderedArrayMap<JsonNode> fields, ArrayList<JsonNode> items) throws YamlSyntaxException {
    CollectionStartEvent start = (CollectionStartEvent) event;
    if (!start.isImplicit() && "tag:yaml.org,2002:set".equals(start.getTag().orElse(null))) {
      throw error(event, "YAML sets (!!set) cannot be represented in a Kubernetes object", null);
    }
    if (stack.size() >= limits.maxDepth()) {
      throw error(event, "nesting is deeper than " + limits.maxDepth() + " levels", "no Kubernetes object is nested this deeply; is the file generated correctly?");
    }
    JsonNode container = fields != null ? new ObjectNode(NODES, fields) : new ArrayNode(NODES, items);
    Frame frame = new Frame(container, fields, items, location(event), anchorName(event), marked);
    if (stack.isEmpty() && root == null) {
      frame.path = marked ? YamlPath.ROOT : null;
      record(YamlPath.ROOT, frame.location);
      root = container;
      rootLocation = frame.location;
    } else {
      frame.path = attach(container, event);
      record(frame.path, frame.location);
    }
    stack.push(frame);
  }

  private void close() throws YamlSyntaxException {
    Frame frame = stack.pop();
    if (!frame.applyMerges()) {
      throw new YamlSyntaxException(frame.location, "a `<<` merge key needs a mapping or a list of mappings", null);
    }
    frame.trim();
    if (frame.anchor != null) {
      anchors.put(frame.anchor, new Anchored(frame.node, frame.path, size(frame.node)));
    }
  }

  private void value(JsonNode node, Event event, int nodeCount, Anchored source) throws YamlSyntaxException {
    Frame parent = stack.peek();
    if (parent == null) {
      root = node;
      rootLocation = location(event);
      record(YamlPath.ROOT, rootLocation);
      return;
    }
    if (parent.fields != null && parent.pendingKey == null) {
      setKey(parent, node, event);
      return;
    }
    YamlPath path = attach(node, event);
    if (source != null) {
      copyPositions(source.path, path);
    } else {
      if (positions != null) {
        record(path, location(event));
      }
      String anchor = anchorName(event);
      if (anchor != null) {
        anchors.put(anchor, new Anchored(node, path, nodeCount));
      }
    }
  }

  private void setKey(Frame parent, JsonNode key, Event event) throws YamlSyntaxException {
    if (!key.isValueNode() && !key.isNull()) {
      throw error(event, "a mapping key must be a plain value, not a mapping or list", null);
    }
    String raw = event instanceof ScalarEvent s ? s.getValue() : key.asString("");
    parent.pendingKey = Interned.key(key.isNull() ? raw : ScalarResolver.keyText(key, raw));
    parent.pendingKeyIsMerge = event instanceof ScalarEvent s && s.isPlain() && MERGE_KEY.equals(raw);
    parent.pendingKeyLocation = marked ? location(event) : null;
  }

  /** Attaches {@code node} under the innermost open container and returns its path (null without marks). */
  private YamlPath attach(JsonNode node, Event event) throws YamlSyntaxException {
    Frame parent = stack.peek();
    if (parent.items != null) {
      YamlPath path = marked ? parent.path.index(parent.items.size()) : null;
      parent.items.add(node);
      return path;
    }
    if (parent.pendingKey == null) {
      throw error(event, "a mapping key must be a plain value, not a mapping or list", null);
    }
    String key = parent.pendingKey;
    Location keyLocation = parent.pendingKeyLocation;
    parent.pendingKey = null;
    if (parent.pendingKeyIsMerge) {
      parent.merge(node);
      return marked ? parent.path.field(MERGE_KEY) : null;
    }
    if (!marked) {
      if (parent.fields.put(key, node) != null) {
        repeatedKey = true;
      }
      return null;
    }
    YamlPath path = parent.path.field(key);
    Location first = parent.keyLocations.putIfAbsent(key, keyLocation);
    if (first != null) {
      duplicates.add(new Duplicate(path.key(), keyLocation, first));
      forgetPositions(path);
    }
    parent.fields.put(key, node);
    if (positions != null) {
      record(path.key(), keyLocation);
    }
    return path;
  }

  private void alias(AliasEvent event) throws YamlSyntaxException {
    String name = event.getAlias().getValue();
    Anchored anchored = anchors.get(name);
    if (anchored == null) {
      boolean open = stack.stream().anyMatch(f -> name.equals(f.anchor));
      throw error(event, open ? "alias *" + name + " refers to the node that contains it (a recursive structure)"
          : "alias *" + name + " refers to no anchor defined before it", null);
    }
    aliasedNodes += anchored.size;
    if (aliasedNodes > limits.maxAliasedNodes()) {
      throw error(event, "aliases expand to more than " + limits.maxAliasedNodes() + " nodes",
          "a document that multiplies itself through aliases (\"billion laughs\") is refused");
    }
    value(anchored.node, event, anchored.size, anchored);
  }

  private void record(YamlPath path, Location location) {
    if (positions != null) {
      positions.put(path, location);
    }
  }

  private void forgetPositions(YamlPath path) {
    if (positions != null) {
      positions.keySet().removeIf(p -> startsWith(p, path));
    }
  }

  /** An alias repeats the anchored node: its positions are those of the anchor's subtree. */
  private void copyPositions(YamlPath from, YamlPath to) {
    if (positions == null) {
      return;
    }
    Map<YamlPath, Location> copies = new LinkedHashMap<>();
    positions.forEach((p, loc) -> {
      if (startsWith(p, from) && !(p.pointsAtKey() && p.segments().size() == from.segments().size())) {
        List<Object> rest = p.segments().subList(from.segments().size(), p.segments().size());
        YamlPath relative = YamlPath.ofSegments(rest);
        copies.put(to.resolve(p.pointsAtKey() ? relative.key() : relative), loc);
      }
    });
    positions.putAll(copies);
  }

  private static boolean startsWith(YamlPath path, YamlPath prefix) {
    List<Object> p = path.segments();
    List<Object> q = prefix.segments();
    return p.size() >= q.size() && p.subList(0, q.size()).equals(q);
  }

  private static int size(JsonNode node) {
    int n = 1;
    for (JsonNode child : node) {
      n += size(child);
    }
    return n;
  }

  /** Where {@code event} starts; null without marks (the parse with marks gives it when it is needed). */
  private Location location(Event event) {
    if (!marked) {
      return null;
    }
    Mark mark = event.getStartMark().orElse(null);
    return mark == null ? new Location(file, lineOffset + 1, 1)
        : new Location(file, lineOffset + mark.getLine() + 1, mark.getColumn() + 1);
  }

  private YamlSyntaxException error(Event event, String message, String hint) {
    return new YamlSyntaxException(location(event), message, hint);
  }

  private static String anchorName(Event event) {
    if (event instanceof AliasEvent || !(event instanceof NodeEvent n)) {
      return null;
    }
    Anchor anchor = n.getAnchor().orElse(null);
    return anchor == null ? null : anchor.getValue();
  }

  private record Anchored(JsonNode node, YamlPath path, int size) {}

  /** An open mapping (with {@code fields}) or sequence (with {@code items}). */
  private static final class Frame {
    final JsonNode node;
    final OrderedArrayMap<JsonNode> fields;
    final ArrayList<JsonNode> items;
    final Location location;
    final String anchor;
    final Map<String, Location> keyLocations; // only with marks, and only mappings have keys
    List<JsonNode> merges = List.of();
    YamlPath path;
    String pendingKey;
    boolean pendingKeyIsMerge;
    Location pendingKeyLocation;

    Frame(JsonNode node, OrderedArrayMap<JsonNode> fields, ArrayList<JsonNode> items, Location location, String anchor,
        boolean marked) {
      this.node = node;
      this.fields = fields;
      this.items = items;
      this.location = location;
      this.anchor = anchor;
      this.keyLocations = marked && fields != null ? new HashMap<>() : Map.of();
    }

    void merge(JsonNode source) {
      if (merges.isEmpty()) {
        merges = new ArrayList<>(1);
      }
      merges.add(source);
    }

    /** The container is complete: its spare capacity is given back. */
    void trim() {
      if (fields != null) {
        fields.trim();
      } else {
        items.trimToSize();
      }
    }

    /**
     * Keys written in the mapping win over merged ones; earlier merge sources win over later ones. False when
     * a merge source is not a mapping.
     */
    boolean applyMerges() {
      if (merges.isEmpty()) {
        return true;
      }
      for (JsonNode merge : merges) {
        List<JsonNode> sources = new ArrayList<>();
        if (merge.isArray()) {
          merge.forEach(sources::add);
        } else {
          sources.add(merge);
        }
        for (JsonNode source : sources) {
          if (!source.isObject()) {
            return false;
          }
          source.properties().forEach(e -> fields.putIfAbsent(e.getKey(), e.getValue()));
        }
      }
      return true;
    }
  }
}
