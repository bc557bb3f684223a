package dev.berth.artifacts.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.jspecify.annotations.Nullable;

/**
 * Extracts a tar or tar+gzip stream (told apart by the gzip magic bytes) so that a hostile archive
 * cannot write outside the destination or leave anything half-written:
 *
 * <ul>
 *   <li>absolute names, names with a {@code ..} segment, backslashes or NUL are refused;
 *   <li>a symbolic link whose target is absolute or resolves outside the destination is refused, and
 *       the normalised target is what gets created (see {@link EntryNames});
 *   <li>no entry may be written through a symbolic link created earlier (the classic two-step escape);
 *   <li>a hard link must name a regular file already extracted from the same archive;
 *   <li>character and block devices, FIFOs and sparse or unknown entry types are refused;
 *   <li>the expanded stream is capped at {@link Builder#maxBytes(long)} bytes and {@link
 *       Builder#maxEntries(int)} entries, which stops decompression bombs;
 *   <li>modes are normalised ({@code 0755}/{@code 0644}), owners are never applied.
 * </ul>
 *
 * <p>{@link #extract(InputStream, Path)} extracts into a {@link StagingDirectory} inside the destination
 * and moves the result into place only when the whole archive was read and accepted: on any error the
 * destination is unchanged. Instances are immutable and thread-safe.
 */
public final class SafeExtractor {
  /** Default cap on the expanded (uncompressed) archive: 2 GiB. */
  public static final long DEFAULT_MAX_BYTES = 2L << 30;
  /** Default cap on the number of entries: enough for any artifact, too few to exhaust inodes. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final long maxBytes;
  private final int maxEntries;
  private final List<String> requiredPrefix;
  private final boolean overwrite;
  private final boolean allowLinks;

  private SafeExtractor(Builder b) {
    this.maxBytes = b.maxBytes;
    this.maxEntries = b.maxEntries;
    this.requiredPrefix = b.requiredPrefix;
    this.overwrite = b.overwrite;
    this.allowLinks = b.allowLinks;
  }

  /** A builder with the default limits, no required prefix, no overwriting, links allowed. */
  public static Builder builder() {
    return new Builder();
  }

  /** An extractor with the default limits, no required prefix and no overwriting. */
  public static SafeExtractor defaults() {
    return builder().build();
  }

  /**
   * Extracts {@code archive} (tar or tar+gzip) into {@code destination}, all or nothing.
   *
   * @return the top-level paths created in the destination
   * @throws UnsafeArchiveException when an entry is refused (nothing written)
   * @throws dev.berth.core.SizeLimitExceededException when the archive expands beyond the limit
   * @throws java.nio.file.FileAlreadyExistsException when a top-level item exists and overwrite is off
   */
  public List<Path> extract(InputStream archive, Path destination) throws IOException {
    try (StagingDirectory staging = StagingDirectory.create(destination)) {
      extractInto(archive, staging.root());
      return staging.commit(overwrite);
    }
  }

  /**
   * Extracts into {@code root} directly, treating it as the boundary no entry may leave. Callers that
   * need all-or-nothing pass a {@link StagingDirectory#root()} and commit it themselves.
   */
  public void extractInto(InputStream archive, Path root) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    InputStream in = new BufferedInputStream(archive, 65536);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    // The JDK's gzip reader skips the optional header fields without interpreting them (Helm's charts carry
    // an "extra" field that stricter readers reject) and reads concatenated members.
    InputStream raw = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(in, 65536) : in;
    LimitedInputStream limited = new LimitedInputStream(raw, maxBytes, "expanded archive");
    TarArchiveInputStream tar = new TarArchiveInputStream(limited, StandardCharsets.UTF_8.name());
    int count = 0;
    TarArchiveEntry e;
    while ((e = tar.getNextEntry()) != null) {
      if (++count > maxEntries) {
        throw new UnsafeArchiveException(e.getName(), "archive has more than " + maxEntries + " entries");
      }
      extractEntry(tar, e, base);
    }
    // Read to the end: the bytes after the end-of-archive marker count toward the limit, and a caller
    // digesting or verifying the stream underneath must see all of it.
    limited.transferTo(OutputStream.nullOutputStream());
  }

  private void extractEntry(TarArchiveInputStream tar, TarArchiveEntry e, Path root) throws IOException {
    String name = e.getName();
    List<String> segs = EntryNames.segments(name);
    checkPrefix(name, segs);
    byte type = e.getLinkFlag();
    if (segs.isEmpty()) {
      if (type == TarConstants.LF_DIR) {
        return;
      }
      throw new UnsafeArchiveException(name, "names the destination itself");
    }
    switch (type) {
      case TarConstants.LF_CHR -> throw new UnsafeArchiveException(name, "character device");
      case TarConstants.LF_BLK -> throw new UnsafeArchiveException(name, "block device");
      case TarConstants.LF_FIFO -> throw new UnsafeArchiveException(name, "FIFO");
      default -> { }
    }
    if (segs.get(0).startsWith(StagingDirectory.PREFIX)) {
      throw new UnsafeArchiveException(name, "uses berth's reserved prefix " + StagingDirectory.PREFIX);
    }
    Path target = prepareParents(name, root, segs);
    switch (type) {
      case TarConstants.LF_DIR -> makeDirectory(name, target);
      case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG -> {
        if (e.isSparse()) {
          throw new UnsafeArchiveException(name, "sparse files are not supported");
        }
        clearForFile(name, target);
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
          tar.transferTo(out);
        }
        setMode(target, (e.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--");
        Files.setLastModifiedTime(target, FileTime.fromMillis(Math.max(0, e.getModTime().getTime())));
      }
      case TarConstants.LF_SYMLINK -> {
        requireLinksAllowed(name);
        String linkTarget = EntryNames.safeLinkTarget(name, segs.subList(0, segs.size() - 1), e.getLinkName(),
            requiredPrefix);
        clearForFile(name, target);
        Files.createSymbolicLink(target, target.getFileSystem().getPath(linkTarget));
      }
      case TarConstants.LF_LINK -> {
        requireLinksAllowed(name);
        List<String> linked = EntryNames.segments(e.getLinkName());
        if (linked.isEmpty()) {
          throw new UnsafeArchiveException(name, "hard link to the destination itself");
        }
        checkPrefix(name, linked);
        Path existing = prepareParents(name, root, linked);
        BasicFileAttributes a = attributes(existing);
        if (a == null || !a.isRegularFile()) {
          throw new UnsafeArchiveException(name, "hard link to \"" + e.getLinkName()
              + "\", which is not a regular file extracted earlier from this archive");
        }
        clearForFile(name, target);
        Files.createLink(target, existing);
      }
      default -> throw new UnsafeArchiveException(name, "unsupported entry type '" + (char) type + "'");
    }
  }

  private void checkPrefix(String name, List<String> segs) throws UnsafeArchiveException {
    if (requiredPrefix.isEmpty()) {
      return;
    }
    if (segs.size() < requiredPrefix.size() || !segs.subList(0, requiredPrefix.size()).equals(requiredPrefix)) {
      throw new UnsafeArchiveException(name, "outside the expected directory \"" + String.join("/", requiredPrefix)
          + "/\"");
    }
  }

  private void requireLinksAllowed(String name) throws UnsafeArchiveException {
    if (!allowLinks) {
      throw new UnsafeArchiveException(name, "links are not allowed");
    }
  }

  /**
   * Creates the parent directories of {@code segs} under {@code root}, refusing to pass through anything
   * that is not a real directory (a symbolic link made by an earlier entry, in particular).
   */
  private static Path prepareParents(String name, Path root, List<String> segs) throws IOException {
    Path p = root;
    for (int i = 0; i < segs.size() - 1; i++) {
      p = p.resolve(segs.get(i));
      BasicFileAttributes a = attributes(p);
      if (a == null) {
        Files.createDirectory(p);
        setMode(p, "rwxr-xr-x");
      } else if (a.isSymbolicLink()) {
        throw new UnsafeArchiveException(name, "path passes through the symbolic link \""
            + String.join("/", segs.subList(0, i + 1)) + "\"");
      } else if (!a.isDirectory()) {
        throw new UnsafeArchiveException(name, "parent \"" + String.join("/", segs.subList(0, i + 1))
            + "\" is not a directory");
      }
    }
    return p.resolve(segs.get(segs.size() - 1));
  }

  private static void makeDirectory(String name, Path target) throws IOException {
    BasicFileAttributes a = attributes(target);
    if (a == null) {
      Files.createDirectory(target);
    } else if (!a.isDirectory() || a.isSymbolicLink()) {
      throw new UnsafeArchiveException(name, "directory entry replaces a file or link of the same name");
    }
    setMode(target, "rwxr-xr-x");
  }

  /** A later entry of the same name replaces a file or link (tar semantics), never a directory. */
  private static void clearForFile(String name, Path target) throws IOException {
    BasicFileAttributes a = attributes(target);
    if (a == null) {
      return;
    }
    if (a.isDirectory()) {
      throw new UnsafeArchiveException(name, "entry replaces a directory of the same name");
    }
    Files.delete(target);
  }

  private static @Nullable BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  private static void setMode(Path p, String perms) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the platform's defaults apply.
    }
  }

  /** Configures a {@link SafeExtractor}. */
  public static final class Builder {
    private long maxBytes = DEFAULT_MAX_BYTES;
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private List<String> requiredPrefix = List.of();
    private boolean overwrite;
    private boolean allowLinks = true;

    private Builder() {}

    /** The most bytes the archive may expand to (tar headers included); beyond it extraction stops. */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes <= 0) {
        throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /** The most entries the archive may hold. */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries <= 0) {
        throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * Requires every entry to lie in {@code prefix/} (oras's directory layers name their entries after
     * the layer's title).
     */
    public Builder requirePrefix(String prefix) throws UnsafeArchiveException {
      this.requiredPrefix = prefix == null ? List.of() : List.copyOf(EntryNames.segments(prefix));
      return this;
    }

    /** Whether {@link SafeExtractor#extract} may replace existing top-level items (default false). */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /** Whether symbolic and hard links (inside the destination) are extracted (default true). */
    public Builder allowLinks(boolean allowLinks) {
      this.allowLinks = allowLinks;
      return this;
    }

    /** An extractor with these settings. */
    public SafeExtractor build() {
      Objects.requireNonNull(requiredPrefix);
      return new SafeExtractor(this);
    }
  }
}
