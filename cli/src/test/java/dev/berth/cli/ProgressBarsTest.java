package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarsTest {
  private static final Descriptor BLOB = Descriptor.of("application/octet-stream", new byte[0])
      .withMediaType("application/octet-stream");
  private static final long SECOND = 1_000_000_000L;

  @Test
  void plainModePrintsOneFinalLinePerBlobWithoutEscapes() {
    StringWriter sw = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressBars bars = new ProgressBars(new PrintWriter(sw), false, "push", now::get);
    Descriptor big = Descriptor.of("application/octet-stream", BLOB.digest(), 4 * 1024 * 1024);
    bars.onProgress(big, 1024 * 1024, big.size());
    now.set(2 * SECOND);
    bars.onProgress(big, big.size(), big.size());
    bars.onDone(big);
    String text = sw.toString();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.startsWith("pushed sha256:e3b0c44298fc  4.0 MiB in 2.00 s (2.0 MiB/s)"), text);
    assertFalse(text.contains("\u001b"), text);
  }

  @Test
  void finishedLinesAreInThePastTenseOfTheirVerb() {
    StringWriter sw = new StringWriter();
    assertEquals("copied", new ProgressBars(new PrintWriter(sw), false, "copy", System::nanoTime).pastTense());
    assertEquals("pushed", new ProgressBars(new PrintWriter(sw), false, "push", System::nanoTime).pastTense());
    assertEquals("pulled", new ProgressBars(new PrintWriter(sw), false, "pull", System::nanoTime).pastTense());
  }

  @Test
  void lastByteCountFinishesTheBlobOnceEvenIfDoneIsReportedToo() {
    StringWriter sw = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressBars bars = new ProgressBars(new PrintWriter(sw), false, "pull", now::get);
    Descriptor d = Descriptor.of("application/octet-stream", BLOB.digest(), 10);
    bars.onProgress(d, 4, 10);
    now.set(SECOND);
    bars.onProgress(d, 10, 10);
    bars.onDone(d);
    assertEquals(1, sw.toString().lines().count(), sw.toString());
    assertTrue(sw.toString().startsWith("pulled sha256:e3b0c44298fc  10 B in 1.00 s"), sw.toString());
  }

  @Test
  void liveLineShowsBytesRateAndTimeLeft() {
    AtomicLong now = new AtomicLong();
    ProgressBars bars = new ProgressBars(new PrintWriter(new StringWriter()), true, "pull", now::get);
    Descriptor d = Descriptor.of("application/octet-stream", BLOB.digest(), 10 * 1024 * 1024);
    ProgressBars.Transfer t = new ProgressBars.Transfer(d, 0);
    t.done = 2 * 1024 * 1024;
    t.total = d.size();
    String line = bars.liveLine(t, 2 * SECOND);
    assertTrue(line.startsWith("pull sha256:e3b0c44298fc [#####"), line);
    assertTrue(line.contains("2.0 MiB / 10.0 MiB"), line);
    assertTrue(line.contains("1.0 MiB/s"), line);
    assertTrue(line.endsWith("ETA 0:08"), line);
  }

  @Test
  void terminalModeRedrawsInPlaceAndLeavesTheFinalLine() {
    StringWriter sw = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressBars bars = new ProgressBars(new PrintWriter(sw), true, "push", now::get);
    Descriptor d = Descriptor.of("application/octet-stream", BLOB.digest(), 100);
    now.set(SECOND);
    bars.onProgress(d, 50, 100);
    now.set(2 * SECOND);
    bars.onDone(d);
    bars.finish();
    String text = sw.toString();
    assertTrue(text.contains("\u001b[1A\u001b[2K"), "live line erased before the final one");
    assertTrue(text.endsWith("pushed sha256:e3b0c44298fc  100 B in 1.00 s (100 B/s)\n"), text);
  }
}
