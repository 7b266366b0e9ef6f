package io.istiolint.report;

import io.istiolint.api.Finding;

/** A finding as the text format prints it, without colors: for the bodies of other formats. */
final class TextLine {

  private TextLine() {}

  /** {@code FILE:LINE:COL: SEVERITY CODE Kind ns/name: message [rule]}, a hint line below, each ending in a newline. */
  static String of(Finding f) {
    StringBuilder sb = new StringBuilder();
    sb.append(f.location() == null ? "<no position>" : f.location().toString()).append(": ")
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
