package dev.berth.artifacts.image;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Target;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds small but real base images (tar+gzip layers, a config with matching diff_ids) for tests. */
public final class ImageFixtures {
  private ImageFixtures() {}

  /** A tar (uncompressed) of {@code files}: path to content; a path ending in '/' is a directory. */
  public static byte[] tar(Map<String, String> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
        boolean dir = f.getKey().endsWith("/");
        if (!dir) {
          e.setSize(content.length);
        }
        e.setModTime(0);
        tar.putArchiveEntry(e);
        if (!dir) {
          tar.write(content);
        }
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  public static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  public static byte[] gunzip(byte[] data) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    }
  }

  /** Path to content (directories as "", links as "-> target") of a tar+gzip blob, in archive order. */
  public static Map<String, String> entries(byte[] tarGz) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(gunzip(tarGz)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String value = e.isSymbolicLink() ? "-> " + e.getLinkName()
            : new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        out.put(e.getName(), value);
      }
    }
    return out;
  }

  /** A pushed base image and what it is made of. */
  public record Base(Descriptor manifest, Descriptor config, List<Descriptor> layers, List<Digest> diffIds) {}

  /**
   * Pushes a base image of {@code layerFiles} (one layer each) with an OCI or Docker manifest, and an
   * extra config field berth does not model ({@code docker_version}), to check it survives.
   */
  public static Base pushBase(Target target, String tag, boolean docker, Platform platform,
      List<Map<String, String>> layerFiles) throws IOException {
    List<Descriptor> layers = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    List<String> diffIdJson = new ArrayList<>();
    List<String> historyJson = new ArrayList<>();
    for (Map<String, String> files : layerFiles) {
      byte[] tar = tar(files);
      Descriptor d = Contents.pushBytes(target,
          docker ? MediaTypes.DOCKER_LAYER : MediaTypes.OCI_LAYER_TAR_GZIP, gzip(tar));
      layers.add(d);
      diffIds.add(Digest.sha256(tar));
      diffIdJson.add("\"" + Digest.sha256(tar) + "\"");
      historyJson.add("{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"/bin/sh -c #(nop) ADD file\"}");
    }
    String config = """
        {"architecture":"%s","os":"%s","created":"2024-01-01T00:00:00Z","docker_version":"24.0.7",\
        "config":{"Env":["PATH=/usr/bin:/bin","LANG=C.UTF-8"],"Cmd":["/bin/sh"],"Labels":{"base":"yes"}},\
        "rootfs":{"type":"layers","diff_ids":[%s]},"history":[%s]}"""
        .formatted(platform.architecture(), platform.os(), String.join(",", diffIdJson),
            String.join(",", historyJson));
    Descriptor configDesc = Contents.pushBytes(target, docker ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG,
        config.getBytes(StandardCharsets.UTF_8));
    Manifest m = new Manifest(2, docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST, null, configDesc,
        layers, null, null);
    EncodedManifest encoded = EncodedManifest.of(m);
    Contents.pushManifest(target, encoded, tag);
    return new Base(encoded.descriptor(), configDesc, layers, diffIds);
  }

  /** Pushes an index over already pushed manifests (each descriptor with its platform) and tags it. */
  public static Descriptor pushIndex(Target target, String tag, boolean docker, List<Descriptor> manifests)
      throws IOException {
    Index index = new Index(2, docker ? MediaTypes.DOCKER_MANIFEST_LIST : MediaTypes.OCI_INDEX, null, manifests,
        null, null);
    EncodedManifest encoded = EncodedManifest.of(index);
    Contents.pushManifest(target, encoded, tag);
    return encoded.descriptor();
  }
}
