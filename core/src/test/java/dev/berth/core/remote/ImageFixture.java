package dev.berth.core.remote;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Storage;
import dev.berth.testkit.OneFileTar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A small but real image (a gzipped tar layer holding one file, a config whose diff_ids match) for interop tests. */
final class ImageFixture {
  private ImageFixture() {}

  /** Pushes the image's blobs and manifest (untagged) into {@code storage}; returns the manifest. */
  static EncodedManifest push(Storage storage, String greeting) throws IOException {
    byte[] tar = OneFileTar.of("hello.txt", greeting.getBytes(StandardCharsets.UTF_8));
    Descriptor layer = pushBytes(storage, MediaTypes.OCI_LAYER_TAR_GZIP, OneFileTar.gzip(tar));
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
}
