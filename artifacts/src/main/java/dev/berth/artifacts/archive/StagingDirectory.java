package dev.berth.artifacts.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A hidden temporary directory inside a destination directory, where a pull writes everything first, so
 * that a failure leaves the destination as it was. {@link #commit(boolean)} moves each top-level item
 * into the destination with an atomic rename (same file system, since the staging directory lives
 * inside the destination); {@link #close()} deletes whatever is left.
 *
 * <pre>{@code
 * try (StagingDirectory staging = StagingDirectory.create(outDir)) {
 *   Files.write(staging.root().resolve("a.txt"), bytes);
 *   staging.commit(false);   // throws FileAlreadyExistsException if outDir/a.txt exists
 * }
 * }</pre>
 */
public final class StagingDirectory implements AutoCloseable {
  /** Prefix of staging directories; a leftover from a killed process is recognisable by it. */
  public static final String PREFIX = ".berth-staging-";

  private final Path destination;
  private final Path root;
  private final boolean createdDestination;
  private boolean committed;

  private StagingDirectory(Path destination, Path root, boolean createdDestination) {
    this.destination = destination;
    this.root = root;
    this.createdDestination = createdDestination;
  }

  /** Creates a staging directory inside {@code destination}, creating the destination if needed. */
  public static StagingDirectory create(Path destination) throws IOException {
    Path dest = destination.toAbsolutePath().normalize();
    boolean created = false;
    if (!Files.isDirectory(dest)) {
      Files.createDirectories(dest);
      created = true;
    }
    Path root = Files.createTempDirectory(dest, PREFIX);
    return new StagingDirectory(dest, root, created);
  }

  /** Where to write: the staging directory itself. */
  public Path root() {
    return root;
  }

  /** The directory the staged items will be moved into. */
  public Path destination() {
    return destination;
  }

  /** The names of the staged top-level items, sorted. */
  public List<String> topLevelNames() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path p : ds) {
        names.add(p.getFileName().toString());
      }
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /**
   * Moves every staged top-level item into the destination. Conflicts are checked for all items before
   * anything moves. With {@code overwrite}, existing items are first moved aside into the staging
   * directory and put back if a later move fails; without it, an existing item is an error and nothing
   * moves.
   *
   * @return the destination paths of the moved items
   * @throws FileAlreadyExistsException when an item exists and {@code overwrite} is false
   */
  public List<Path> commit(boolean overwrite) throws IOException {
    if (committed) {
      throw new IllegalStateException("staging directory already committed");
    }
    List<String> names = topLevelNames();
    if (!overwrite) {
      for (String n : names) {
        if (Files.exists(destination.resolve(n), LinkOption.NOFOLLOW_LINKS)) {
          throw new FileAlreadyExistsException(destination.resolve(n).toString(), null,
              "already exists; pass overwrite to replace it");
        }
      }
    }
    Path aside = Files.createDirectory(root.resolve(PREFIX + "replaced"));
    List<String> movedAside = new ArrayList<>();
    List<String> movedIn = new ArrayList<>();
    try {
      for (String n : names) {
        Path target = destination.resolve(n);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.move(target, aside.resolve(n), StandardCopyOption.ATOMIC_MOVE);
          movedAside.add(n);
        }
        Files.move(root.resolve(n), target, StandardCopyOption.ATOMIC_MOVE);
        movedIn.add(n);
      }
    } catch (IOException | RuntimeException e) {
      rollBack(movedIn, movedAside, aside, e);
      throw e;
    }
    committed = true;
    List<Path> out = new ArrayList<>(names.size());
    for (String n : names) {
      out.add(destination.resolve(n));
    }
    return out;
  }

  private void rollBack(List<String> movedIn, List<String> movedAside, Path aside, Exception cause) {
    for (String n : movedIn) {
      try {
        Files.move(destination.resolve(n), root.resolve(n), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
    for (String n : movedAside) {
      try {
        Files.move(aside.resolve(n), destination.resolve(n), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /**
   * Deletes the staging directory and everything still in it (never following links). If the commit did
   * not happen and this staging created the destination, the destination is removed again when empty.
   */
  @Override
  public void close() throws IOException {
    deleteTree(root);
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
    if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
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
