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
}
