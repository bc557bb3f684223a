package dev.berth.core.content;

import dev.berth.core.SizeLimitExceededException;
import java.io.IOException;
import java.io.FilterOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads local files that a user, a layout or an archive names, as untrusted input: only regular files
 * are opened, and what is read into memory is read with a cap.
 *
 * <p>Opening a FIFO blocks until a writer appears, and {@code /dev/zero} or a terminal never ends, so the
 * file's kind is checked before it is opened. Pass {@link LinkOption#NOFOLLOW_LINKS} where a symbolic
 * link must not lead elsewhere (inside an OCI layout): the check then refuses the link itself, and the
 * open refuses a link swapped in after the check ({@code O_NOFOLLOW}). Without it, a link the user
 * named is followed and its target must be a regular file.
 *
 * <p>A FIFO swapped in between the check and the open of a path that follows links is not caught; only
 * the path's owner can do that, and it is the user's own path.
 */
public final class LocalFiles {
  private LocalFiles() {}

  /**
   * The attributes of {@code file}, which must be a regular file.
   *
   * @throws FileSystemException naming the file and what it is instead (a directory, a FIFO, a character
   *     device, a symbolic link when links are not followed)
   * @throws java.nio.file.NoSuchFileException when it does not exist
   */
  public static BasicFileAttributes requireRegularFile(Path file, LinkOption... options) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, options);
    if (!a.isRegularFile()) {
      throw new FileSystemException(file.toString(), null, "is " + kind(file, a, options) + ", not a regular file");
    }
    return a;
  }

  /** Opens {@code file} for reading once {@link #requireRegularFile} has accepted it. */
  public static InputStream openRegularFile(Path file, LinkOption... options) throws IOException {
    requireRegularFile(file, options);
    return Files.newInputStream(file, openOptions(options));
  }

  /**
   * The whole of {@code file}, a regular file of at most {@code maxBytes}: a larger one is refused by its
   * size before it is read, and one that grows while it is read stops at the cap.
   *
   * @throws SizeLimitExceededException when it holds more than {@code maxBytes}
   */
  public static byte[] readRegularFile(Path file, long maxBytes, LinkOption... options) throws IOException {
    BasicFileAttributes a = requireRegularFile(file, options);
    if (a.size() > maxBytes) {
      throw new SizeLimitExceededException(file.toString(), maxBytes);
    }
    try (InputStream in = Files.newInputStream(file, openOptions(options))) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new SizeLimitExceededException(file.toString(), maxBytes);
      }
      return bytes;
    }
  }

  /**
   * {@code out}, writing to {@code file}, with its failures (a full disk, a quota, a lost mount) turned
   * into {@link FileSystemException}s naming the file: a local error, which {@link TransferRetries}
   * does not retry (downloading again cannot make room), and which a copy loop can tell from a failure
   * of the stream it reads.
   */
  public static OutputStream reportingWriteFailures(OutputStream out, Path file) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        try {
          out.write(b);
        } catch (IOException e) {
          throw local(e);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          out.write(b, off, len);
        } catch (IOException e) {
          throw local(e);
        }
      }

      @Override
      public void flush() throws IOException {
        try {
          out.flush();
        } catch (IOException e) {
          throw local(e);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          out.close();
        } catch (IOException e) {
          throw local(e);
        }
      }

      private IOException local(IOException e) {
        if (e instanceof FileSystemException) {
          return e;
        }
        FileSystemException f = new FileSystemException(file.toString(), null,
            "cannot write: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        f.initCause(e);
        return f;
      }
    };
  }

  /** What a non-regular file is, in words: "a directory", "a FIFO", "a character device", .... */
  public static String kind(Path file, BasicFileAttributes a, LinkOption... options) {
    if (a.isDirectory()) {
      return "a directory";
    }
    if (a.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (a.isRegularFile()) {
      return "a regular file";
    }
    try {
      int type = ((Integer) Files.getAttribute(file, "unix:mode", options)) & 0170000;
      return switch (type) {
        case 0010000 -> "a FIFO";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return "a special file"; // no unix view on this platform: the kind stays unnamed
    }
  }

  private static OpenOption[] openOptions(LinkOption... options) {
    OpenOption[] out = Arrays.copyOf(options, options.length + 1, OpenOption[].class);
    out[options.length] = StandardOpenOption.READ;
    return out;
  }
}
