package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth demo} as a user runs it: the jar, in a fresh directory; then against a registry. */
class DemoIT {
  @TempDir
  Path tmp;

  @Test
  void demoRunsOfflineInAFreshDirectoryAndAgain() throws Exception {
    BerthJar berth = new BerthJar(tmp);
    // No network: an unroutable proxy would break any attempt to reach out.
    berth.env("JAVA_TOOL_OPTIONS", "-Dhttps.proxyHost=192.0.2.1 -Dhttp.proxyHost=192.0.2.1");

    BerthJar.Result first = berth.run("demo");
    assertEquals(0, first.exit(), first.toString());
    List<String> table = first.out().lines().toList();
    assertTrue(table.get(0).startsWith("KIND"), first.toString());
    assertTrue(Files.isDirectory(berth.workDir().resolve("berth-demo/layouts")), first.toString());
    assertTrue(first.err().contains("digests verified"), first.toString());

    BerthJar.Result second = berth.run("demo");
    assertEquals(0, second.exit(), second.toString());
    assertEquals(digests(first), digests(second), "same content, same digests");

    BerthJar.Result tags = berth.run("tags", "oci:berth-demo/layouts/demo-files");
    assertEquals("1.0.0", tags.line(), tags.toString());
  }

  @Test
  void demoPublishesToARegistryNamespace() throws Exception {
    try (RegistryServer registry = RegistryServer.start()) {
      BerthJar berth = new BerthJar(tmp);
      BerthJar.Result r = berth.run("demo", "--to", registry.host() + "/demo", "--plain-http", "--dir", "work");
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains(registry.host() + "/demo/demo-files:1.0.0"), r.toString());
      BerthJar.Result tags = berth.run("--plain-http", "tags", registry.host() + "/demo/demo-files");
      assertEquals("1.0.0", tags.line(), tags.toString());
    }
  }

  private static List<String> digests(BerthJar.Result r) {
    return r.out().lines().skip(1).map(l -> l.split("\\s+")[2]).toList();
  }
}
