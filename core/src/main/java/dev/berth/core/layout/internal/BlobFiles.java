package dev.berth.core.layout.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.NotFoundException;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.ExitCleanup;
import dev.berth.core.content.LocalFiles;
import dev.berth.core.content.VerifiedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

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

  /** How old an unlocked temp file of a process that is gone must be: past the create-then-lock moment. */
  private static final Duration DEAD_OWNER_GRACE = Duration.ofSeconds(2);

  private final Path root;
  private final Path blobs;
  private final AtomicBoolean swept = new AtomicBoolean();

  public BlobFiles(Path root) {
    this.root = root;
    this.blobs = root.resolve("blobs");
  }

  /**
   * Where the blob with {@code digest} lives. Only digests berth verifies (sha256, sha512, whose encoded
   * part is checked hex) become paths: any other algorithm is refused before a file is touched, so a
   * digest such as {@code ssh:authorized_keys} can never name {@code blobs/ssh/authorized_keys}, and
   * content that could list itself (only an unverified digest allows that) never enters a layout.
   * {@code blobs} and {@code blobs/<alg>} must be real directories, not links out of the layout.
   *
   * @throws UnsupportedException for an algorithm berth cannot verify
   * @throws FileSystemException when {@code blobs} or {@code blobs/<alg>} is a link or not a directory
   */
  public Path path(Digest digest) throws IOException {
    Path dir = algorithmDirectory(digest);
    requireDirectoryIfPresent(blobs);
    requireDirectoryIfPresent(dir);
    return dir.resolve(digest.hex());
  }

  private Path algorithmDirectory(Digest digest) throws UnsupportedException {
    if (!digest.isVerifiable()) {
      throw new UnsupportedException("digest " + digest + " in OCI layout " + root + " uses an algorithm berth"
          + " cannot verify (sha256 and sha512 only); it is not used as a blob path");
    }
    return blobs.resolve(digest.algorithm());
  }

  private static void requireDirectoryIfPresent(Path dir) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!a.isDirectory()) {
      throw new FileSystemException(dir.toString(), null, "is " + LocalFiles.kind(dir, a, LinkOption.NOFOLLOW_LINKS)
          + ", not a directory; berth follows no path out of an OCI layout");
    }
  }

  /**
   * The blob file's attributes, or null when it is absent.
   *
   * @throws FileSystemException when it is a link, a FIFO, a device or anything but a regular file
   */
  private @Nullable BasicFileAttributes attributes(Digest digest) throws IOException {
    Path file = path(digest);
    try {
      return LocalFiles.requireRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Whether the blob is present with the descriptor's size. */
  public boolean exists(Descriptor d) throws IOException {
    BasicFileAttributes a = attributes(d.digest());
    return a != null && a.size() == d.size();
  }

  /** Opens the blob, bounded and verified against {@code d}. */
  public InputStream open(Descriptor d) throws IOException {
    InputStream in = openRaw(d.digest());
    if (in == null) {
      throw new NotFoundException(d.brief() + " not found in OCI layout " + root, NotFoundException.kindOf(d),
          null, null);
    }
    return new VerifiedInputStream(in, d);
  }

  /** Opens the blob file unverified (a regular file, never through a link), or null when it is absent. */
  @Nullable InputStream openRaw(Digest digest) throws IOException {
    try {
      return LocalFiles.openRegularFile(path(digest), LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Writes {@code in} as the blob {@code expected} describes; nothing becomes visible unless it matches. */
  public void write(Descriptor expected, InputStream in) throws IOException {
    Path dir = algorithmDirectory(expected.digest());
    // One level at a time, never createDirectories: through a planted blobs link it would create outside.
    requireDirectoryIfPresent(blobs);
    createDirectoryIfMissing(blobs);
    requireDirectoryIfPresent(dir);
    createDirectoryIfMissing(dir);
    Path target = path(expected.digest());
    if (!swept.getAndSet(true)) {
      try {
        deleteAbandonedTempFiles(); // what killed runs left, once per layout opened for writing
      } catch (IOException | RuntimeException bestEffort) {
        // gc tries again; a leftover must not fail a push
      }
    }
    Path temp = root.resolve(tempName());
    try (ExitCleanup.Registration onExit = ExitCleanup.register(temp)) {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          // Held until the move so that gc in any process can tell a live upload from a leftover.
          FileLock lock = ch.lock()) {
        // A full disk is a local failure: not worth fetching the blob again (TransferRetries).
        OutputStream out = LocalFiles.reportingWriteFailures(Channels.newOutputStream(ch), temp);
        new VerifiedInputStream(in, expected).transferTo(out);
        // No fsync: a blob torn by a power cut still fails verification on read, and fsync per blob
        // would dominate the cost of pushing many small blobs.
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void createDirectoryIfMissing(Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException present) {
      requireDirectoryIfPresent(dir);
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

  /**
   * Every blob present, as digests: regular files (not links) under real algorithm directories, named
   * as valid digests of an algorithm berth verifies. Anything else is a stray another tool (or someone
   * else) left; not ours to interpret or delete.
   */
  public List<Digest> list() throws IOException {
    List<Digest> out = new ArrayList<>();
    if (!Files.isDirectory(blobs, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> algs = Files.newDirectoryStream(blobs,
        p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
      for (Path alg : algs) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(alg,
            p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
          for (Path f : files) {
            try {
              Digest d = Digest.of(alg.getFileName().toString(), f.getFileName().toString());
              if (d.isVerifiable()) {
                out.add(d);
              }
            } catch (IllegalArgumentException notABlob) {
              // not a digest: a stray file
            }
          }
        }
      }
    }
    return out;
  }

  /** The size of a present blob, or -1. */
  public long size(Digest digest) throws IOException {
    BasicFileAttributes a = attributes(digest);
    return a == null ? -1 : a.size();
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

  /**
   * A temp file's name: {@code .berth-tmp-PID-UUID}. The id lets another run see that the writer is gone
   * (killed) without waiting out {@link #TEMP_GRACE}; the lock the writer holds stays the proof of life,
   * which also holds across machines sharing the layout.
   */
  static String tempName() {
    return TEMP_PREFIX + ExitCleanup.pid() + "-" + UUID.randomUUID();
  }

  /** The writer's process id in a temp file's name, or -1 (names of older versions, other tools). */
  static long pidOf(String name) {
    String rest = name.substring(TEMP_PREFIX.length());
    int dash = rest.indexOf('-');
    try {
      return dash <= 0 ? -1 : Long.parseLong(rest.substring(0, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean deleteIfAbandoned(Path temp) throws IOException {
    try {
      // A writer creates its temp file and locks it a moment later: a young file may be unlocked yet live.
      long pid = pidOf(temp.getFileName().toString());
      boolean ownerGone = pid >= 0 && pid != ExitCleanup.pid() && ExitCleanup.ownerIsGone(pid);
      Duration grace = ownerGone ? DEAD_OWNER_GRACE : TEMP_GRACE;
      if (Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toInstant().isAfter(Instant.now().minus(grace))) {
        return false;
      }
      if (!Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)) {
        return false; // not a temp file of ours (a FIFO would block the open below)
      }
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
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
