package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Digest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TargetArgTest {
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  @Test
  void ociPrefixWithTagIsALayout() {
    TargetArg.Layout layout = assertInstanceOf(TargetArg.Layout.class, TargetArg.parse("oci:./out/layout:v1.0"));
    assertEquals(Path.of("./out/layout"), layout.dir());
    assertEquals("v1.0", layout.tag());
    assertEquals("v1.0", layout.reference());
    assertEquals("oci:./out/layout", layout.repositoryText());
    assertNull(layout.host());
  }

  @Test
  void layoutWithoutTagHasNoReference() {
    TargetArg.Layout layout = assertInstanceOf(TargetArg.Layout.class, TargetArg.parse("oci:layout"));
    assertEquals(Path.of("layout"), layout.dir());
    assertNull(layout.reference());
  }

  @Test
  void layoutDigestWinsOverTag() {
    TargetArg t = TargetArg.parse("oci:dir:v1@" + DIGEST);
    assertEquals("v1", t.tag());
    assertEquals(Digest.parse(DIGEST), t.digest());
    assertEquals(DIGEST, t.reference());
    assertEquals("oci:dir:v1@" + DIGEST, t.toString());
  }

  @Test
  void colonInsideThePathIsNotATag() {
    TargetArg.Layout layout = assertInstanceOf(TargetArg.Layout.class, TargetArg.parse("oci:a:b/layout"));
    assertEquals(Path.of("a:b/layout"), layout.dir());
    assertNull(layout.tag());
  }

  @Test
  void badLayoutTagIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetArg.parse("oci:dir:-bad"));
    assertTrue(e.getMessage().contains("-bad"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TargetArg.parse("oci:"));
    assertThrows(IllegalArgumentException.class, () -> TargetArg.parse("oci::v1"));
  }

  @Test
  void hostReferenceIsRemote() {
    TargetArg.Remote remote = assertInstanceOf(TargetArg.Remote.class, TargetArg.parse("ghcr.io/owner/app:v1"));
    assertEquals("ghcr.io", remote.host());
    assertEquals("owner/app", remote.ref().repository());
    assertEquals("v1", remote.reference());
    assertEquals("ghcr.io/owner/app", remote.repositoryText());
  }

  @Test
  void helmStyleOciSchemeIsRemote() {
    TargetArg.Remote remote = assertInstanceOf(TargetArg.Remote.class, TargetArg.parse("oci://localhost:5000/charts"));
    assertEquals("localhost:5000", remote.host());
    assertEquals("charts", remote.ref().repository());
  }

  @Test
  void withTagReplacesTagAndDropsDigest() {
    assertEquals("localhost:5000/app:v2", TargetArg.parse("localhost:5000/app:v1@" + DIGEST).withTag("v2").toString());
    assertEquals("oci:dir:v2", TargetArg.parse("oci:dir@" + DIGEST).withTag("v2").toString());
  }

  @Test
  void emptyArgumentIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> TargetArg.parse(" "));
  }

  @Test
  void aLayoutTagIsCheckedByTheOneTagRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetArg.parse("oci:dir:-x"));
    assertTrue(e.getMessage().contains("tag \"-x\" must start with a letter, digit or '_'"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" in oci:dir:-x"), e.getMessage());
  }

  @Test
  void aRegistryHostWithoutARepositoryIsNamedNotReadAsADockerHubImage() {
    for (String text : new String[] {"localhost:5000", "127.0.0.1:5000", "ghcr.io", "oci://localhost:5000"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetArg.parse(text));
      assertTrue(e.getMessage().contains("names only a registry host"), e.getMessage());
    }
    assertEquals("docker.io/library/alpine:3.19", TargetArg.parse("alpine:3.19").toString());
  }
}
