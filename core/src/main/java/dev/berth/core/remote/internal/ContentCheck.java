package dev.berth.core.remote.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.SizeMismatchException;
import dev.berth.core.content.VerifiedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Hashes a blob's bytes as an upload reads them, and says before the last bytes leave whether the
 * content is what the descriptor promised, so that a wrong stream never completes an upload.
 *
 * <p>A source that already verifies the same content (a {@link VerifiedInputStream}, as an OCI layout
 * or a registry hands out) is not hashed a second time: its own check fires on the read past the last
 * byte, which this class makes before the last chunk leaves. Copying from a layout to a registry then
 * hashes each byte once, not twice; on two cores that is several percent of a push.
 */
final class ContentCheck {
  private final Descriptor expected;
  private final @Nullable MessageDigest md;
  private long count;
  private boolean verified;

  ContentCheck(Descriptor expected, InputStream source) {
    this.expected = expected;
    boolean sourceVerifies = source instanceof VerifiedInputStream v && v.bytesRead() == 0
        && v.expected().digest().equals(expected.digest()) && v.expected().size() == expected.size();
    this.md = expected.digest().isVerifiable() && !sourceVerifies ? expected.digest().newMessageDigest() : null;
  }

  /**
   * Reads the next {@code min(len, remaining)} bytes into {@code buf}, fewer only at end of content,
   * hashing them; when they are the last, verifies size and digest first.
   *
   * @return bytes read, 0 when the content is complete
   * @throws SizeMismatchException when the stream is shorter or longer than the descriptor's size
   * @throws DigestMismatchException when the bytes hash to another digest
   */
  int readChunk(InputStream in, byte[] buf, int len) throws IOException {
    int want = (int) Math.min(len, expected.size() - count);
    int filled = 0;
    while (filled < want) {
      int n = in.read(buf, filled, want - filled);
      if (n < 0) {
        throw new SizeMismatchException(expected, count + filled);
      }
      filled += n;
    }
    if (md != null) {
      md.update(buf, 0, filled);
    }
    count += filled;
    if (count == expected.size()) {
      verifyEnd(in);
    }
    return filled;
  }

  /** Bytes read so far. */
  long count() {
    return count;
  }

  private void verifyEnd(InputStream in) throws IOException {
    if (verified) {
      return;
    }
    if (in.read() >= 0) {
      throw new SizeMismatchException(expected, -1);
    }
    if (md != null) {
      Digest actual = Digest.fromMessageDigest(expected.digest().algorithm(), md);
      if (!actual.equals(expected.digest())) {
        throw new DigestMismatchException(expected, actual);
      }
    }
    verified = true;
  }

  /** For empty content, which has no last chunk: verifies now. */
  void verifyEmpty(InputStream in) throws IOException {
    if (expected.size() == 0) {
      verifyEnd(in);
    }
  }
}
