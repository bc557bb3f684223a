package dev.berth.core.layout.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.SizeLimitExceededException;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.LocalFiles;
import dev.berth.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The fixed files of a layout: the {@code oci-layout} marker, an initial index.json, {@code blobs/}. */
public final class LayoutFiles {
  static final String VERSION = "1.0.0";
  /** {@code oci-layout} holds one short JSON object; anything larger is not a layout marker. */
  static final long MAX_MARKER_BYTES = 64 * 1024;
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
    Path blobs = root.resolve("blobs");
    if (!Files.exists(blobs, LinkOption.NOFOLLOW_LINKS)) {
      // Only where blobs/ is missing: through a planted link, creating sha256 would write outside the layout.
      Files.createDirectories(blobs.resolve("sha256"));
    } else if (Files.isDirectory(blobs, LinkOption.NOFOLLOW_LINKS)
        && !Files.exists(blobs.resolve("sha256"), LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(blobs.resolve("sha256"));
    }
    Path marker = marker(root);
    if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
      checkVersion(marker);
    } else {
      Path temp = root.resolve(BlobFiles.tempName());
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
    return Files.exists(root.resolve("index.json"), LinkOption.NOFOLLOW_LINKS);
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
      node = Json.tree(LocalFiles.readRegularFile(marker, MAX_MARKER_BYTES, LinkOption.NOFOLLOW_LINKS));
    } catch (FileSystemException | SizeLimitExceededException notAMarker) {
      throw notAMarker;
    } catch (IOException e) {
      throw new UnsupportedException(marker + " is not valid JSON", e);
    }
    String version = node == null ? null : node.path("imageLayoutVersion").asText(null);
    if (version == null || !version.startsWith("1.")) {
      throw new UnsupportedException(marker + " declares imageLayoutVersion " + version + "; berth reads 1.x");
    }
  }
}
