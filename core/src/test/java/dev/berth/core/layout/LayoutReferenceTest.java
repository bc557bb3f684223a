package dev.berth.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Digest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The one parser of {@code oci:PATH[:TAG][@DIGEST]}, which the CLI and the Maven plugin share. */
class LayoutReferenceTest {
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  @Test
  void aPathATagAndADigestAreTakenApart() {
    LayoutReference r = LayoutReference.parse("out/layout:v1@" + DIGEST);

    assertEquals(Path.of("out/layout"), r.dir());
    assertEquals("v1", r.tag());
    assertEquals(Digest.parse(DIGEST), r.digest());
    assertEquals(DIGEST, r.reference(), "the digest pins when both are given");
    assertEquals("oci:out/layout:v1@" + DIGEST, r.toString());
  }

  @Test
  void aColonBeforeTheLastSlashBelongsToThePath() {
    LayoutReference r = LayoutReference.parse("a:b/c");

    assertEquals(Path.of("a:b/c"), r.dir());
    assertNull(r.tag());
    assertNull(r.reference());
    assertEquals("v2", LayoutReference.parse("a:b/c:v2").tag());
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException tag = assertThrows(IllegalArgumentException.class, () -> LayoutReference.parse("dir:-x"));
    assertTrue(tag.getMessage().endsWith(" in oci:dir:-x"), tag.getMessage());
    IllegalArgumentException dir = assertThrows(IllegalArgumentException.class, () -> LayoutReference.parse(":v1"));
    assertTrue(dir.getMessage().contains("needs a directory"), dir.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LayoutReference.parse("dir@sha256:short"));
  }
}
