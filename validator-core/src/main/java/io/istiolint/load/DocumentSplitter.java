package io.istiolint.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts a character stream into YAML documents at the {@code ---} and {@code ...} markers that start a line
 * (the only places YAML allows them), so that a syntax error in one document cannot hide the documents after
 * it, and so that a huge multi-document file is parsed one document at a time.
 */
final class DocumentSplitter implements Iterator<DocumentSplitter.Chunk> {

  /**
   * The text of one document and where it came from.
   *
   * @param firstLine     0-based line of the stream where the text starts
   * @param malformedLine 0-based line of the first byte that was not UTF-8, or -1
   * @param oversized     true when the text was cut because it exceeds the document size limit
   */
  record Chunk(String text, int firstLine, int malformedLine, int malformedColumn, boolean oversized) {}

  private final CheckedUtf8Reader reader;
  private final int maxChars;
  private final char[] buffer = new char[64 * 1024];
  private int bufferPos;
  private int bufferLen;
  private long offset; // chars consumed from the stream
  private int line;    // 0-based number of the next line to read
  private boolean firstLine = true;
  private String pendingLine; // a "---" line that opens the next chunk
  private long pendingLineStart;
  private Chunk next;
  private boolean finished;

  DocumentSplitter(CheckedUtf8Reader reader, int maxChars) {
    this.reader = reader;
    this.maxChars = maxChars;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !finished) {
      try {
        next = readChunk();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return next != null;
  }

  @Override
  public Chunk next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Chunk chunk = next;
    next = null;
    return chunk;
  }

  private Chunk readChunk() throws IOException {
    StringBuilder text = new StringBuilder();
    int start = line;
    int malformedLine = -1;
    int malformedColumn = -1;
    boolean oversized = false;
    boolean any = false;
    while (true) {
      String current;
      long lineStart;
      if (pendingLine != null) {
        current = pendingLine;
        lineStart = pendingLineStart;
        pendingLine = null;
        start = line - 1;
      } else {
        lineStart = offset;
        current = readLine();
        if (current == null) {
          finished = true;
          return any ? new Chunk(text.toString(), start, malformedLine, malformedColumn, oversized) : null;
        }
        if (any && isMarker(current, "---")) {
          pendingLine = current;
          pendingLineStart = lineStart;
          return new Chunk(text.toString(), start, malformedLine, malformedColumn, oversized);
        }
      }
      any = true;
      ArrayDeque<Long> bad = reader.malformedOffsets();
      while (!bad.isEmpty() && bad.peekFirst() < offset) {
        long at = bad.pollFirst();
        if (malformedLine < 0) {
          malformedLine = line - 1;
          malformedColumn = (int) (at - lineStart) + 1;
        }
      }
      if (!oversized) {
        if (text.length() + current.length() + 1 > maxChars) {
          oversized = true;
          text.setLength(0);
        } else {
          text.append(current).append('\n');
        }
      }
      if (isMarker(current, "...")) {
        return new Chunk(text.toString(), start, malformedLine, malformedColumn, oversized);
      }
    }
  }

  private static boolean isMarker(String line, String marker) {
    return line.startsWith(marker) && (line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '\t');
  }

  /** Reads one line without its terminator (\n, \r\n or \r); null at the end of the stream. */
  private String readLine() throws IOException {
    StringBuilder sb = null;
    while (true) {
      if (bufferPos == bufferLen) {
        bufferLen = reader.read(buffer, 0, buffer.length);
        bufferPos = 0;
        if (bufferLen <= 0) {
          bufferLen = 0;
          if (sb == null) {
            return null;
          }
          line++;
          return sb.toString();
        }
        if (firstLine && buffer[0] == '\uFEFF') { // a byte-order mark is not content
          bufferPos = 1;
          offset++;
        }
        firstLine = false;
      }
      int i = bufferPos;
      while (i < bufferLen && buffer[i] != '\n' && buffer[i] != '\r') {
        i++;
      }
      if (sb == null) {
        sb = new StringBuilder(i - bufferPos + 16);
      }
      sb.append(buffer, bufferPos, i - bufferPos);
      offset += i - bufferPos;
      bufferPos = i;
      if (i < bufferLen) {
        char terminator = buffer[i];
        bufferPos++;
        offset++;
        if (terminator == '\r') {
          if (bufferPos == bufferLen) {
            bufferLen = reader.read(buffer, 0, buffer.length);
            bufferPos = 0;
            bufferLen = Math.max(bufferLen, 0);
          }
          if (bufferPos < bufferLen && buffer[bufferPos] == '\n') {
            bufferPos++;
            offset++;
          }
        }
        line++;
        return sb.toString();
      }
    }
  }
}
