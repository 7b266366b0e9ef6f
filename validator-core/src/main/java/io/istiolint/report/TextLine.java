package io.istiolint.report;

import io.istiolint.api.Finding;

/** A finding as the text format prints it, without colors: for the bodies of other formats. */
final class TextLine {

  private TextLine() {}

  /**
   * Where the finding is, for people: {@code FILE:LINE:COL}, or for an object without text (read from a cluster)
   * its address and the path inside it, {@code cluster://ctx/ns/Kind/name#spec.hosts[0]}.
   */
  static String where(Finding f) {
    if (f.location() == null) {
      return "<no position>";
    }
    if (f.location().hasPosition() || f.path() == null || f.path().isRoot()) {
      return f.location().toString();
    }
    return f.location().file() + "#" + f.path();
  }

  /** {@code FILE:LINE:COL: SEVERITY CODE Kind ns/name: message [rule]}, a hint line below, each ending in a newline. */
  static String of(Finding f) {
    StringBuilder sb = new StringBuilder();
    sb.append(where(f)).append(": ")
        .append(f.severity().label()).append(' ').append(f.code()).append(' ');
    if (f.resource() != null) {
      sb.append(f.resource().displayName()).append(": ");
    }
    sb.append(f.message()).append(" [").append(f.rule()).append("]\n");
    if (f.hint() != null) {
      sb.append("    hint: ").append(f.hint()).append('\n');
    }
    return sb.toString();
  }
}
