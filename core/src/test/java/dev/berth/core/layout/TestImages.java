package dev.berth.core.layout;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** A real runnable-shaped image: one tar+gzip layer and a config whose rootfs.diff_ids match it. */
final class TestImages {
  private TestImages() {}

  /** Pushes an image whose one layer holds {@code /hello.txt} with {@code greeting}; returns its manifest. */
  static EncodedManifest helloImage(Storage s, String greeting, String arch) throws IOException {
    byte[] tar = new TinyTar().add("hello.txt", greeting).toBytes();
    Digest diffId = Digest.sha256(tar);
    Descriptor layer = Contents.pushBytes(s, MediaTypes.OCI_LAYER_TAR_GZIP, gzip(tar));
    String config = "{\"created\":\"2024-01-01T00:00:00Z\",\"architecture\":\"" + arch + "\",\"os\":\"linux\","
        + "\"config\":{\"Env\":[\"PATH=/usr/bin:/bin\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},"
        + "\"history\":[{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"berth interop test\"}]}";
    Descriptor configDesc = Contents.pushBytes(s, MediaTypes.OCI_CONFIG, config.getBytes(StandardCharsets.UTF_8));
    EncodedManifest m = EncodedManifest.of(Manifest.of(configDesc, List.of(layer)));
    s.push(m.descriptor(), m.openStream());
    return m;
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
