package dev.berth.artifacts.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.content.ExitCleanup;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed pull leaves ({@code .berth-staging-*}, issue 13/20) is removed by the next pull into the
 * same directory, when it has no live owner: its process is gone and nobody holds its lock.
 */
class StaleLeftoversTest {
  @TempDir Path dir;

  /** The id of a process that has exited. */
  static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  private List<String> names() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theNextPullRemovesStagingDirectoriesOfProcessesThatAreGone() throws Exception {
    long dead = deadPid();
    Path killed = Files.createDirectories(dir.resolve(StagingDirectory.PREFIX + dead + "-123"));
    Files.writeString(killed.resolve("half.bin"), "half a download");
    Files.createFile(killed.resolve(StagingDirectory.PREFIX + "lock"));
    Path killedEarly = Files.createDirectories(dir.resolve(StagingDirectory.PREFIX + dead + "-456"));
    // Alive: our own process (another staging directory of this JVM), and an unknown naming scheme.
    Path ours = Files.createDirectories(dir.resolve(StagingDirectory.PREFIX + ExitCleanup.pid() + "-789"));
    Path legacy = Files.createDirectories(dir.resolve(StagingDirectory.PREFIX + "4242424242"));
    Files.writeString(dir.resolve("kept.txt"), "the user's file");

    try (StagingDirectory staging = StagingDirectory.create(dir)) {
      Files.writeString(staging.newFile("new.txt"), "pulled");
      staging.commit(false);
    }
    assertFalse(Files.exists(killed));
    assertFalse(Files.exists(killedEarly));
    assertTrue(Files.exists(ours));
    assertTrue(Files.exists(legacy));
    // Sorted like names(): where our own staging directory falls depends on this process's id.
    assertEquals(Stream.of(ours.getFileName().toString(), legacy.getFileName().toString(), "kept.txt", "new.txt")
        .sorted().toList(), names());
  }

  @Test
  void aStagingDirectoryWhoseLockIsHeldIsKeptEvenIfItsIdIsUnknownHere() throws Exception {
    // Another machine on a shared file system: its process id means nothing here, its lock does.
    // (The lock is held by this JVM here; fcntl locks of another process are refused the same way.)
    Path remote = Files.createDirectories(dir.resolve(StagingDirectory.PREFIX + deadPid() + "-1"));
    Path lockFile = remote.resolve(StagingDirectory.PREFIX + "lock");
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        var lock = ch.lock()) {
      try (StagingDirectory staging = StagingDirectory.create(dir)) {
        assertTrue(Files.exists(remote), "a staging directory with a held lock is live");
      }
    }
    try (StagingDirectory staging = StagingDirectory.create(dir)) {
      assertFalse(Files.exists(remote), "released, and its process gone: stale");
    }
  }
}
