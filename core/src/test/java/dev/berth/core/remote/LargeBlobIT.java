package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.RegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 2 GiB blob pushed and pulled (verified) by a JVM limited to a 64 MiB heap, against a real registry:
 * constant memory whatever the blob size. Size can be changed with {@code -Dberth.largeBlob.bytes}.
 */
class LargeBlobIT {
  private static final long SIZE = Long.getLong("berth.largeBlob.bytes", 2L << 30);

  @Test
  void aTwoGibBlobPushesAndPullsWithSixtyFourMibOfHeap() throws Exception {
    try (RegistryServer server = RegistryServer.builder().start()) {
      String output = runTool(server.host(), "monolithic");
      assertTrue(output.contains("digest=sha256:"), output);
    }
  }

  private static String runTool(String host, String mode) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), LargeBlobTool.class.getName(), host, Long.toString(SIZE), mode)
        .redirectErrorStream(true).start();
    boolean finished = p.waitFor(5, TimeUnit.MINUTES);
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      p.destroyForcibly();
    }
    assertTrue(finished, "timed out: " + output);
    System.out.println("LargeBlobIT " + mode + ": " + output.trim());
    assertEquals(0, p.exitValue(), output);
    return output;
  }
}
