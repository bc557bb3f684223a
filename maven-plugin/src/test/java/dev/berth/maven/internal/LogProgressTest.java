package dev.berth.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.core.Descriptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogProgressTest {
  @Test
  void oneLinePerDescriptorEvenWhenReportedTwice() {
    List<String> lines = new ArrayList<>();
    LogProgress progress = new LogProgress("pushed", lines::add);
    Descriptor d = Descriptor.of("application/vnd.oci.image.manifest.v1+json", "{}".getBytes(StandardCharsets.UTF_8));
    progress.onProgress(d, 1, 2);
    progress.onDone(d);
    progress.onDone(d); // pushed, then tagged
    assertEquals(List.of("pushed " + d.digest().toString().substring(0, 19) + " 2 B " + d.mediaType()), lines);
  }

  @Test
  void sizesUseDecimalUnits() {
    assertEquals("999 B", LogProgress.size(999));
    assertEquals("1.0 kB", LogProgress.size(1000));
    assertEquals("5.6 MB", LogProgress.size(5_600_000));
  }
}
