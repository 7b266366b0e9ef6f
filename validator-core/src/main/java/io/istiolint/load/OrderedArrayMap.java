package io.istiolint.load;

import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The field map of a loaded mapping: keys and values side by side in one array, in insertion order, as a
 * {@code LinkedHashMap} keeps them but without an entry object and a hash table per field (a mesh holds
 * millions of small mappings). Lookups scan the keys, comparing references first (keys are interned as the
 * JVM interns literals, so {@code path("host")} finds its key by reference); a one-word filter of the keys'
 * hashes answers most lookups of an absent key without a scan; a mapping with many fields gets a hash index
 * so that lookups stay constant-time. A full {@link Map}: trees
 * are compared, serialised and may be changed by their users like any Jackson tree. It implements {@link Map}
 * directly: {@code AbstractMap} would add two fields to each of these millions of maps.
 */
final class OrderedArrayMap<V> implements Map<String, V> {

  /** Up to this many fields a scan is cheaper than hashing. */
  private static final int SCAN_LIMIT = 8;
  private static final Object[] EMPTY = {};

  /** key0, value0, key1, value1, ... */
  private Object[] slots = EMPTY;
  private int size;
  /** Open-addressing table of (field index + 1), 0 for free; null while the map is small. */
  private int[] index;
  /** One bit per key hash (the hash's low five bits after spreading): a clear bit means no such key. */
  private int keyBits;
  private int modifications;

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int i = find(key);
    return i < 0 ? null : (V) slots[2 * i + 1];
  }

  @Override
  @SuppressWarnings("unchecked")
  public V put(String key, V value) {
    int i = find(key);
    if (i >= 0) {
      V old = (V) slots[2 * i + 1];
      slots[2 * i + 1] = value;
      return old;
    }
    if (2 * size == slots.length) {
      Object[] grown = new Object[Math.max(8, slots.length * 2)];
      System.arraycopy(slots, 0, grown, 0, slots.length);
      slots = grown;
    }
    slots[2 * size] = key;
    slots[2 * size + 1] = value;
    keyBits |= keyBit(key);
    size++;
    modifications++;
    if (index != null) {
      if (4 * size > 3 * index.length) {
        rebuildIndex();
      } else {
        insertIntoIndex(size - 1);
      }
    } else if (size > SCAN_LIMIT) {
      rebuildIndex();
    }
    return null;
  }

  @Override
  public V remove(Object key) {
    int i = find(key);
    if (i < 0) {
      return null;
    }
    @SuppressWarnings("unchecked")
    V old = (V) slots[2 * i + 1];
    removeAt(i);
    return old;
  }

  @Override
  public boolean containsValue(Object value) {
    for (int i = 0; i < size; i++) {
      if (Objects.equals(slots[2 * i + 1], value)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void putAll(Map<? extends String, ? extends V> other) {
    for (Entry<? extends String, ? extends V> e : other.entrySet()) {
      put(e.getKey(), e.getValue());
    }
  }

  @Override
  public void clear() {
    slots = EMPTY;
    size = 0;
    index = null;
    keyBits = 0;
    modifications++;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<? super String, ? super V> action) {
    int expected = modifications;
    for (int i = 0; i < size; i++) {
      action.accept((String) slots[2 * i], (V) slots[2 * i + 1]);
      if (modifications != expected) {
        throw new ConcurrentModificationException();
      }
    }
  }

  /** Gives back the unused end of the array once the mapping is complete. */
  void trim() {
    if (2 * size < slots.length) {
      Object[] exact = new Object[2 * size];
      System.arraycopy(slots, 0, exact, 0, exact.length);
      slots = size == 0 ? EMPTY : exact;
    }
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, V>> iterator() {
        return new Cursor<>() {
          @Override
          Entry<String, V> at(int i) {
            return new Field(i);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  @Override
  public Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return new Cursor<>() {
          @Override
          String at(int i) {
            return (String) slots[2 * i];
          }
        };
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public boolean contains(Object key) {
        return containsKey(key);
      }
    };
  }

  @Override
  public Collection<V> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<V> iterator() {
        return new Cursor<>() {
          @Override
          @SuppressWarnings("unchecked")
          V at(int i) {
            return (V) slots[2 * i + 1];
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** Equal to any map with the same fields, whatever its order or class, as {@link Map#equals} requires. */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Map<?, ?> other) || other.size() != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      Object key = slots[2 * i];
      Object value = slots[2 * i + 1];
      if (value == null ? other.get(key) != null || !other.containsKey(key) : !value.equals(other.get(key))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < size; i++) {
      h += Objects.hashCode(slots[2 * i]) ^ Objects.hashCode(slots[2 * i + 1]);
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      text.append(i == 0 ? "" : ", ").append(slots[2 * i]).append('=').append(slots[2 * i + 1]);
    }
    return text.append('}').toString();
  }

  private int find(Object key) {
    if ((keyBits & keyBit(key)) == 0) {
      return -1; // removals leave bits set: a set bit only means "maybe"
    }
    if (index != null) {
      int mask = index.length - 1;
      for (int h = spread(key) & mask; index[h] != 0; h = (h + 1) & mask) {
        int i = index[h] - 1;
        if (Objects.equals(slots[2 * i], key)) {
          return i;
        }
      }
      return -1;
    }
    for (int i = 0; i < size; i++) {
      if (slots[2 * i] == key) {
        return i;
      }
    }
    for (int i = 0; i < size; i++) {
      if (Objects.equals(slots[2 * i], key)) {
        return i;
      }
    }
    return -1;
  }

  private void removeAt(int i) {
    System.arraycopy(slots, 2 * i + 2, slots, 2 * i, 2 * (size - i - 1));
    size--;
    slots[2 * size] = null;
    slots[2 * size + 1] = null;
    modifications++;
    if (index != null) {
      if (size > SCAN_LIMIT) {
        rebuildIndex();
      } else {
        index = null;
      }
    }
  }

  private void rebuildIndex() {
    int capacity = Integer.highestOneBit(size * 2) * 2;
    index = new int[capacity];
    for (int i = 0; i < size; i++) {
      insertIntoIndex(i);
    }
  }

  private void insertIntoIndex(int i) {
    int mask = index.length - 1;
    int h = spread(slots[2 * i]) & mask;
    while (index[h] != 0) {
      h = (h + 1) & mask;
    }
    index[h] = i + 1;
  }

  private static int keyBit(Object key) {
    return 1 << spread(key); // the shift takes the low five bits
  }

  private static int spread(Object key) {
    int h = key == null ? 0 : key.hashCode();
    return h ^ (h >>> 16);
  }

  /** Walks the fields in order; {@code remove} removes the last one returned, as the collection views allow. */
  private abstract class Cursor<T> implements Iterator<T> {
    private int next;
    private int last = -1;
    private int expected = modifications;

    abstract T at(int i);

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public T next() {
      if (modifications != expected) {
        throw new ConcurrentModificationException();
      }
      if (next >= size) {
        throw new NoSuchElementException();
      }
      last = next++;
      return at(last);
    }

    @Override
    public void remove() {
      if (last < 0) {
        throw new IllegalStateException();
      }
      if (modifications != expected) {
        throw new ConcurrentModificationException();
      }
      removeAt(last);
      next = last;
      last = -1;
      expected = modifications;
    }
  }

  /** One field; it writes through to the map while its key is in it, as a {@code LinkedHashMap} entry does. */
  private final class Field implements Entry<String, V> {
    private final String key;
    private V value;

    @SuppressWarnings("unchecked")
    Field(int at) {
      this.key = (String) slots[2 * at];
      this.value = (V) slots[2 * at + 1];
    }

    @Override
    public String getKey() {
      return key;
    }

    @Override
    public V getValue() {
      return value;
    }

    @Override
    public V setValue(V replacement) {
      V old = value;
      value = replacement;
      int i = find(key);
      if (i >= 0) {
        slots[2 * i + 1] = replacement;
      }
      return old;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry<?, ?> e && Objects.equals(key, e.getKey()) && Objects.equals(value, e.getValue());
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(key) ^ Objects.hashCode(value);
    }

    @Override
    public String toString() {
      return key + "=" + value;
    }
  }
}
