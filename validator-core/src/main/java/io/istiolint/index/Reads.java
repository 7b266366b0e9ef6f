package io.istiolint.index;

import io.istiolint.api.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a rule reads, as it reads it: the index, host resolution and the reference graph report each question
 * they are asked while {@link #recording} runs on the thread. The kinds read are checked against the rules'
 * declared {@code reads} (as Istio's analyzers check their declared inputs); the questions themselves say which
 * objects must be checked again when an object changes ({@link io.istiolint.engine.ResultStore}). Off, the cost
 * is one thread-local lookup.
 */
public final class Reads {

  /** One question asked of the view; a change to an object that could change its answer makes it stale. */
  public sealed interface Read {
    /** The kind the answer is made of, or null (a question about the reference graph's shape). */
    Kind kind();
  }

  /** Every object of a kind. */
  public record OfKind(Kind kind) implements Read {}

  /** The objects of a kind in one namespace. */
  public record InNamespace(Kind kind, String namespace) implements Read {}

  /** The object of a kind, namespace and name (present or not). */
  public record Named(Kind kind, String namespace, String name) implements Read {}

  /**
   * Whether every object of a kind in a namespace ({@code null}: in every namespace) is known: an answer that
   * rests on what the inputs vouch for and on which namespaces were given objects of the kind.
   */
  public record Known(Kind kind, String namespace) implements Read {}

  /** The DestinationRules whose host covers {@code fqdn}. */
  public record DestinationRulesOf(String fqdn) implements Read {
    @Override
    public Kind kind() {
      return Kind.DESTINATION_RULE;
    }
  }

  /**
   * An object at an end of an edge read from the reference graph: not a kind the rule reads (it may never look
   * at the object), but its change can change what the rule saw.
   */
  public record EdgeEnd(Kind endKind, String namespace, String name) implements Read {
    @Override
    public Kind kind() {
      return null;
    }
  }

  /** The edges at a node of the reference graph. */
  public record EdgesAt(Object node) implements Read {
    @Override
    public Kind kind() {
      return null;
    }
  }

  /** Asked for every object (the whole index). */
  public static final Kind EVERYTHING = new Kind("*", "*");

  private static final ThreadLocal<Set<Read>> CURRENT = new ThreadLocal<>();

  private Reads() {}

  /** Runs {@code work}, and returns the kinds it read besides its result. */
  public static <T> Set<Kind> recording(Supplier<T> work) {
    Set<Kind> kinds = new HashSet<>();
    recordingQuestions(work).forEach(r -> {
      if (r.kind() != null) {
        kinds.add(r.kind());
      }
    });
    return kinds;
  }

  /** Runs {@code work}, and returns the questions it asked besides its result. */
  public static <T> Set<Read> recordingQuestions(Supplier<T> work) {
    Set<Read> read = new HashSet<>();
    recordingInto(read, work::get);
    return read;
  }

  /** Runs {@code work}, adding the questions it asks to {@code read} (which it may already hold some of). */
  public static void recordingInto(Set<Read> read, Runnable work) {
    Set<Read> previous = CURRENT.get();
    CURRENT.set(read);
    try {
      work.run();
    } finally {
      CURRENT.set(previous);
      if (previous != null) {
        previous.addAll(read); // a recording inside another: the outer one asked these too
      }
    }
  }

  /**
   * A result with the questions asked to reach it, for a memo: reading it again asks them again.
   *
   * @param questions immutable
   */
  public record Answer<T>(T value, Set<Read> questions) {
    /** The value, noting its questions when recording. */
    public T replay() {
      Set<Read> read = CURRENT.get();
      if (read != null) {
        read.addAll(questions);
      }
      return value;
    }
  }

  /** Runs {@code work}, noting the questions it asks when recording, and returns them with its result. */
  public static <T> Answer<T> answer(Supplier<T> work) {
    Set<Read> read = new HashSet<>();
    List<T> value = new ArrayList<>(1);
    recordingInto(read, () -> value.add(work.get()));
    return new Answer<>(value.get(0), Set.copyOf(read));
  }

  /** Notes that {@code question} was asked, when recording. */
  public static void of(Read question) {
    Set<Read> read = CURRENT.get();
    if (read != null) {
      read.add(question);
    }
  }

  /** Notes that every object of {@code kind} was read, when recording. */
  public static void of(Kind kind) {
    of(new OfKind(kind));
  }

  /** Notes that every object of each of {@code kinds} was read, when recording. */
  public static void of(Collection<Kind> kinds) {
    if (CURRENT.get() != null) {
      kinds.forEach(Reads::of);
    }
  }

  /** Notes that the objects of {@code kind} in {@code namespace} were read, when recording. */
  public static void in(Kind kind, String namespace) {
    of(new InNamespace(kind, namespace));
  }

  /** Notes that the objects of each of {@code kinds} in {@code namespace} were read, when recording. */
  public static void in(Collection<Kind> kinds, String namespace) {
    if (CURRENT.get() != null) {
      kinds.forEach(k -> in(k, namespace));
    }
  }

  /** Notes that the object of {@code kind}, {@code namespace} and {@code name} was read, when recording. */
  public static void named(Kind kind, String namespace, String name) {
    of(new Named(kind, namespace, name));
  }

  /** Notes that whether every object of {@code kind} in {@code namespace} (null: anywhere) is known was asked. */
  public static void known(Kind kind, String namespace) {
    of(new Known(kind, namespace));
  }

  /** True while recording: lets a caller skip work done only to note what it read. */
  public static boolean recording() {
    return CURRENT.get() != null;
  }
}
