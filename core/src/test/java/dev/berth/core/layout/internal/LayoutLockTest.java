package dev.berth.core.layout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.layout.OciLayout;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-lived process (a build daemon, a server exporting layouts) opens many layouts; the in-process
 * lock of each must not be kept once no writer uses it.
 */
class LayoutLockTest {
  @TempDir Path dir;

  @Test
  void locksOfLayoutsNoLongerWrittenAreDropped() throws Exception {
    int before = LayoutLock.held();
    byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_EMPTY, bytes);
    EncodedManifest manifest = EncodedManifest.of(Manifest.artifact("application/vnd.example", List.of()));
    for (int i = 0; i < 50; i++) {
      OciLayout layout = OciLayout.open(dir.resolve("layout" + i));
      layout.push(blob, new ByteArrayInputStream(bytes));
      layout.push(manifest.descriptor(), new ByteArrayInputStream(manifest.bytes()));
      layout.tag(manifest.descriptor(), "t"); // index.json is written under the lock
    }
    assertEquals(before, LayoutLock.held());
  }
}
