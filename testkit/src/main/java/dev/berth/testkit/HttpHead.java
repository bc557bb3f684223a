package dev.berth.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The start line and header lines of one HTTP/1.1 message, kept verbatim so the proxy forwards
 * exactly what it received.
 */
final class HttpHead {
  // Registries send small heads; a bigger one means we lost framing, so fail loudly.
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  final String startLine;
  final List<String> headers;

  HttpHead(String startLine, List<String> headers) {
    this.startLine = startLine;
    this.headers = headers;
  }

  /** Reads a head, or returns null on EOF before its first byte (a closed idle connection). */
  static HttpHead read(InputStream in) throws IOException {
    String start = readLine(in, true);
    if (start == null) {
      return null;
    }
    List<String> headers = new ArrayList<>();
    int total = start.length();
    for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
      total += line.length();
      if (total > MAX_HEAD_BYTES) {
        throw new IOException("HTTP head longer than " + MAX_HEAD_BYTES + " bytes");
      }
      headers.add(line);
    }
    return new HttpHead(start, headers);
  }

  /** Reads one CRLF- (or LF-) terminated line of ISO-8859-1 text. */
  static String readLine(InputStream in, boolean eofAllowed) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        if (eofAllowed && line.size() == 0) {
          return null;
        }
        throw new EOFException("connection closed inside an HTTP head");
      }
      if (line.size() > MAX_HEAD_BYTES) {
        throw new IOException("HTTP line longer than " + MAX_HEAD_BYTES + " bytes");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  void write(OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder(startLine).append("\r\n");
    for (String header : headers) {
      text.append(header).append("\r\n");
    }
    out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The first value of a header (case-insensitive name), trimmed, or null. */
  String header(String name) {
    for (String line : headers) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** Whether a comma-separated header (Connection, Transfer-Encoding) holds {@code token}. */
  boolean headerHasToken(String name, String token) {
    for (String line : headers) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        for (String value : line.substring(colon + 1).split(",")) {
          if (value.trim().equalsIgnoreCase(token)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  HttpHead withoutHeader(String name) {
    List<String> kept = new ArrayList<>();
    for (String line : headers) {
      int colon = line.indexOf(':');
      if (colon <= 0 || !line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        kept.add(line);
      }
    }
    return new HttpHead(startLine, kept);
  }

  /** The body's framing as RFC 9112 section 6.3 decides it (for a request, or a response to {@code requestMethod}). */
  BodyStreamer.Framing framing(boolean isResponse, String requestMethod) throws IOException {
    if (isResponse) {
      int status = status();
      if (requestMethod.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
        return BodyStreamer.Framing.none();
      }
    }
    if (headerHasToken("Transfer-Encoding", "chunked")) {
      return BodyStreamer.Framing.chunked();
    }
    String length = header("Content-Length");
    if (length != null) {
      try {
        return BodyStreamer.Framing.length(Long.parseLong(length));
      } catch (NumberFormatException e) {
        throw new IOException("bad Content-Length: " + length);
      }
    }
    return isResponse ? BodyStreamer.Framing.untilClose() : BodyStreamer.Framing.none();
  }

  String method() {
    int space = startLine.indexOf(' ');
    return space < 0 ? startLine : startLine.substring(0, space);
  }

  String target() {
    String[] parts = startLine.split(" ");
    return parts.length > 1 ? parts[1] : "";
  }

  int status() throws IOException {
    String[] parts = startLine.split(" ");
    try {
      return Integer.parseInt(parts[1]);
    } catch (RuntimeException e) {
      throw new IOException("bad HTTP status line: " + startLine);
    }
  }
}
