package dev.berth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.berth.core.layout.OciLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetTest {
  @TempDir Path cache;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final DataShape shape = new DataShape(100_000, 2, 5_000, 3, 1024, 42);

  @Test
  void everyBlobFileHoldsTheBytesItsDigestNames() throws Exception {
    DataSet data = DataSet.prepare(cache, shape, new PrintStream(log));

    assertEquals(100_000, Files.size(data.file(data.blob())));
    assertEquals(data.blob().digest(), sha256(data.file(data.blob())));
    for (BlobRef layer : data.artifact().layers()) {
      assertEquals(layer.digest(), sha256(data.file(layer)));
    }
    assertEquals(3, data.small().size());
    assertEquals(data.small().get(2).manifest().digest(), sha256(data.file(data.small().get(2).manifest())));
  }

  @Test
  void artifactsAreTaggedInTheLayout() throws Exception {
    DataSet data = DataSet.prepare(cache, shape, new PrintStream(log));
    OciLayout layout = OciLayout.open(data.layout());

    assertEquals(data.artifact().manifest().digest(), layout.resolve("layers").digest().toString());
    assertEquals(data.small().get(0).manifest().digest(), layout.resolve("small-0000").digest().toString());
  }

  @Test
  void theSameShapeIsGeneratedOnceAndThenReused() throws Exception {
    DataSet first = DataSet.prepare(cache, shape, new PrintStream(log));
    String firstLog = log.toString();
    DataSet second = DataSet.prepare(cache, shape, new PrintStream(log));

    assertEquals(first, second);
    assertEquals(firstLog, log.toString(), "nothing generated the second time");
  }

  @Test
  void anotherSeedGivesOtherBytes() throws Exception {
    DataSet a = DataSet.prepare(cache, shape, new PrintStream(log));
    DataSet b = DataSet.prepare(cache, new DataShape(100_000, 2, 5_000, 3, 1024, 43), new PrintStream(log));

    assertNotEquals(a.blob().digest(), b.blob().digest());
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest md = Drain.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      md.update(in.readAllBytes());
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }
}
