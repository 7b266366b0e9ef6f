package io.istiolint.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Decodes UTF-8 like {@code InputStreamReader}, but instead of failing (or silently replacing) on bytes
 * that are not UTF-8 it substitutes U+FFFD and remembers where, so the one document that holds them is
 * reported and the others are still read.
 */
final class CheckedUtf8Reader extends Reader {

  /** Enough to flag every affected document of a real file; a binary blob is caught before decoding. */
  private static final int MAX_REMEMBERED = 10_000;

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
  private final CharBuffer chars = CharBuffer.allocate(64 * 1024);
  private final ArrayDeque<Long> malformed = new ArrayDeque<>();
  private long charsDelivered;
  private boolean eof;
  private boolean done;

  CheckedUtf8Reader(InputStream in) {
    this.in = in;
    bytes.flip();
    chars.flip();
  }

  /** Offsets (in chars from the start of the stream) of malformed sequences decoded so far, oldest first. */
  ArrayDeque<Long> malformedOffsets() {
    return malformed;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (!chars.hasRemaining() && !fill()) {
      return -1;
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    charsDelivered += n;
    return n;
  }

  private boolean fill() throws IOException {
    if (done) {
      return false;
    }
    chars.clear();
    while (chars.position() == 0) {
      CoderResult result = decoder.decode(bytes, chars, eof);
      if (result.isError()) {
        markMalformed(result.length());
      } else if (result.isUnderflow()) {
        if (eof) { // with end of input, a truncated trailing sequence was already reported as malformed
          decoder.flush(chars);
          done = true;
          break;
        }
        readMore();
      }
    }
    chars.flip();
    return chars.hasRemaining();
  }

  private void readMore() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  private void markMalformed(int length) {
    if (malformed.size() < MAX_REMEMBERED) {
      malformed.add(charsDelivered + chars.position());
    }
    bytes.position(bytes.position() + length);
    chars.put('\uFFFD');
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
