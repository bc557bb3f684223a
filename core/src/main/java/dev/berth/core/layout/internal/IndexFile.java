package dev.berth.core.layout.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Index;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.LocalFiles;
import dev.berth.core.internal.ModelReader;
import dev.berth.core.internal.ModelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A layout's {@code index.json}: read fresh on every call (another process may have changed it) and
 * replaced atomically, so a reader sees the old or the new file and never a torn one.
 */
public final class IndexFile {
  /**
   * The most index.json may hold: about 60,000 tags. A larger (or endless, or linked) file is refused
   * before it is read; 1 GiB of index.json once took 727 MB of memory to list tags.
   */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  /** The file's identity: every atomic replace makes a new inode, so an equal stamp means unchanged. */
  private record Stamp(Object fileKey, FileTime modified, long size) {
    static @Nullable Stamp of(Path file) throws IOException {
      BasicFileAttributes a = LocalFiles.requireRegularFile(file, LinkOption.NOFOLLOW_LINKS);
      return a.fileKey() == null ? null : new Stamp(a.fileKey(), a.lastModifiedTime(), a.size());
    }
  }

  private record Cached(Stamp stamp, Index index) {}

  private final Path file;
  /** Parsing a large index.json costs far more than a stat, and resolve reads it on every call. */
  private volatile @Nullable Cached cached;

  public IndexFile(Path root) {
    this.file = root.resolve("index.json");
  }

  /** The current index; an empty one when the file does not exist yet. */
  public Index read() throws IOException {
    Stamp before;
    byte[] bytes;
    try {
      before = Stamp.of(file);
      Cached c = cached;
      if (c != null && before != null && before.equals(c.stamp)) {
        return c.index;
      }
      bytes = LocalFiles.readRegularFile(file, MAX_BYTES, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return empty();
    }
    Index index;
    try {
      index = ModelReader.index(bytes, file.toString());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    // Cache only if the file was not replaced while it was read.
    if (before != null && before.equals(currentStamp())) {
      cached = new Cached(before, index);
    }
    return index;
  }

  private @Nullable Stamp currentStamp() throws IOException {
    try {
      return Stamp.of(file);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The entries of the current index. */
  public List<Descriptor> entries() throws IOException {
    return read().manifests();
  }

  /** Replaces the file with {@code index} (temp file plus atomic move); call under the layout lock. */
  public void write(Index index) throws IOException {
    Index out = index.mediaType() == null
        ? new Index(2, MediaTypes.OCI_INDEX, index.artifactType(), index.manifests(), index.subject(),
            index.annotations())
        : index;
    AtomicFiles.write(file, ModelWriter.index(out));
    Stamp written = currentStamp();
    if (written != null) {
      cached = new Cached(written, out); // the next read under this lock need not parse what we wrote
    }
  }

  /** An index with no entries. */
  public static Index empty() {
    return Index.of(List.of());
  }

  /** Small-file replacement shared by index.json and oci-layout. */
  static final class AtomicFiles {
    private AtomicFiles() {}

    static void write(Path file, byte[] content) throws IOException {
      Path temp = file.resolveSibling(BlobFiles.tempName());
      try {
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }
}
