package dev.berth.core.remote;

import dev.berth.core.Descriptor;
import java.io.InputStream;

/**
 * Pushes then pulls (verified) one generated blob of the given size to {@code HOST/large/blob} over plain
 * HTTP, printing timings and peak heap use. Run in its own JVM with a small heap ({@code -Xmx64m}) by
 * {@link LargeBlobIT} to show that nothing holds a blob in memory.
 *
 * <p>Usage: {@code LargeBlobTool HOST SIZE_BYTES [chunked]}
 */
public final class LargeBlobTool {
  private LargeBlobTool() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    long size = Long.parseLong(args[1]);
    boolean chunked = args.length > 2 && args[2].equals("chunked");
    long seed = 42;
    long t0 = System.nanoTime();
    Descriptor blob = GeneratedStream.describe(size, seed);
    long t1 = System.nanoTime();
    Repository repo = RegistryClient.builder().plainHttp(host).chunkedUploads(chunked).build()
        .repository(host + "/large/blob");
    try (InputStream in = new GeneratedStream(size, seed)) {
      repo.push(blob, in);
    }
    long t2 = System.nanoTime();
    long read = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = repo.fetch(blob)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        read += n;
      }
    }
    long t3 = System.nanoTime();
    if (read != size) {
      throw new IllegalStateException("read " + read + " of " + size);
    }
    Runtime rt = Runtime.getRuntime();
    System.out.printf("digest=%s hashMs=%d pushMs=%d pullMs=%d maxHeapMiB=%d usedHeapMiB=%d%n", blob.digest(),
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, rt.maxMemory() >> 20,
        (rt.totalMemory() - rt.freeMemory()) >> 20);
  }
}
