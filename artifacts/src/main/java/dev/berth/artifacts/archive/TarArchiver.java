package dev.berth.artifacts.archive;

import dev.berth.artifacts.internal.NonClosingOutputStream;
import dev.berth.core.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.jspecify.annotations.Nullable;

/**
 * Writes a directory (or a single file) as a reproducible tar or tar+gzip stream: the same input bytes
 * always give the same archive bytes, so pushing the same directory twice gives the same digest.
 *
 * <ul>
 *   <li>Entries in a fixed order: each directory before its children, children sorted by name.
 *   <li>Every modification time set to {@link Builder#modificationTime(Instant)} (default: the epoch);
 *       uid and gid 0, user and group names empty; no access or change times.
 *   <li>Modes normalised: directories {@code 0755}, files {@code 0755} when the owner may execute them
 *       and {@code 0644} otherwise, symbolic links {@code 0777}; no setuid, setgid or sticky bits.
 *   <li>Symbolic links stored as links; hard links stored as regular files (as oras does); sockets,
 *       FIFOs and devices refused.
 *   <li>gzip header without a file name or modification time, operating system "unknown" (255).
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TarArchiver {
  private static final int BUFFER = 64 * 1024;
  private final @Nullable String prefix;
  private final boolean gzip;
  private final FileTime modificationTime;
  private final int compressionLevel;
  private final Predicate<String> include;
  private final boolean directoryEntries;

  private TarArchiver(Builder b) {
    this.prefix = b.prefix;
    this.gzip = b.gzip;
    this.modificationTime = FileTime.from(b.modificationTime);
    this.compressionLevel = b.compressionLevel;
    this.include = b.include;
    this.directoryEntries = b.directoryEntries;
  }

  /** A builder for a gzipped tar with no prefix, epoch times, zlib's default level, every path, directory entries. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What was written: the digest and size of the uncompressed tar, and the number of entries.
   *
   * @param tarDigest the sha256 digest of the uncompressed tar (oras's {@code io.deis.oras.content.digest})
   * @param tarSize the uncompressed tar's length in bytes
   * @param entries how many entries the tar holds
   */
  public record Result(Digest tarDigest, long tarSize, int entries) {}

  /**
   * Writes {@code source} (a directory's contents, or one file) to {@code out}, which is not closed.
   * With a prefix {@code p}, a directory's entries are named {@code p/...} and {@code p/} itself is the
   * first entry; a single file is named {@code p}, or by its file name when there is no prefix.
   */
  public Result write(Path source, OutputStream out) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return writeWith(out, (tar, entries) -> {
      if (attrs.isDirectory()) {
        if (prefix != null && directoryEntries) {
          putDirectory(tar, prefix + "/");
          entries[0]++;
        }
        walk(tar, source, prefix == null ? "" : prefix + "/", "", entries);
      } else {
        String name = prefix != null ? prefix : source.getFileName().toString();
        putPath(tar, source, name, attrs);
        entries[0]++;
      }
    });
  }

  /**
   * One regular file to write with {@link #writeEntries}: its name in the archive (the prefix is not
   * applied) and where its bytes come from (symbolic links are followed).
   *
   * @param name the entry's name in the archive
   * @param file the file whose bytes it holds
   */
  public record Entry(String name, Path file) {
    /** Checks that neither part is null. */
    public Entry {
      java.util.Objects.requireNonNull(name, "name");
      java.util.Objects.requireNonNull(file, "file");
    }
  }

  /**
   * Writes exactly these regular files, in this order, with the same normalisation as {@link #write}
   * (Helm's chart archives need {@code Chart.yaml} first and no directory entries).
   */
  public Result writeEntries(List<Entry> files, OutputStream out) throws IOException {
    return writeWith(out, (tar, entries) -> {
      for (Entry e : files) {
        EntryNames.normalize(e.name());
        BasicFileAttributes a = Files.readAttributes(e.file(), BasicFileAttributes.class);
        if (!a.isRegularFile()) {
          throw new IOException("cannot archive " + e.file() + ": not a regular file");
        }
        putPath(tar, e.file(), e.name(), a);
        entries[0]++;
      }
    });
  }

  private interface EntryWriter {
    void write(TarArchiveOutputStream tar, int[] entries) throws IOException;
  }

  private Result writeWith(OutputStream out, EntryWriter writer) throws IOException {
    MessageDigest md = sha256();
    // Buffered: the compressor and the tar writer emit small pieces (512-byte records, deflate chunks),
    // and the caller's stream is often an unbuffered file.
    OutputStream sink = new java.io.BufferedOutputStream(new NonClosingOutputStream(out), BUFFER);
    if (gzip) {
      GzipParameters p = new GzipParameters();
      p.setModificationTime(0);
      p.setOperatingSystem(255);
      p.setCompressionLevel(compressionLevel);
      p.setBufferSize(BUFFER);
      sink = new GzipCompressorOutputStream(sink, p);
    }
    CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(sink, md));
    int[] entries = {0};
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(counted, StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      writer.write(tar, entries);
      tar.finish();
    }
    // Closing the tar stream closed `counted` and the gzip stream (finishing it), but not `out`.
    return new Result(Digest.fromMessageDigest(Digest.SHA256, md), counted.count, entries[0]);
  }

  /** Writes {@code source} to a new file {@code target} (replacing it) and returns what was written. */
  public Result writeTo(Path source, Path target) throws IOException {
    try (OutputStream out = Files.newOutputStream(target)) {
      return write(source, out);
    }
  }

  private void walk(TarArchiveOutputStream tar, Path dir, String namePrefix, String relPrefix, int[] entries)
      throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(children::add);
    }
    // Sort by the UTF-8 bytes of the name, so the order does not depend on the platform's collation.
    children.sort((a, b) -> compareUtf8(a.getFileName().toString(), b.getFileName().toString()));
    // (Names that do not round-trip are refused below, so this order is the order of distinct names.)
    for (Path child : children) {
      String base = EntryNames.fileName(child);
      String rel = relPrefix + base;
      BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!include.test(a.isDirectory() ? rel + "/" : rel)) {
        continue;
      }
      String name = namePrefix + base;
      if (a.isDirectory()) {
        if (directoryEntries) {
          putDirectory(tar, name + "/");
          entries[0]++;
        }
        walk(tar, child, name + "/", rel + "/", entries);
      } else {
        putPath(tar, child, name, a);
        entries[0]++;
      }
    }
  }

  private void putPath(TarArchiveOutputStream tar, Path p, String name, BasicFileAttributes a) throws IOException {
    if (a.isSymbolicLink()) {
      TarArchiveEntry e = normalized(new TarArchiveEntry(name, TarConstants.LF_SYMLINK), 0777);
      e.setLinkName(Files.readSymbolicLink(p).toString());
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
    } else if (a.isRegularFile()) {
      TarArchiveEntry e = normalized(new TarArchiveEntry(name, TarConstants.LF_NORMAL), fileMode(p));
      e.setSize(a.size());
      tar.putArchiveEntry(e);
      try (InputStream in = Files.newInputStream(p)) {
        long copied = in.transferTo(tar);
        if (copied != a.size()) {
          throw new IOException(p + " changed size while being archived");
        }
      }
      tar.closeArchiveEntry();
    } else {
      throw new IOException("cannot archive " + p + ": not a regular file, directory or symbolic link");
    }
  }

  private void putDirectory(TarArchiveOutputStream tar, String name) throws IOException {
    tar.putArchiveEntry(normalized(new TarArchiveEntry(name, TarConstants.LF_DIR), 0755));
    tar.closeArchiveEntry();
  }

  private TarArchiveEntry normalized(TarArchiveEntry e, int permissions) {
    e.setMode(typeBits(e) | permissions);
    e.setModTime(modificationTime);
    e.setUserId(0);
    e.setGroupId(0);
    // The constructor fills in the current user's name; a reproducible archive must not carry it.
    e.setUserName("");
    e.setGroupName("");
    return e;
  }

  private static int typeBits(TarArchiveEntry e) {
    if (e.isDirectory()) {
      return 0040000;
    }
    return e.isSymbolicLink() ? 0120000 : 0100000;
  }

  private static int fileMode(Path p) {
    // Only the owner's execute bit survives: it is the one bit people rely on (scripts, binaries).
    try {
      return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)
          .contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644;
    } catch (UnsupportedOperationException | IOException e) {
      return Files.isExecutable(p) ? 0755 : 0644;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  static int compareUtf8(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }

  /** Configures a {@link TarArchiver}. */
  public static final class Builder {
    private @Nullable String prefix;
    private boolean gzip = true;
    private Instant modificationTime = Instant.EPOCH;
    private int compressionLevel = Deflater.DEFAULT_COMPRESSION;
    private Predicate<String> include = name -> true;
    private boolean directoryEntries = true;

    private Builder() {}

    /** Names entries {@code prefix/...} (oras names a directory's entries after its title). */
    public Builder prefix(String prefix) throws UnsafeArchiveException {
      this.prefix = prefix == null ? null : EntryNames.normalize(prefix);
      if (this.prefix != null && this.prefix.isEmpty()) {
        this.prefix = null;
      }
      return this;
    }

    /** Whether to gzip the tar (default true). */
    public Builder gzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /** The modification time written for every entry (default: the epoch). */
    public Builder modificationTime(Instant time) {
      this.modificationTime = Objects.requireNonNull(time, "time");
      return this;
    }

    /** The deflate level, 0-9 or -1 for zlib's default (6). */
    public Builder compressionLevel(int level) {
      if (level < -1 || level > 9) {
        throw new IllegalArgumentException("compression level must be -1..9: " + level);
      }
      this.compressionLevel = level;
      return this;
    }

    /**
     * Only paths this accepts are archived. It sees paths relative to the source directory, with a
     * trailing {@code /} for directories; a rejected directory is skipped with everything inside.
     */
    public Builder include(Predicate<String> include) {
      this.include = Objects.requireNonNull(include, "include");
      return this;
    }

    /** Whether directories get entries of their own (default true; Helm's charts have none). */
    public Builder directoryEntries(boolean directoryEntries) {
      this.directoryEntries = directoryEntries;
      return this;
    }

    /** An archiver with these settings. */
    public TarArchiver build() {
      return new TarArchiver(this);
    }
  }

  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
