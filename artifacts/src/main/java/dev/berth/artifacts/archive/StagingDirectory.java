package dev.berth.artifacts.archive;

import dev.berth.core.content.ExitCleanup;
import dev.berth.core.content.LocalFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A hidden temporary directory inside a destination directory, where a pull writes everything first, so
 * that a failure leaves the destination as it was. {@link #commit(boolean)} merges the staged tree into
 * the destination with atomic renames (same file system, since the staging directory lives inside the
 * destination); {@link #close()} deletes whatever is left.
 *
 * <pre>{@code
 * try (StagingDirectory staging = StagingDirectory.create(outDir)) {
 *   Files.write(staging.newFile("docs/a.txt"), bytes);
 *   staging.commit(false);   // throws FileAlreadyExistsException if outDir/docs/a.txt exists
 * }
 * }</pre>
 */
public final class StagingDirectory implements AutoCloseable {
  /** Prefix of staging directories; a leftover from a killed process is recognisable by it. */
  public static final String PREFIX = ".berth-staging-";

  /** The lock file inside a staging directory, held while its owner lives. */
  private static final String LOCK = PREFIX + "lock";

  private final Path destination;
  private final Path root;
  private final boolean createdDestination;
  private final FileChannel lockChannel;
  private final ExitCleanup.Registration onExit;
  private boolean committed;

  private StagingDirectory(Path destination, Path root, boolean createdDestination, FileChannel lockChannel,
      ExitCleanup.Registration onExit) {
    this.destination = destination;
    this.root = root;
    this.createdDestination = createdDestination;
    this.lockChannel = lockChannel;
    this.onExit = onExit;
  }

  /**
   * Creates a staging directory inside {@code destination}, creating the destination if needed, and
   * first removes staging directories that killed runs left there ({@link StaleStaging}). The new one is
   * named with this process's id and holds a lock while it lives, and is removed if the JVM shuts down
   * before it is closed (Ctrl-C, SIGTERM).
   */
  public static StagingDirectory create(Path destination) throws IOException {
    Path dest = destination.toAbsolutePath().normalize();
    boolean created = false;
    if (!Files.isDirectory(dest)) {
      Files.createDirectories(dest);
      created = true;
    } else {
      StaleStaging.sweep(dest);
    }
    Path root = Files.createTempDirectory(dest, PREFIX + ExitCleanup.pid() + "-");
    ExitCleanup.Registration onExit = ExitCleanup.register(root);
    FileChannel lock = null;
    try {
      lock = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      lock.lock();
      return new StagingDirectory(dest, root, created, lock, onExit);
    } catch (IOException | RuntimeException e) {
      if (lock != null) {
        lock.close();
      }
      deleteTree(root);
      onExit.close();
      throw e;
    }
  }

  /** Where staged items go; everything in it except {@link #scratch()} is committed. */
  public Path root() {
    return root;
  }

  /** The directory the staged items will be merged into. */
  public Path destination() {
    return destination;
  }

  /** A directory for temporary files (downloads before unpacking) that is never committed. */
  public Path scratch() throws IOException {
    Path s = root.resolve(PREFIX + "scratch");
    if (!Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(s);
    }
    return s;
  }

  /**
   * The staging path for a new file named by the relative, {@code /}-separated {@code name}, with its
   * parent directories created. The name must be safe (see {@link EntryNames#segments}), its parents
   * must be real directories (not symbolic links staged earlier), and nothing may be staged there yet.
   *
   * @throws UnsafeArchiveException for an unsafe or reserved name
   * @throws FileAlreadyExistsException when that name was already staged
   */
  public Path newFile(String name) throws IOException {
    List<String> segs = EntryNames.segments(name);
    if (segs.isEmpty()) {
      throw new UnsafeArchiveException(name, "names the destination itself");
    }
    if (segs.get(0).startsWith(PREFIX)) {
      throw new UnsafeArchiveException(name, "uses berth's reserved prefix " + PREFIX);
    }
    Path p = root;
    for (int i = 0; i < segs.size() - 1; i++) {
      p = p.resolve(segs.get(i));
      BasicFileAttributes a = attributes(p);
      if (a == null) {
        Files.createDirectory(p);
      } else if (!a.isDirectory()) {
        throw new UnsafeArchiveException(name, "\"" + String.join("/", segs.subList(0, i + 1))
            + "\" is not a directory");
      }
    }
    Path file = p.resolve(segs.get(segs.size() - 1));
    if (attributes(file) != null) {
      throw new FileAlreadyExistsException(name, null, "named twice in one artifact");
    }
    return file;
  }

  /**
   * Merges the staged tree into the destination and returns the destination paths of the staged
   * top-level items. A staged directory whose counterpart is a real directory is merged entry by entry;
   * anything else moves with one atomic rename. Every conflict is found before anything moves: without
   * {@code overwrite} a conflict is an error and nothing moves; with it, each existing file or link is
   * moved aside and put back if a later move fails. An existing directory is never replaced by a file.
   *
   * @throws FileAlreadyExistsException on a conflict when {@code overwrite} is false
   */
  public List<Path> commit(boolean overwrite) throws IOException {
    if (committed) {
      throw new IllegalStateException("staging directory already committed");
    }
    List<String> top = topLevelNames();
    List<Path[]> moves = new ArrayList<>();
    plan(root, destination, top, overwrite, moves);
    Path aside = Files.createDirectory(root.resolve(PREFIX + "replaced"));
    List<Path[]> done = new ArrayList<>();
    List<Path[]> setAside = new ArrayList<>();
    try {
      for (Path[] m : moves) {
        if (attributes(m[1]) != null) {
          Path parked = aside.resolve(Integer.toString(setAside.size()));
          Files.move(m[1], parked, StandardCopyOption.ATOMIC_MOVE);
          setAside.add(new Path[] {m[1], parked});
        }
        Files.move(m[0], m[1], StandardCopyOption.ATOMIC_MOVE);
        done.add(m);
      }
    } catch (IOException | RuntimeException e) {
      rollBack(done, setAside, e);
      throw e;
    }
    committed = true;
    List<Path> out = new ArrayList<>(top.size());
    for (String n : top) {
      out.add(destination.resolve(n));
    }
    return out;
  }

  private void plan(Path staged, Path dest, List<String> names, boolean overwrite, List<Path[]> moves)
      throws IOException {
    for (String n : names) {
      Path from = staged.resolve(n);
      Path to = dest.resolve(n);
      BasicFileAttributes existing = attributes(to);
      BasicFileAttributes incoming = Objects.requireNonNull(attributes(from), "a staged name exists");
      if (existing == null) {
        moves.add(new Path[] {from, to});
      } else if (existing.isOther()) {
        throw specialFile(to, existing);
      } else if (existing.isDirectory() && incoming.isDirectory()) {
        plan(from, to, childNames(from), overwrite, moves);
      } else if (existing.isDirectory() || !overwrite) {
        throw conflict(to, existing);
      } else {
        moves.add(new Path[] {from, to});
      }
    }
  }

  /**
   * The directory {@code file} lands in, the file's absolute and normalised path being what a caller
   * stages; the root directory, which names no file, is refused by name.
   *
   * @throws IOException when {@code file} is the root directory
   */
  public static Path parentOf(Path file) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent == null || absolute.getFileName() == null) {
      throw new IOException(file + " is not a file name (it is the root directory)");
    }
    return parent;
  }

  /**
   * Throws what {@link #commit} would throw for a file staged as {@code name} below {@code destination},
   * so that a caller can refuse before it downloads anything: an existing file at the name, unless
   * {@code overwrite}; an existing directory at the name, always. Where the answer depends on more than
   * that (an empty name, a file or a link where a parent directory should be), it says nothing and
   * leaves the verdict to {@link #newFile} and {@link #commit}, which look at the path the same way.
   *
   * @throws FileAlreadyExistsException on a conflict commit would refuse
   */
  public static void checkFileCanLand(Path destination, String name, boolean overwrite) throws IOException {
    List<String> segs = EntryNames.segments(name);
    if (segs.isEmpty()) {
      return;
    }
    Path p = destination;
    for (int i = 0; i < segs.size() - 1; i++) {
      p = p.resolve(segs.get(i));
      BasicFileAttributes parent = attributes(p); // not following links, as plan() does not
      if (parent == null) {
        return; // nothing there yet: no conflict below it either
      }
      if (!parent.isDirectory()) {
        return;
      }
    }
    Path to = p.resolve(segs.get(segs.size() - 1));
    BasicFileAttributes existing = attributes(to);
    if (existing != null && existing.isOther()) {
      throw specialFile(to, existing);
    }
    if (existing != null && (existing.isDirectory() || !overwrite)) {
      throw conflict(to, existing);
    }
  }

  /**
   * A device, FIFO or socket where a pulled file would land is never replaced, overwrite or not: as root,
   * pulling to {@code /dev/null} would otherwise replace the system's /dev/null with a regular file.
   */
  private static FileSystemException specialFile(Path to, BasicFileAttributes existing) {
    return new FileSystemException(to.toString(), null, "is " + LocalFiles.kind(to, existing, LinkOption.NOFOLLOW_LINKS)
        + "; a pull never replaces a device, FIFO or socket");
  }

  private static FileAlreadyExistsException conflict(Path to, BasicFileAttributes existing) {
    return new FileAlreadyExistsException(to.toString(), null, existing.isDirectory() ? "exists as a directory"
        : "already exists; nothing was written because overwriting was not allowed");
  }

  private static void rollBack(List<Path[]> done, List<Path[]> setAside, Exception cause) {
    for (int i = done.size() - 1; i >= 0; i--) {
      try {
        Files.move(done.get(i)[1], done.get(i)[0], StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
    for (Path[] p : setAside) {
      try {
        Files.move(p[1], p[0], StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /** The names of the staged top-level items (not berth's own scratch files), sorted. */
  public List<String> topLevelNames() throws IOException {
    List<String> names = childNames(root);
    names.removeIf(n -> n.startsWith(PREFIX));
    return names;
  }

  private static List<String> childNames(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        names.add(p.getFileName().toString());
      }
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  private static @Nullable BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Deletes the staging directory and everything still in it (never following links). If the commit did
   * not happen and this staging created the destination, the destination is removed again when empty.
   */
  @Override
  public void close() throws IOException {
    lockChannel.close();
    deleteTree(root);
    onExit.close();
    if (!committed && createdDestination) {
      try (Stream<Path> s = Files.list(destination)) {
        if (s.findAny().isEmpty()) {
          Files.deleteIfExists(destination);
        }
      }
    }
  }

  /** Deletes a file tree bottom-up without following symbolic links. */
  static void deleteTree(Path top) throws IOException {
    if (attributes(top) == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(top)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
