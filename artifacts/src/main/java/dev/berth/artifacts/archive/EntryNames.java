package dev.berth.artifacts.archive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks and splits the names archives and artifacts use for files. A safe name is relative, uses
 * {@code /} between non-empty segments, and has no {@code ..} segment at all: rejecting every {@code ..}
 * (rather than only those that climb above the root) keeps the check purely lexical and obviously right.
 */
public final class EntryNames {
  private EntryNames() {}

  /**
   * The segments of a safe relative name, with {@code .} segments and a trailing {@code /} dropped; an
   * empty list for the root itself ({@code ./} or {@code .}).
   *
   * @throws UnsafeArchiveException when the name is absolute, has a {@code ..} segment, a backslash, a
   *     drive letter or a NUL character
   */
  public static List<String> segments(@Nullable String name) throws UnsafeArchiveException {
    if (name == null || name.isEmpty()) {
      throw new UnsafeArchiveException(String.valueOf(name), "empty name");
    }
    if (name.indexOf('\0') >= 0) {
      throw new UnsafeArchiveException(name, "name contains a NUL character");
    }
    // A backslash is a separator on Windows: "..\\x" would climb there, and no portable artifact needs one.
    if (name.indexOf('\\') >= 0) {
      throw new UnsafeArchiveException(name, "name contains a backslash");
    }
    if (name.startsWith("/")) {
      throw new UnsafeArchiveException(name, "absolute path");
    }
    if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
      throw new UnsafeArchiveException(name, "drive-letter path");
    }
    List<String> out = new ArrayList<>();
    for (String s : name.split("/", -1)) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        throw new UnsafeArchiveException(name, "path contains \"..\"");
      }
      out.add(s);
    }
    return out;
  }

  /** The safe name joined with {@code /} (no leading {@code ./}, no trailing slash); "" for the root. */
  public static String normalize(@Nullable String name) throws UnsafeArchiveException {
    return String.join("/", segments(name));
  }

  /**
   * Resolves a symbolic link's target against the directory holding the link (both as segments under
   * the archive root) and returns the normalised relative target text to create, or throws when the
   * target is absolute or climbs out of the root.
   *
   * <p>The normalised text, not the original, is what gets written: an original like {@code sub/..}
   * would be resolved by the OS through {@code sub}, which may itself be a link, so only a target whose
   * {@code ..} segments all come first is known to mean what the lexical check saw.
   */
  static String safeLinkTarget(String entry, List<String> linkParent, String target)
      throws UnsafeArchiveException {
    return safeLinkTarget(entry, linkParent, target, List.of());
  }

  /**
   * As {@link #safeLinkTarget(String, List, String)}, also requiring the target to lie within {@code
   * floor} (the directory an oras layer's entries must stay in).
   */
  static String safeLinkTarget(String entry, List<String> linkParent, String target, List<String> floor)
      throws UnsafeArchiveException {
    if (target == null || target.isEmpty()) {
      throw new UnsafeArchiveException(entry, "link has an empty target");
    }
    if (target.startsWith("/") || target.indexOf('\\') >= 0 || target.indexOf('\0') >= 0
        || (target.length() >= 2 && target.charAt(1) == ':')) {
      throw new UnsafeArchiveException(entry, "link target \"" + target + "\" is absolute");
    }
    List<String> resolved = new ArrayList<>(linkParent);
    for (String s : target.split("/", -1)) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (resolved.isEmpty()) {
          throw new UnsafeArchiveException(entry, "link target \"" + target + "\" points outside the destination");
        }
        resolved.remove(resolved.size() - 1);
      } else {
        resolved.add(s);
      }
    }
    if (resolved.size() < floor.size() || !resolved.subList(0, floor.size()).equals(floor)) {
      throw new UnsafeArchiveException(entry, "link target \"" + target + "\" points outside \""
          + String.join("/", floor) + "/\"");
    }
    // Re-express the resolved path relative to the link's directory: climb to the common prefix, descend.
    int common = 0;
    while (common < linkParent.size() && common < resolved.size()
        && linkParent.get(common).equals(resolved.get(common))) {
      common++;
    }
    List<String> rel = new ArrayList<>();
    for (int i = common; i < linkParent.size(); i++) {
      rel.add("..");
    }
    rel.addAll(resolved.subList(common, resolved.size()));
    return rel.isEmpty() ? "." : String.join("/", rel);
  }

  /**
   * The name of {@code child} (an entry of a directory being archived) as text, refusing a name the
   * platform cannot represent: with invalid UTF-8 (or any byte outside the JVM's file-name encoding) Java
   * decodes the name lossily, so {@code x\\xff} and {@code x\\xfe} would both become {@code x\uFFFD}
   * (or {@code x?}) and two files collapse into one entry. Resolving the decoded text back gives another
   * path in that case, which is what is checked.
   *
   * @throws UnsafeArchiveException naming the directory and the name as decoded
   */
  public static String fileName(Path child) throws UnsafeArchiveException {
    String name = child.getFileName().toString();
    Path parent = child.getParent();
    Path again = parent == null ? child.getFileSystem().getPath(name) : parent.resolve(name);
    if (!again.equals(child)) {
      throw new UnsafeArchiveException(String.valueOf(parent) + "/" + name.replaceAll("\\p{Cntrl}", "?"),
          "its file name is not valid in this system's file-name encoding (" + System.getProperty("sun.jnu.encoding")
              + "); two such names could become one entry. Rename it");
    }
    return name;
  }
}
