package dev.berth.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A real, minimal linux/amd64 image (one gzip layer holding {@code etc/os-release}, a config whose
 * {@code rootfs.diff_ids} match it) written as an OCI image layout, for tests to copy, append to and bake
 * on. Written with the JDK alone, byte for byte the same on every run, so that the testkit needs none of
 * the modules it tests; a test copies it wherever it wants the image with berth itself.
 */
public final class BaseImageLayout {
  private BaseImageLayout() {}

  /**
   * Writes the layout into {@code dir} (created) with the image tagged {@code tag} in its index.json.
   *
   * @return {@code dir}
   */
  public static Path write(Path dir, String tag) throws IOException {
    byte[] tar = OneFileTar.of("etc/os-release", "NAME=berth-test\n".getBytes(StandardCharsets.UTF_8));
    byte[] layer = OneFileTar.gzip(tar);
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin:/bin\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + sha256(tar) + "\"]},"
        + "\"history\":[{\"created_by\":\"berth test fixture\"}]}").getBytes(StandardCharsets.UTF_8);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", config) + ","
        + "\"layers\":[" + descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer) + "]}")
        .getBytes(StandardCharsets.UTF_8);
    Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
    for (byte[] blob : new byte[][] {layer, config, manifest}) {
      Files.write(blobs.resolve(sha256(blob).substring("sha256:".length())), blob);
    }
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    String entry = descriptor("application/vnd.oci.image.manifest.v1+json", manifest);
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"mediaType\":"
        + "\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" + entry.substring(0, entry.length() - 1)
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
    return dir;
  }

  private static String descriptor(String mediaType, byte[] content) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + sha256(content) + "\",\"size\":"
        + content.length + "}";
  }

  private static String sha256(byte[] data) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
