package dev.berth.core.layout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a minimal ustar archive of regular files (POSIX.1-1988), enough for umoci and skopeo to
 * unpack; core has no tar library, and a test layer needs only a couple of small files.
 */
final class TinyTar {
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  TinyTar add(String name, String content) {
    files.put(name, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      out.writeBytes(header(f.getKey(), f.getValue().length));
      out.writeBytes(f.getValue());
      out.writeBytes(new byte[pad(f.getValue().length)]);
    }
    out.writeBytes(new byte[1024]); // two zero blocks end the archive
    return out.toByteArray();
  }

  private static byte[] header(String name, int size) {
    byte[] h = new byte[512];
    put(h, 0, 100, name);
    put(h, 100, 8, octal(0644, 7));
    put(h, 108, 8, octal(0, 7)); // uid
    put(h, 116, 8, octal(0, 7)); // gid
    put(h, 124, 12, octal(size, 11));
    put(h, 136, 12, octal(0, 11)); // mtime: the epoch, so the layer is reproducible
    put(h, 148, 8, "        "); // checksum field counts as spaces while summing
    h[156] = '0'; // regular file
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, octal(sum, 6) + "\0 ");
    return h;
  }

  private static String octal(long v, int width) {
    String s = Long.toOctalString(v);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, Math.min(len, b.length));
  }

  private static int pad(int size) {
    return (512 - size % 512) % 512;
  }
}
