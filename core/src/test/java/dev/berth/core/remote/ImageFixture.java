package dev.berth.core.remote;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Storage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** A small but real image (a gzipped tar layer holding one file, a config whose diff_ids match) for interop tests. */
final class ImageFixture {
  private ImageFixture() {}

  /** Pushes the image's blobs and manifest (untagged) into {@code storage}; returns the manifest. */
  static EncodedManifest push(Storage storage, String greeting) throws IOException {
    byte[] tar = tarOfOneFile("hello.txt", greeting.getBytes(StandardCharsets.UTF_8));
    Descriptor layer = pushBytes(storage, MediaTypes.OCI_LAYER_TAR_GZIP, gzip(tar));
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + Digest.sha256(tar) + "\"]},\"config\":{}}";
    Descriptor configDesc = pushBytes(storage, MediaTypes.OCI_CONFIG, config.getBytes(StandardCharsets.UTF_8));
    EncodedManifest m = EncodedManifest.of(Manifest.of(configDesc, List.of(layer)));
    storage.push(m.descriptor(), m.openStream());
    return m;
  }

  static Descriptor pushBytes(Storage storage, String mediaType, byte[] bytes) throws IOException {
    Descriptor d = Descriptor.of(mediaType, bytes);
    storage.push(d, new ByteArrayInputStream(bytes));
    return d;
  }

  /** A ustar archive with one regular file, mode 0644, owner 0, time 0. */
  static byte[] tarOfOneFile(String name, byte[] content) {
    byte[] header = new byte[512];
    ascii(header, 0, name);
    ascii(header, 100, "0000644");
    ascii(header, 108, "0000000");
    ascii(header, 116, "0000000");
    ascii(header, 124, String.format("%011o", content.length));
    ascii(header, 136, "00000000000");
    ascii(header, 148, "        ");
    header[156] = '0';
    ascii(header, 257, "ustar");
    ascii(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    ascii(header, 148, String.format("%06o", sum) + "\0 ");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512 + 1024]);
    return out.toByteArray();
  }

  private static void ascii(byte[] target, int offset, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, target, offset, b.length);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
