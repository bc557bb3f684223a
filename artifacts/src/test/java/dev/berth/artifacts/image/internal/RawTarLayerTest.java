package dev.berth.artifacts.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.artifacts.image.LayerSource;
import dev.berth.core.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code image append --layer TAR} does with entries a careful reader would worry about (issue 20),
 * decided and held here: a tar given as a layer is the user's layer and is kept byte for byte (its
 * diff_id is the file's own digest): absolute names, {@code ..} names, devices and hard links to any
 * path pass through unchanged, because berth never unpacks it and a container runtime applies layers
 * with its own rules (absolute names relative to the root; {@code ..} and links out of the root
 * refused). berth does not normalise or filter a layer it did not build.
 */
class RawTarLayerTest {
  @TempDir Path dir;

  @Test
  void aTarLayerWithOddEntriesIsKeptByteForByte() throws IOException {
    Path tar = dir.resolve("layer.tar");
    try (OutputStream out = Files.newOutputStream(tar);
        TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String[] e : new String[][] {
          {"/etc/absolute", "0"}, {"../../escape", "0"}, {"dev/null", "3"}, {"hard", "1"}}) {
        byte type = e[1].equals("0") ? TarConstants.LF_NORMAL : e[1].equals("3") ? TarConstants.LF_CHR
            : TarConstants.LF_LINK;
        TarArchiveEntry entry = new TarArchiveEntry(e[0], type, true);
        if (type == TarConstants.LF_LINK) {
          entry.setLinkName("../../etc/passwd");
        }
        if (type == TarConstants.LF_CHR) {
          entry.setDevMajor(1);
          entry.setDevMinor(3);
        }
        entry.setSize(0);
        t.putArchiveEntry(entry);
        t.closeArchiveEntry();
      }
    }
    try (BuiltLayer layer = LayerBuilder.build(LayerSource.tar(tar), dir.resolve("tmp"))) {
      assertEquals(Digest.sha256(Files.readAllBytes(tar)), layer.diffId());
    }
  }
}
