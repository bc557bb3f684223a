package dev.berth.core.layout.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.UnsupportedException;
import dev.berth.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The fixed files of a layout: the {@code oci-layout} marker, an initial index.json, {@code blobs/}. */
public final class LayoutFiles {
  static final String VERSION = "1.0.0";
  private static final byte[] MARKER =
      ("{\"imageLayoutVersion\":\"" + VERSION + "\"}").getBytes(StandardCharsets.UTF_8);

  private LayoutFiles() {}

  /** The {@code oci-layout} file. */
  public static Path marker(Path root) {
    return root.resolve("oci-layout");
  }

  /**
   * Creates the directory, {@code blobs/sha256} and {@code oci-layout} where missing, and checks the
   * version of an existing {@code oci-layout}.
   *
   * @return the real path of the layout directory
   */
  public static Path create(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path root = dir.toRealPath();
    Path sha256 = root.resolve("blobs").resolve("sha256");
    if (!Files.isDirectory(sha256)) {
      Files.createDirectories(sha256);
    }
    Path marker = marker(root);
    if (Files.exists(marker)) {
      checkVersion(marker);
    } else {
      Path temp = root.resolve(BlobFiles.TEMP_PREFIX + UUID.randomUUID());
      try {
        Files.write(temp, MARKER);
        // A plain move refuses to replace: if another opener won the race, its marker stays.
        Files.move(temp, marker);
      } catch (FileAlreadyExistsException raced) {
        checkVersion(marker);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    return root;
  }

  /** Whether index.json exists. */
  public static boolean hasIndex(Path root) {
    return Files.exists(root.resolve("index.json"));
  }

  /** Writes an empty index.json when there is none; the caller holds the layout lock. */
  public static void ensureIndex(Path root) throws IOException {
    if (!hasIndex(root)) {
      new IndexFile(root).write(IndexFile.empty());
    }
  }

  private static void checkVersion(Path marker) throws IOException {
    JsonNode node;
    try {
      node = Json.tree(Files.readAllBytes(marker));
    } catch (IOException e) {
      throw new UnsupportedException(marker + " is not valid JSON", e);
    }
    String version = node == null ? null : node.path("imageLayoutVersion").asText(null);
    if (version == null || !version.startsWith("1.")) {
      throw new UnsupportedException(marker + " declares imageLayoutVersion " + version + "; berth reads 1.x");
    }
  }
}
