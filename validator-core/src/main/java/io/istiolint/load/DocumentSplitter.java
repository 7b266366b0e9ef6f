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
  private int lastChunkLength;

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
    // Lines are read straight into the chunk's text (no String per line); sized like the previous chunk.
    StringBuilder text = new StringBuilder(lastChunkLength + 64);
    int start = line;
    int malformedLine = -1;
    int malformedColumn = -1;
    boolean oversized = false;
    boolean any = false;
    while (true) {
      int at = text.length();
      long lineStart;
      if (pendingLine != null) {
        text.append(pendingLine);
        lineStart = pendingLineStart;
        pendingLine = null;
        start = line - 1;
      } else {
        lineStart = offset;
        if (!readLine(text)) {
          finished = true;
          return any ? chunk(text, start, malformedLine, malformedColumn, oversized) : null;
        }
        if (any && isMarker(text, at, "---")) {
          pendingLine = text.substring(at);
          pendingLineStart = lineStart;
          text.setLength(at);
          return chunk(text, start, malformedLine, malformedColumn, oversized);
        }
      }
      any = true;
      ArrayDeque<Long> bad = reader.malformedOffsets();
      while (!bad.isEmpty() && bad.peekFirst() < offset) {
        long badAt = bad.pollFirst();
        if (malformedLine < 0) {
          malformedLine = line - 1;
          malformedColumn = (int) (badAt - lineStart) + 1;
        }
      }
      boolean end = isMarker(text, at, "...");
      if (oversized || text.length() + 1 > maxChars) {
        oversized = true;
        text.setLength(0); // only the markers of the rest are looked at
      } else {
        text.append('\n');
      }
      if (end) {
        return chunk(text, start, malformedLine, malformedColumn, oversized);
      }
    }
  }

  private Chunk chunk(StringBuilder text, int start, int malformedLine, int malformedColumn, boolean oversized) {
    lastChunkLength = Math.min(text.length(), 1 << 20);
    return new Chunk(text.toString(), start, malformedLine, malformedColumn, oversized);
  }

  /** Whether the line at {@code from} of {@code text} (to its end) is the document marker {@code marker}. */
  private static boolean isMarker(StringBuilder text, int from, String marker) {
    int length = text.length() - from;
    if (length < 3 || text.charAt(from) != marker.charAt(0) || text.charAt(from + 1) != marker.charAt(1)
        || text.charAt(from + 2) != marker.charAt(2)) {
      return false;
    }
    return length == 3 || text.charAt(from + 3) == ' ' || text.charAt(from + 3) == '\t';
  }

  /**
   * Appends one line without its terminator (\n, \r\n or \r) to {@code text}; false at the end of the stream,
   * when there is no line left.
   */
  private boolean readLine(StringBuilder text) throws IOException {
    boolean read = false;
    while (true) {
      if (bufferPos == bufferLen) {
        bufferLen = reader.read(buffer, 0, buffer.length);
        bufferPos = 0;
        if (bufferLen <= 0) {
          bufferLen = 0;
          if (!read) {
            return false;
          }
          line++;
          return true;
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
      read = true;
      text.append(buffer, bufferPos, i - bufferPos);
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
        return true;
      }
    }
  }
}
