package dev.berth.bench;

import dev.berth.core.Descriptor;
import dev.berth.core.DigestingInputStream;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.remote.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The whole-process workloads' content, generated from a seed and pushed with berth's library before
 * any measurement: images of gzip layers (random bytes, so the registry and the clients move their full
 * size) with a config whose diff_ids are right, and one large raw blob.
 */
final class CliData {
  private CliData() {}

  /**
   * Pushes an image of {@code layers} layers, each {@code layerSize} uncompressed random bytes gzipped,
   * tagged {@code tag}; the layer files are kept in {@code dir} for the next bench.
   */
  static Descriptor pushImage(Repository repo, String tag, int layers, long layerSize, long seed, Path dir,
      PrintStream log) throws IOException {
    List<Descriptor> layerDescs = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      Path gz = dir.resolve("layer-" + layerSize + "-" + seed + "-" + i + ".tar.gz");
      Path diff = dir.resolve("layer-" + layerSize + "-" + seed + "-" + i + ".diffid");
      if (!Files.isRegularFile(gz) || !Files.isRegularFile(diff)) {
        log.printf("generating %s%n", gz.getFileName());
        Path tmp = Files.createTempFile(dir, "layer-", ".tmp");
        DigestingInputStream raw = new DigestingInputStream(new SeededBytes(seed * 1000 + i, layerSize));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
          raw.transferTo(out);
        }
        Files.writeString(diff, raw.digest().toString(), StandardCharsets.UTF_8);
        Files.move(tmp, gz, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Descriptor d = Contents.describeFile(MediaTypes.OCI_LAYER_TAR_GZIP, gz);
      Contents.pushFileIfAbsent(repo, d, gz);
      layerDescs.add(d);
      diffIds.add("\"" + Files.readString(diff, StandardCharsets.UTF_8).trim() + "\"");
    }
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":[" + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
    Descriptor configDesc = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Contents.pushBytesIfAbsent(repo, configDesc, config);
    EncodedManifest m = EncodedManifest.of(new Manifest(2, MediaTypes.OCI_MANIFEST, null, configDesc, layerDescs,
        null, null));
    Contents.pushManifest(repo, m, tag);
    return m.descriptor();
  }

  /** A file of {@code size} random bytes in {@code dir} (kept for the next bench), pushed as a blob. */
  static Descriptor pushBlob(Repository repo, long size, long seed, Path dir, PrintStream log) throws IOException {
    Path file = blobFile(dir, size, seed);
    if (!Files.isRegularFile(file) || Files.size(file) != size) {
      log.printf("generating %s%n", file.getFileName());
      Path tmp = Files.createTempFile(dir, "blob-", ".tmp");
      try (InputStream in = new SeededBytes(seed, size); OutputStream out = Files.newOutputStream(tmp)) {
        in.transferTo(out);
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Descriptor d = Contents.describeFile("application/octet-stream", file);
    Contents.pushFileIfAbsent(repo, d, file);
    return d;
  }

  static Path blobFile(Path dir, long size, long seed) {
    return dir.resolve("blob-" + size + "-" + seed + ".bin");
  }
}
