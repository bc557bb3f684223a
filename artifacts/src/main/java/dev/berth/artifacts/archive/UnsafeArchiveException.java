package dev.berth.artifacts.archive;

import dev.berth.core.OciException;

/**
 * An archive (or an artifact's file name) tried to write outside its destination, or holds an entry
 * berth refuses to create: an absolute path, a {@code ..} segment, a symbolic or hard link leading out,
 * a device file or FIFO. When {@link SafeExtractor#extract} or a pull throws it, nothing from the archive
 * has been written; {@link SafeExtractor#extractInto} leaves what it already wrote to its caller.
 */
public class UnsafeArchiveException extends OciException {
  /** The entry name as the archive spelled it. */
  private final String entry;

  /**
   * @param entry the entry name (or file title) as the archive spelled it; control characters are
   *     replaced in the message
   * @param reason why it was refused, e.g. {@code "two layers have this title"}
   */
  public UnsafeArchiveException(String entry, String reason) {
    super("refused archive entry \"" + printable(entry) + "\": " + reason);
    this.entry = entry;
  }

  /** The entry name as the archive spelled it. */
  public String entry() {
    return entry;
  }

  /** Control characters in a hostile name must not reach a terminal or log verbatim. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && b.length() < 200; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return s.length() > 200 ? b + "..." : b.toString();
  }
}
