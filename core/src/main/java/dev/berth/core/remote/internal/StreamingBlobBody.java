package dev.berth.core.remote.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.remote.TransferEvent;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A monolithic upload's body: the caller's stream, read once, hashed on the way, with a fixed {@code
 * Content-Length}. It is one-shot (nothing buffers the blob, so nothing can replay it). The digest is
 * checked before the final piece is written, so a stream that is not the promised content fails the
 * request without the registry ever receiving a complete body.
 */
final class StreamingBlobBody extends RequestBody {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  /** Large enough to keep syscalls and hashing calls cheap, small enough to be irrelevant to the heap. */
  private static final int BUFFER = 64 * 1024;

  private final Descriptor expected;
  private final InputStream content;
  private final Progress progress;
  private boolean written;

  StreamingBlobBody(Descriptor expected, InputStream content, Progress progress) {
    this.expected = expected;
    this.content = content;
    this.progress = progress;
  }

  @Override
  public MediaType contentType() {
    return OCTET_STREAM;
  }

  @Override
  public long contentLength() {
    return expected.size();
  }

  @Override
  public boolean isOneShot() {
    return true;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    if (written) {
      throw new IllegalStateException("blob body for " + expected.digest() + " was already sent");
    }
    written = true;
    ContentCheck check = new ContentCheck(expected, content);
    check.verifyEmpty(content);
    byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(1, expected.size()))];
    while (check.count() < expected.size()) {
      int n = check.readChunk(content, buf, buf.length);
      sink.write(buf, 0, n);
      progress.bytes(TransferEvent.Direction.UPLOAD, expected, check.count());
    }
  }
}
