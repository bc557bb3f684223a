package dev.berth.artifacts.image.internal;

import dev.berth.artifacts.image.LayerSource;
import dev.berth.artifacts.internal.NonClosingOutputStream;
import dev.berth.core.Digest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a {@link LayerSource} into a tar+gzip blob on disk in one pass: the tar bytes are hashed for the
 * diff_id on their way into gzip, and the gzip bytes are hashed for the blob digest on their way to the
 * file. The file is needed because a push must know the digest and size before it starts.
 */
public final class LayerBuilder {
  private LayerBuilder() {}

  private static final int BUFFER = 64 * 1024;
  private static final int TAR_BLOCK = 512;

  /** Builds the layer, writing any temporary file into {@code tempDir}. */
  public static BuiltLayer build(LayerSource source, Path tempDir) throws IOException {
    if (source.rawTar() == null) {
      return writeLayer(source, tempDir);
    }
    if (isGzip(source.rawTar())) {
      return digestGzipInPlace(source.rawTar());
    }
    return compressTar(source.rawTar(), tempDir);
  }

  /**
   * The writer hashes the tar it writes (the diff_id) before gzip; the file stream below hashes what
   * gzip emits (the blob digest). Unpacked tars are staged in a scratch directory deleted afterwards.
   */
  private static BuiltLayer writeLayer(LayerSource source, Path tempDir) throws IOException {
    Files.createDirectories(tempDir);
    Path scratch = Files.createTempDirectory(tempDir, "berth-unpack-");
    try {
      return toTempFile(tempDir, out -> LayerTarWriter.write(source, scratch, out));
    } finally {
      deleteTree(scratch);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static BuiltLayer compressTar(Path tarFile, Path tempDir) throws IOException {
    return toTempFile(tempDir, out -> {
      MessageDigest tar = sha256();
      try (InputStream in = new TarCheckingInputStream(Files.newInputStream(tarFile), tarFile);
           GZIPOutputStream gzip = new GZIPOutputStream(new NonClosingOutputStream(out), BUFFER);
           DigestOutputStream tarDigesting = new DigestOutputStream(gzip, tar)) {
        in.transferTo(tarDigesting);
      }
      return Digest.fromMessageDigest(Digest.SHA256, tar);
    });
  }

  /** Writes tar+gzip bytes into a gzip blob on disk and returns its diff_id. */
  @FunctionalInterface
  private interface LayerWriter {
    Digest writeTo(OutputStream gzipOut) throws IOException;
  }

  private static BuiltLayer toTempFile(Path tempDir, LayerWriter writer) throws IOException {
    Files.createDirectories(tempDir);
    Path file = Files.createTempFile(tempDir, "berth-layer-", ".tar.gz");
    try {
      MessageDigest blob = sha256();
      Digest diffId;
      try (OutputStream fileOut = new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
           DigestOutputStream blobDigesting = new DigestOutputStream(fileOut, blob)) {
        diffId = writer.writeTo(blobDigesting);
      }
      return new BuiltLayer(file, true, Digest.fromMessageDigest(Digest.SHA256, blob), Files.size(file), diffId);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** A tar+gzip file is the blob as it is; one read yields both digests. */
  private static BuiltLayer digestGzipInPlace(Path file) throws IOException {
    MessageDigest blob = sha256();
    MessageDigest tar = sha256();
    long size;
    try (CountingDigestInputStream raw = new CountingDigestInputStream(Files.newInputStream(file), blob);
         InputStream unpacked = new TarCheckingInputStream(
             new DigestInputStream(new GZIPInputStream(raw, BUFFER), tar), file)) {
      unpacked.transferTo(OutputStream.nullOutputStream());
      // Bytes after the last gzip member (padding some tools add) belong to the blob too.
      raw.transferTo(OutputStream.nullOutputStream());
      size = raw.count();
    }
    return new BuiltLayer(file, false, Digest.fromMessageDigest(Digest.SHA256, blob), size,
        Digest.fromMessageDigest(Digest.SHA256, tar));
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** Hashes and counts what passes, so size and digest describe exactly the bytes read. */
  private static final class CountingDigestInputStream extends DigestInputStream {
    private long count;

    CountingDigestInputStream(InputStream in, MessageDigest md) {
      super(new BufferedInputStream(in, BUFFER), md);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    long count() {
      return count;
    }
  }

  /** Refuses, on its first block, a stream that is not a tar: better than pushing a broken layer. */
  private static final class TarCheckingInputStream extends java.io.FilterInputStream {
    private final Path source;
    private final byte[] head = new byte[TAR_BLOCK];
    private int headFilled;
    private boolean checked;

    TarCheckingInputStream(InputStream in, Path source) {
      super(in);
      this.source = source;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (!checked) {
        if (n > 0) {
          int take = Math.min(n, TAR_BLOCK - headFilled);
          System.arraycopy(b, off, head, headFilled, take);
          headFilled += take;
        }
        if (headFilled == TAR_BLOCK || n < 0) {
          check();
        }
      }
      return n;
    }

    private void check() throws IOException {
      checked = true;
      if (headFilled < TAR_BLOCK) {
        throw new IOException(source + " is not a tar archive (shorter than one 512-byte block)");
      }
      boolean ustar = head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a' && head[261] == 'r';
      boolean allZero = Arrays.equals(head, new byte[TAR_BLOCK]);
      if (!ustar && !allZero && !hasValidChecksum()) {
        throw new IOException(source + " is not a tar archive (its first header is not a tar header)");
      }
    }

    /** Old v7 tars lack the ustar magic; a correct header checksum still identifies them. */
    private boolean hasValidChecksum() {
      long sum = 0;
      for (int i = 0; i < TAR_BLOCK; i++) {
        sum += (i >= 148 && i < 156) ? ' ' : (head[i] & 0xff);
      }
      String field = new String(head, 148, 8, java.nio.charset.StandardCharsets.US_ASCII).trim();
      int nul = field.indexOf('\0');
      if (nul >= 0) {
        field = field.substring(0, nul).trim();
      }
      try {
        return !field.isEmpty() && Long.parseLong(field, 8) == sum;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }
}
