package dev.berth.core.layout.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.NotFoundException;
import dev.berth.core.content.VerifiedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code blobs/<alg>/<encoded>} tree of an OCI layout. A blob is written to a temp file in the layout
 * root while it is hashed, and moved into place atomically only once its size and digest check out, so
 * readers never see a partial blob.
 */
public final class BlobFiles {
  /** Temp files start with this; umoci uses {@code .umoci-} the same way, and both tools skip dot files. */
  static final String TEMP_PREFIX = ".berth-tmp-";

  /** How old an unlocked temp file must be before gc treats it as abandoned. */
  private static final Duration TEMP_GRACE = Duration.ofMinutes(1);

  private final Path root;
  private final Path blobs;

  public BlobFiles(Path root) {
    this.root = root;
    this.blobs = root.resolve("blobs");
  }

  /** Where the blob with {@code digest} lives. The digest grammar admits no {@code /} or {@code ..}. */
  public Path path(Digest digest) {
    return blobs.resolve(digest.algorithm()).resolve(digest.hex());
  }

  /** Whether the blob is present with the descriptor's size. */
  public boolean exists(Descriptor d) throws IOException {
    try {
      return Files.size(path(d.digest())) == d.size();
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Opens the blob, bounded and verified against {@code d}. */
  public InputStream open(Descriptor d) throws IOException {
    try {
      return new VerifiedInputStream(Files.newInputStream(path(d.digest())), d);
    } catch (NoSuchFileException e) {
      throw new NotFoundException(d.brief() + " not found in OCI layout " + root);
    }
  }

  /** Writes {@code in} as the blob {@code expected} describes; nothing becomes visible unless it matches. */
  public void write(Descriptor expected, InputStream in) throws IOException {
    Path target = path(expected.digest());
    Files.createDirectories(target.getParent());
    Path temp = root.resolve(TEMP_PREFIX + UUID.randomUUID());
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          // Held until the move so that gc in any process can tell a live upload from a leftover.
          FileLock lock = ch.lock()) {
        OutputStream out = Channels.newOutputStream(ch);
        new VerifiedInputStream(in, expected).transferTo(out);
        // No fsync: a blob torn by a power cut still fails verification on read, and fsync per blob
        // would dominate the cost of pushing many small blobs.
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Deletes the blob.
   *
   * @return whether it was there
   */
  public boolean delete(Digest digest) throws IOException {
    return Files.deleteIfExists(path(digest));
  }

  /** Every blob present, as digests, skipping names that are not valid digests. */
  public List<Digest> list() throws IOException {
    List<Digest> out = new ArrayList<>();
    if (!Files.isDirectory(blobs)) {
      return out;
    }
    try (DirectoryStream<Path> algs = Files.newDirectoryStream(blobs, Files::isDirectory)) {
      for (Path alg : algs) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(alg, Files::isRegularFile)) {
          for (Path f : files) {
            try {
              out.add(Digest.of(alg.getFileName().toString(), f.getFileName().toString()));
            } catch (IllegalArgumentException notABlob) {
              // A stray file another tool left; not ours to interpret or delete.
            }
          }
        }
      }
    }
    return out;
  }

  /** The size of a present blob, or -1. */
  public long size(Digest digest) throws IOException {
    try {
      return Files.size(path(digest));
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  /**
   * Deletes temp files that no writer holds, i.e. leftovers of a crashed or killed push.
   *
   * @return how many were removed
   */
  public int deleteAbandonedTempFiles() throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(root, TEMP_PREFIX + "*")) {
      for (Path temp : temps) {
        if (deleteIfAbandoned(temp)) {
          removed++;
        }
      }
    }
    return removed;
  }

  private static boolean deleteIfAbandoned(Path temp) throws IOException {
    try {
      // A writer creates its temp file and locks it a moment later: a young file may be unlocked yet live.
      if (Files.getLastModifiedTime(temp).toInstant().isAfter(Instant.now().minus(TEMP_GRACE))) {
        return false;
      }
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
          FileLock lock = ch.tryLock()) {
        if (lock == null) {
          return false; // another process is writing it
        }
        return Files.deleteIfExists(temp);
      }
    } catch (OverlappingFileLockException e) {
      return false; // this JVM is writing it
    } catch (NoSuchFileException e) {
      return false; // its writer just finished
    }
  }
}
