package dev.berth.artifacts.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory as an image layer tar, reproducibly: entries sorted by name, epoch times, owner
 * and group 0, modes 0755/0644 by owner-executable bit, symbolic links kept as links (a layer is
 * unpacked inside the container's root, so a link is resolved there, not on this machine).
 */
public final class LayerTarWriter {
  private LayerTarWriter() {}

  private static final int DIR_MODE = 0755;
  private static final int EXEC_MODE = 0755;
  private static final int FILE_MODE = 0644;
  private static final int LINK_MODE = 0777;

  /**
   * Writes {@code dir}'s tree under {@code prefix} (path segments, maybe empty) to {@code out} as an
   * uncompressed tar. {@code out} is finished but not closed.
   *
   * @throws IOException for unreadable files or special files (devices, sockets, pipes) a layer must
   *     not carry
   */
  public static void write(Path dir, List<String> prefix, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    String base = "";
    for (String segment : prefix) {
      base += segment + "/";
      tar.putArchiveEntry(entry(base, TarConstants.LF_DIR, DIR_MODE, 0));
      tar.closeArchiveEntry();
    }
    for (Path p : sortedTree(dir)) {
      String name = base + relativeName(dir, p);
      if (Files.isSymbolicLink(p)) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, LINK_MODE, 0);
        e.setLinkName(Files.readSymbolicLink(p).toString().replace('\\', '/'));
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        tar.putArchiveEntry(entry(name + "/", TarConstants.LF_DIR, DIR_MODE, 0));
        tar.closeArchiveEntry();
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        long size = Files.size(p);
        tar.putArchiveEntry(entry(name, TarConstants.LF_NORMAL, isOwnerExecutable(p) ? EXEC_MODE : FILE_MODE, size));
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
          long copied = in.transferTo(tar);
          if (copied != size) {
            throw new IOException(p + " changed size while being archived");
          }
        }
        tar.closeArchiveEntry();
      } else {
        throw new IOException(p + " is not a regular file, directory or symbolic link; a layer cannot carry it");
      }
    }
    tar.finish();
  }

  /** Every path under {@code dir} (not {@code dir} itself), parents before children, in name order. */
  private static List<Path> sortedTree(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> !p.equals(dir)).forEach(out::add);
    }
    // Sorting by the '/'-joined name puts a parent before its children (a prefix sorts first) and
    // makes the order independent of the file system's directory order.
    out.sort((a, b) -> relativeName(dir, a).compareTo(relativeName(dir, b)));
    return out;
  }

  private static String relativeName(Path dir, Path p) {
    StringBuilder s = new StringBuilder();
    for (Path segment : dir.relativize(p)) {
      if (s.length() > 0) {
        s.append('/');
      }
      s.append(segment);
    }
    return s.toString();
  }

  private static TarArchiveEntry entry(String name, byte type, int mode, long size) {
    TarArchiveEntry e = new TarArchiveEntry(name, type);
    e.setMode(modeBits(type) | mode);
    e.setSize(size);
    e.setModTime(0);
    e.setUserId(0);
    e.setGroupId(0);
    e.setUserName("");
    e.setGroupName("");
    return e;
  }

  /** The file-type bits tar tools expect alongside the permissions (S_IFDIR, S_IFLNK, S_IFREG). */
  private static int modeBits(byte type) {
    return switch (type) {
      case TarConstants.LF_DIR -> 040000;
      case TarConstants.LF_SYMLINK -> 0120000;
      default -> 0100000;
    };
  }

  private static boolean isOwnerExecutable(Path p) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
      return perms.contains(PosixFilePermission.OWNER_EXECUTE);
    } catch (UnsupportedOperationException notPosix) {
      return Files.isExecutable(p);
    }
  }
}
