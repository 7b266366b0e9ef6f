package io.istiolint.report;

import java.io.IOException;
import java.io.Writer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** XML output through the JDK's StAX writer, which escapes; this adds what it does not do. */
final class Xml {

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private Xml() {}

  /** Writes the root element's attributes and children. */
  @FunctionalInterface
  interface Content {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  /** Writes an XML document: the declaration, element {@code root} holding {@code content}, then a line break. */
  static void document(Writer out, String root, Content content) throws IOException {
    try {
      XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      indent(w, 0);
      w.writeStartElement(root);
      content.write(w);
      indent(w, 0);
      w.writeEndElement();
      w.writeEndDocument();
      w.flush();
      out.write('\n');
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /**
   * {@code text} with the characters XML 1.0 cannot carry at all, even escaped (most control characters,
   * lone surrogates; a message may quote them from a broken input), written as {@code \\uXXXX}.
   */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
          || (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
          || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
      if (!ok && sb == null) {
        sb = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (sb != null) {
        if (ok) {
          sb.append(c);
        } else {
          sb.append(String.format("\\u%04X", (int) c));
        }
      }
    }
    return sb == null ? text : sb.toString();
  }

  /** A line break and {@code depth} levels of two-space indentation, so the output reads well in a log. */
  static void indent(XMLStreamWriter w, int depth) throws XMLStreamException {
    w.writeCharacters("\n" + "  ".repeat(depth));
  }
}
