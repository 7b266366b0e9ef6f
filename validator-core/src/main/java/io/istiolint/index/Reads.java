package io.istiolint.index;

import io.istiolint.api.Kind;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which kinds a rule reads, as it reads them: the index, host resolution and the reference graph report each
 * kind they are asked about while {@link #recording} runs on the thread. What a rule reads decides which objects
 * must be checked again when an object of a kind changes, so its declared {@code reads} are checked against
 * this record (as Istio's analyzers check their declared inputs). Off, the cost is one thread-local lookup.
 */
public final class Reads {

  /** Asked for every object (the whole index). */
  public static final Kind EVERYTHING = new Kind("*", "*");

  private static final ThreadLocal<Set<Kind>> CURRENT = new ThreadLocal<>();

  private Reads() {}

  /** Runs {@code work}, and returns what it read besides its result. */
  public static <T> Set<Kind> recording(Supplier<T> work) {
    Set<Kind> previous = CURRENT.get();
    Set<Kind> read = new HashSet<>();
    CURRENT.set(read);
    try {
      work.get();
    } finally {
      CURRENT.set(previous);
    }
    return read;
  }

  /** Notes that {@code kind} was read, when recording. */
  public static void of(Kind kind) {
    Set<Kind> read = CURRENT.get();
    if (read != null) {
      read.add(kind);
    }
  }

  /** Notes that each of {@code kinds} was read, when recording. */
  public static void of(Collection<Kind> kinds) {
    Set<Kind> read = CURRENT.get();
    if (read != null) {
      read.addAll(kinds);
    }
  }
}
