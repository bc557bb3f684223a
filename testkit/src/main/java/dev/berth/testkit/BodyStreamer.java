package dev.berth.testkit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams one HTTP/1.1 message body from one socket to another with its framing intact
 * (Content-Length, chunked, or until close), in fixed-size pieces so bodies of any size pass
 * through. It can stop after a number of data bytes (to truncate or reset) and flip one data byte.
 */
final class BodyStreamer {
  private static final int BUFFER = 64 * 1024;

  /** How a body's end is found. */
  record Framing(Type type, long length) {
    enum Type { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    static Framing none() {
      return new Framing(Type.NONE, 0);
    }

    static Framing length(long n) {
      return n == 0 ? none() : new Framing(Type.LENGTH, n);
    }

    static Framing chunked() {
      return new Framing(Type.CHUNKED, -1);
    }

    static Framing untilClose() {
      return new Framing(Type.UNTIL_CLOSE, -1);
    }

    boolean hasBody() {
      return type != Type.NONE;
    }

    /** Half the body if its length is known, else {@code fallback}. */
    long half(long fallback) {
      return type == Type.LENGTH ? length / 2 : fallback;
    }
  }

  /** Where to stop (-1: never) and which data byte to flip (-1: none). */
  record Tamper(long stopAfter, long flipAt) {
    static final Tamper NONE = new Tamper(-1, -1);
  }

  private final byte[] buffer = new byte[BUFFER];
  private long position;
  private Tamper tamper = Tamper.NONE;

  /**
   * Copies the body; returns true if it was copied whole, false if it stopped at
   * {@code tamper.stopAfter} (the output is flushed either way).
   */
  boolean copy(InputStream in, OutputStream out, Framing framing, Tamper tamper) throws IOException {
    this.position = 0;
    this.tamper = tamper;
    boolean whole = switch (framing.type()) {
      case NONE -> true;
      case LENGTH -> copyData(in, out, framing.length(), false);
      case UNTIL_CLOSE -> copyData(in, out, Long.MAX_VALUE, true);
      case CHUNKED -> copyChunked(in, out);
    };
    out.flush();
    return whole;
  }

  private boolean copyChunked(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = HttpHead.readLine(in, false);
      long size = parseChunkSize(sizeLine);
      if (size == 0) {
        writeLine(out, sizeLine);
        // Trailer section, ended by an empty line.
        for (String line = HttpHead.readLine(in, false); ; line = HttpHead.readLine(in, false)) {
          writeLine(out, line);
          if (line.isEmpty()) {
            return true;
          }
        }
      }
      writeLine(out, sizeLine);
      if (!copyData(in, out, size, false)) {
        return false;
      }
      if (!HttpHead.readLine(in, false).isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
      writeLine(out, "");
    }
  }

  /** Copies {@code n} data bytes (or until EOF if {@code untilEof}), applying the tamper. */
  private boolean copyData(InputStream in, OutputStream out, long n, boolean untilEof) throws IOException {
    long left = n;
    while (left > 0) {
      if (tamper.stopAfter() >= 0 && position >= tamper.stopAfter()) {
        return false;
      }
      int want = (int) Math.min(left, buffer.length);
      if (tamper.stopAfter() >= 0) {
        want = (int) Math.min(want, tamper.stopAfter() - position);
      }
      int read = in.read(buffer, 0, want);
      if (read < 0) {
        if (untilEof) {
          return true;
        }
        throw new EOFException("body ended " + left + " bytes early");
      }
      long flip = tamper.flipAt();
      if (flip >= position && flip < position + read) {
        buffer[(int) (flip - position)] ^= (byte) 0xFF;
      }
      out.write(buffer, 0, read);
      position += read;
      left -= read;
    }
    return true;
  }

  private static long parseChunkSize(String line) throws IOException {
    int semicolon = line.indexOf(';');
    String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
    try {
      return Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      throw new IOException("bad chunk size line: " + line);
    }
  }

  private static void writeLine(OutputStream out, String line) throws IOException {
    out.write(line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    out.write('\r');
    out.write('\n');
  }
}
