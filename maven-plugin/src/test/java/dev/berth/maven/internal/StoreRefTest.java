package dev.berth.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreRefTest {
  private static final Path BASE = Path.of("/work/project");

  @Test
  void aHelmStyleOciUrlIsARegistryNotALayoutAtTheRoot() {
    // "oci://host/ns" starts with "oci:" too: read as a layout it would write to /host/ns on disk.
    StoreRef ref = StoreRef.parse("oci://127.0.0.1:5000/charts", BASE, "repository");
    assertEquals("127.0.0.1:5000", ref.host());
    assertNull(ref.layoutDir());
    assertEquals("charts", ref.remote().repository());
  }

  @Test
  void aLayoutPathIsRelativeToTheProjectAndMayCarryATag() {
    StoreRef ref = StoreRef.parse("oci:target/layout:1.0", BASE, "target");
    assertEquals(BASE.resolve("target/layout"), ref.layoutDir());
    assertEquals("1.0", ref.tag());
    assertNull(ref.host());
  }

  @Test
  void aRegistryReferenceKeepsItsTagAndDigest() {
    StoreRef ref = StoreRef.parse("ghcr.io/owner/app:1.0", BASE, "target");
    assertEquals("ghcr.io", ref.host());
    assertEquals("1.0", ref.reference());
    StoreRef pinned = StoreRef.parse("ghcr.io/owner/app@sha256:" + "a".repeat(64), BASE, "from");
    assertEquals("sha256:" + "a".repeat(64), pinned.reference());
  }

  @Test
  void aBadValueNamesTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StoreRef.parse("ghcr.io/Owner/App:1.0", BASE, "target"));
    assertTrue(e.getMessage().startsWith("<target> ghcr.io/Owner/App:1.0: "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> StoreRef.parse(" ", BASE, "target"));
    assertThrows(IllegalArgumentException.class, () -> StoreRef.parse("oci::1.0", BASE, "target"));
    assertThrows(IllegalArgumentException.class, () -> StoreRef.parse("oci:dir:bad tag", BASE, "target"));
  }
}
