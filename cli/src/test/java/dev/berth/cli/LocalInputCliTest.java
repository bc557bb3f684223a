package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the shell hands berth (issue 20): only regular files are opened (a FIFO never blocks, a device
 * is never read without end), what is read into memory is read with its cap, and each refusal names
 * the path and what it is.
 */
class LocalInputCliTest {
  private static final Duration NO_HANG = Duration.ofSeconds(30);

  @TempDir Path dir;

  private String layout() {
    return "oci:" + dir.resolve("layout") + ":v1";
  }

  private Path fifo() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, p.waitFor());
    return fifo;
  }

  /**
   * A private null device (1,3) in the test's directory, made with mknod (root only; skipped elsewhere):
   * never the system's /dev/null, which a failing test must not be able to replace.
   */
  private Path nullDevice() throws Exception {
    Path dev = Files.createDirectories(dir.resolve("dev")).resolve("null");
    Process p = new ProcessBuilder("mknod", "-m", "666", dev.toString(), "c", "1", "3").inheritIO().start();
    org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mknod needs root");
    return dev;
  }

  private static String kind(Path p) throws IOException {
    return dev.berth.core.content.LocalFiles.kind(p,
        Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class));
  }

  private Path sparse(String name, long size) throws IOException {
    Path file = dir.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
    return file;
  }

  private static void refused(CliRun r, String path, String kind) {
    assertEquals(ExitCodes.FAILURE, r.exit(), r.err());
    assertTrue(r.err().contains(path) && r.err().contains(kind), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void aFifoIsRefusedByEveryCommandThatReadsAFileWithoutBlocking() throws Exception {
    Path fifo = fifo();
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    String f = fifo.toString();
    assertTimeoutPreemptively(NO_HANG, () -> {
      refused(CliRun.run("push", layout(), f), f, "FIFO");
      refused(CliRun.run("push", layout(), f + ":text/plain"), f, "FIFO");
      refused(CliRun.run("push", "--config", f, layout(), plain.toString()), f, "FIFO");
      refused(CliRun.run("wasm", "push", layout(), f), f, "FIFO");
      refused(CliRun.run("manifest", "put", layout(), f), f, "FIFO");
      refused(CliRun.run("blob", "put", "oci:" + dir.resolve("layout"), f), f, "FIFO");
      refused(CliRun.run("tags", "--ca-file", f, "localhost:1/repo"), f, "FIFO");
    });
    assertFalse(Files.exists(dir.resolve("layout")), "a refused push leaves no layout behind");
  }

  @Test
  void aDeviceIsRefusedAsACharacterDevice() {
    assertTimeoutPreemptively(NO_HANG, () -> {
      refused(CliRun.run("push", layout(), "/dev/zero"), "/dev/zero", "character device");
      Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
      refused(CliRun.run("push", "--config", "/dev/zero", layout(), plain.toString()), "/dev/zero",
          "character device");
      refused(CliRun.run("manifest", "put", layout(), "/dev/zero"), "/dev/zero", "character device");
    });
  }

  @Test
  void manifestsAndConfigsAreReadWithTheirCaps() throws Exception {
    Path huge = sparse("huge.json", 1L << 30);
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    CliRun manifest = CliRun.run("manifest", "put", layout(), huge.toString());
    assertEquals(ExitCodes.FAILURE, manifest.exit(), manifest.err());
    assertTrue(manifest.err().contains(huge.toString()) && manifest.err().contains("limit of 4194304 bytes"),
        manifest.err());
    CliRun config = CliRun.run("push", "--config", huge.toString(), layout(), plain.toString());
    assertEquals(ExitCodes.FAILURE, config.exit(), config.err());
    assertTrue(config.err().contains(huge.toString()) && config.err().contains("limit of"), config.err());
  }

  @Test
  void pushingTheRootDirectoryNamesTheProblem() {
    CliRun r = CliRun.run("push", layout(), "/");
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().contains("\"/\"") && r.err().contains("no file name"), r.err());
    assertFalse(r.err().contains("Path.toString"), r.err());
  }

  @Test
  void passwordStdinReadsOneBoundedLine() {
    // 8 MiB without a line break: refused after the cap, not read to the end of the stream.
    InputStream endless = new InputStream() {
      long served;

      @Override
      public int read() {
        served++;
        return 'a';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 'a');
        served += len;
        return len;
      }
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    Console console = new Console(out, new PrintWriter(err, true), false);
    int exit = assertTimeoutPreemptively(NO_HANG, () -> Berth.run(console, endless, "login", "localhost:1",
        "-u", "me", "--password-stdin", "--registry-config", dir.resolve("config.json").toString()));
    assertEquals(ExitCodes.USAGE, exit, err.toString());
    assertTrue(err.toString().contains("standard input") && err.toString().contains("line"), err.toString());
    assertFalse(Files.exists(dir.resolve("config.json")));
  }

  @Test
  void aPasswordLineWithinTheBoundIsRead() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    Console console = new Console(out, new PrintWriter(err, true), false);
    byte[] line = ("s3cret\nignored second line\n").getBytes(StandardCharsets.UTF_8);
    // localhost:1 refuses the connection: the password was read, and the failure is the network's.
    int exit = Berth.run(console, new java.io.ByteArrayInputStream(line), "login", "localhost:1",
        "-u", "me", "--password-stdin", "--registry-config", dir.resolve("config.json").toString());
    assertEquals(ExitCodes.NETWORK, exit, err.toString());
  }

  private static CliRun runWithStdout(java.io.OutputStream stdout, String... args) {
    StringWriter err = new StringWriter();
    Console console = new Console(stdout, new PrintWriter(err, true), false);
    int exit = Berth.run(console, new java.io.ByteArrayInputStream(new byte[0]), args);
    return new CliRun(exit, "", err.toString());
  }

  private String pushedBlob() throws IOException {
    Path file = Files.writeString(dir.resolve("hello.txt"), "hello, output\n");
    CliRun push = CliRun.run("push", layout(), file.toString());
    assertEquals(ExitCodes.OK, push.exit(), push.err());
    return CliRun.run("blob", "put", "oci:" + dir.resolve("layout"), file.toString()).out().trim();
  }

  @Test
  void aLostWriteToStandardOutputFailsTheCommand() throws Exception {
    String blob = pushedBlob();
    String oci = "oci:" + dir.resolve("layout");
    Path file = Files.writeString(dir.resolve("other.txt"), "other");
    String[][] commands = {
        {"tags", oci}, {"resolve", layout()}, {"manifest", "get", layout()}, {"blob", "get", oci + "@" + blob},
        {"push", oci + ":v2", file.toString()}};
    for (String[] command : commands) {
      try (java.io.PrintStream full = new java.io.PrintStream(new java.io.FileOutputStream("/dev/full"))) {
        CliRun r = runWithStdout(full, command);
        assertEquals(ExitCodes.FAILURE, r.exit(), String.join(" ", command) + ": " + r.err());
        assertTrue(r.err().contains("standard output"), r.err());
      }
    }
  }

  @Test
  void outputToACharacterDeviceOrFifoWritesIntoItAndNeverReplacesIt() throws Exception {
    String blob = pushedBlob();
    String ref = "oci:" + dir.resolve("layout") + "@" + blob;
    Path devNull = nullDevice();
    CliRun toNull = CliRun.run("blob", "get", "-o", devNull.toString(), ref);
    assertEquals(ExitCodes.OK, toNull.exit(), toNull.err());
    assertEquals("a character device", kind(devNull));

    Path fifo = fifo();
    java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try (InputStream in = Files.newInputStream(fifo)) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    CliRun toFifo = assertTimeoutPreemptively(NO_HANG, () -> CliRun.run("blob", "get", "-o", fifo.toString(), ref));
    assertEquals(ExitCodes.OK, toFifo.exit(), toFifo.err());
    assertEquals("hello, output\n", new String(read.get(), StandardCharsets.UTF_8));
    assertFalse(Files.isRegularFile(fifo), "the FIFO is still a FIFO");
  }

  @Test
  void aWasmPullNeverReplacesADevice() throws Exception {
    Path module = Files.write(dir.resolve("m.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    CliRun push = CliRun.run("wasm", "push", layout(), module.toString());
    assertEquals(ExitCodes.OK, push.exit(), push.err());
    Path devNull = nullDevice();
    CliRun pull = CliRun.run("wasm", "pull", "--overwrite", "-o", devNull.toString(), layout());
    assertEquals(ExitCodes.FAILURE, pull.exit(), pull.err());
    assertTrue(pull.err().contains(devNull.toString()) && pull.err().contains("character device"), pull.err());
    assertEquals("a character device", kind(devNull));
    try (java.util.stream.Stream<Path> left = Files.list(devNull.getParent())) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".berth-staging-")));
    }
  }
}
