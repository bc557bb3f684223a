package dev.berth.artifacts.image.internal;

import dev.berth.artifacts.image.LayerSource;
import dev.berth.artifacts.internal.NonClosingOutputStream;
import dev.berth.core.Digest;
import java.io.BufferedInputStream;
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
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.jspecify.annotations.Nullable;

/**
 * Writes the layer a {@link LayerSource} describes as a reproducible tar+gzip stream. The parts are
 * first laid out as a tree of image paths (a later part replaces what an earlier one put at the same
 * path, as a later COPY would), then written depth first, each directory before its children, children
 * in UTF-8 byte order. Directories above a destination are only there to hold it: they get no entry.
 *
 * <p>Tars to unpack are extracted into a scratch directory first (their entries must be sorted in with
 * the rest); names that leave the archive and device or FIFO entries are refused.
 */
public final class LayerTarWriter {
  private static final int BUFFER = 64 * 1024;
  private static final FileTime EPOCH = FileTime.fromMillis(0);

  private enum Type { DIR, FILE, SYMLINK, WHITEOUT }

  /** A path in the layer; {@code written} false for directories that only hold a destination. */
  private static final class Node {
    final TreeMap<String, Node> children = new TreeMap<>(LayerTarWriter::compareUtf8);
    Type type = Type.DIR;
    boolean written;
    @Nullable Path file;
    @Nullable String link;
    int mode = 0755;
    int uid;
    int gid;
  }

  private final LayerSource source;
  private final Path scratch;
  private final Node root = new Node();

  private LayerTarWriter(LayerSource source, Path scratch) {
    this.source = source;
    this.scratch = scratch;
  }

  /**
   * Writes the layer as tar+gzip to {@code out} (not closed) and returns the uncompressed tar's digest.
   *
   * @param scratchDir an empty directory for unpacked tars, deleted by the caller
   */
  public static Digest write(LayerSource source, Path scratchDir, OutputStream out) throws IOException {
    LayerTarWriter w = new LayerTarWriter(source, scratchDir);
    int unpacked = 0;
    for (LayerSource.Part part : source.parts()) {
      switch (part.kind()) {
        case CONTENTS -> w.addContents(Objects.requireNonNull(part.source(), "a CONTENTS part has a source"), segments(part.imagePath()));
        case UNPACK -> w.addUnpacked(Objects.requireNonNull(part.source(), "an UNPACK part has a source"), segments(part.imagePath()), scratchDir.resolve("u" + unpacked++));
        case REMOVE -> w.addWhiteout(segments(part.imagePath()));
      }
    }
    return w.writeTar(out);
  }

  private void addContents(Path src, List<String> at) throws IOException {
    if (Files.isDirectory(src)) {
      Node dir = at.isEmpty() ? root : put(at, Type.DIR);
      dir.written = !at.isEmpty();
      walk(src, dir);
    } else {
      Node file = put(at, Type.FILE);
      file.written = true;
      file.file = src;
      file.mode = mode(src);
      own(file);
    }
  }

  private void walk(Path dir, Node into) throws IOException {
    own(into);
    if (source.mode() != null) {
      into.mode = source.mode();
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(children::add);
    }
    for (Path child : children) {
      if (!source.includes(child)) {
        continue;
      }
      String name = dev.berth.artifacts.archive.EntryNames.fileName(child);
      BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Node n = child(into, name, a.isDirectory() ? Type.DIR : a.isSymbolicLink() ? Type.SYMLINK : Type.FILE);
      n.written = true;
      if (a.isDirectory()) {
        n.mode = 0755;
        walk(child, n);
      } else if (a.isSymbolicLink()) {
        n.link = Files.readSymbolicLink(child).toString();
        n.mode = 0777;
        own(n);
      } else if (a.isRegularFile()) {
        n.file = child;
        n.mode = mode(child);
        own(n);
      } else {
        throw new IOException("cannot put " + child + " in a layer: not a regular file, directory or symbolic link");
      }
    }
  }

  private void addUnpacked(Path tarFile, List<String> at, Path into) throws IOException {
    Files.createDirectories(into);
    Node base = at.isEmpty() ? root : put(at, Type.DIR);
    if (!at.isEmpty()) {
      base.written = true;
      own(base);
    }
    Map<String, Node> byName = new TreeMap<>();
    int count = 0;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(tarFile), StandardCharsets.UTF_8.name())) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        List<String> rel = entrySegments(e.getName(), tarFile);
        if (rel.isEmpty()) {
          continue;
        }
        List<String> full = new ArrayList<>(at);
        full.addAll(rel);
        Node n;
        // Checked first: commons-compress calls any entry not named like a directory a "file".
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
          throw new IOException(tarFile + ": entry " + e.getName() + " is a device or FIFO;"
              + " a layer berth writes holds only files, directories and links");
        }
        if (e.isDirectory()) {
          n = put(full, Type.DIR);
        } else if (e.isSymbolicLink()) {
          n = put(full, Type.SYMLINK);
          n.link = e.getLinkName();
        } else if (e.isLink()) {
          Node target = byName.get(String.join("/", entrySegments(e.getLinkName(), tarFile)));
          if (target == null || target.type != Type.FILE) {
            throw new IOException(tarFile + ": hard link " + e.getName() + " names no earlier file");
          }
          n = put(full, Type.FILE);
          n.file = target.file;
        } else if (e.isFile() && (e.getLinkFlag() == TarConstants.LF_NORMAL || e.getLinkFlag() == TarConstants.LF_OLDNORM
            || e.getLinkFlag() == TarConstants.LF_CONTIG)) {
          n = put(full, Type.FILE);
          n.file = into.resolve(Integer.toString(count++));
          Files.copy(tar, n.file);
        } else {
          throw new IOException(tarFile + ": entry " + e.getName() + " is a device, FIFO or other special file;"
              + " a layer berth writes holds only files, directories and links");
        }
        n.written = true;
        n.mode = e.getMode() & 07777;
        n.uid = source.uid() != null ? source.uid() : (int) e.getLongUserId();
        n.gid = source.gid() != null ? source.gid() : (int) e.getLongGroupId();
        if (source.mode() != null && n.type != Type.SYMLINK) {
          n.mode = source.mode();
        }
        byName.put(String.join("/", rel), n);
      }
    }
  }

  private void addWhiteout(List<String> path) throws IOException {
    List<String> whiteout = new ArrayList<>(path.subList(0, path.size() - 1));
    whiteout.add(".wh." + path.get(path.size() - 1));
    Node n = put(whiteout, Type.WHITEOUT);
    n.written = true;
    n.mode = 0644;
  }

  /** The node at {@code path}, replacing whatever was there unless both are directories. */
  private Node put(List<String> path, Type type) {
    Node parent = root;
    for (int i = 0; i < path.size() - 1; i++) {
      parent = child(parent, path.get(i), Type.DIR);
    }
    return child(parent, path.get(path.size() - 1), type);
  }

  private static Node child(Node parent, String name, Type type) {
    Node existing = parent.children.get(name);
    if (existing != null && existing.type == Type.DIR && type == Type.DIR) {
      return existing;
    }
    Node n = new Node();
    n.type = type;
    parent.children.put(name, n);
    return n;
  }

  private void own(Node n) {
    n.uid = source.uid() == null ? 0 : source.uid();
    n.gid = source.gid() == null ? 0 : source.gid();
  }

  private int mode(Path file) throws IOException {
    if (source.mode() != null) {
      return source.mode();
    }
    // Only the owner's execute bit survives: it is the one bit people rely on (scripts, binaries).
    try {
      return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644;
    } catch (UnsupportedOperationException e) {
      return Files.isExecutable(file) ? 0755 : 0644;
    }
  }

  private Digest writeTar(OutputStream out) throws IOException {
    MessageDigest md = sha256();
    GzipParameters p = new GzipParameters();
    p.setModificationTime(0);
    p.setOperatingSystem(255);
    p.setCompressionLevel(Deflater.DEFAULT_COMPRESSION);
    p.setBufferSize(BUFFER);
    OutputStream gzip = new GzipCompressorOutputStream(
        new java.io.BufferedOutputStream(new NonClosingOutputStream(out), BUFFER), p);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(gzip, md),
        StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      writeChildren(tar, root, "");
      tar.finish();
    }
    return Digest.fromMessageDigest(Digest.SHA256, md);
  }

  private void writeChildren(TarArchiveOutputStream tar, Node dir, String prefix) throws IOException {
    for (Map.Entry<String, Node> c : dir.children.entrySet()) {
      Node n = c.getValue();
      String name = prefix + c.getKey();
      if (n.written) {
        writeEntry(tar, n, n.type == Type.DIR ? name + "/" : name);
      }
      if (n.type == Type.DIR) {
        writeChildren(tar, n, name + "/");
      }
    }
  }

  private static void writeEntry(TarArchiveOutputStream tar, Node n, String name) throws IOException {
    TarArchiveEntry e = switch (n.type) {
      case DIR -> new TarArchiveEntry(name, TarConstants.LF_DIR);
      case SYMLINK -> new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      case FILE, WHITEOUT -> new TarArchiveEntry(name, TarConstants.LF_NORMAL);
    };
    int typeBits = switch (n.type) {
      case DIR -> 0040000;
      case SYMLINK -> 0120000;
      default -> 0100000;
    };
    e.setMode(typeBits | n.mode);
    e.setModTime(EPOCH);
    e.setUserId(n.uid);
    e.setGroupId(n.gid);
    // The constructor fills in the current user's name; a reproducible layer must not carry it.
    e.setUserName("");
    e.setGroupName("");
    if (n.type == Type.SYMLINK) {
      e.setLinkName(n.link);
    }
    long size = n.type == Type.FILE ? Files.size(n.file) : 0;
    e.setSize(size);
    tar.putArchiveEntry(e);
    if (n.type == Type.FILE) {
      try (InputStream in = Files.newInputStream(n.file)) {
        if (in.transferTo(tar) != size) {
          throw new IOException(n.file + " changed size while being archived");
        }
      }
    }
    tar.closeArchiveEntry();
  }

  private static InputStream decompressed(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    in.mark(8);
    byte[] magic = in.readNBytes(6);
    in.reset();
    try {
      if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        return new GZIPInputStream(in, BUFFER);
      }
      if (magic.length >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
        return new BZip2CompressorInputStream(in, true);
      }
      if (magic.length == 6 && (magic[0] & 0xff) == 0xfd && magic[1] == '7' && magic[2] == 'z') {
        throw new IOException(file + " is xz-compressed; berth unpacks plain, gzip and bzip2 tars"
            + " (decompress it first: xz -d)");
      }
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The segments of an entry name inside an archive; refuses names that climb out of it. */
  private static List<String> entrySegments(String name, Path tarFile) throws IOException {
    List<String> out = new ArrayList<>();
    for (String s : name.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..") || s.indexOf('\0') >= 0) {
        throw new IOException(tarFile + ": entry \"" + name.replaceAll("\\p{Cntrl}", "?")
            + "\" leaves the archive; refusing to unpack it");
      }
      out.add(s);
    }
    return out;
  }

  private static List<String> segments(String imagePath) {
    List<String> out = new ArrayList<>();
    for (String s : imagePath.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
