package dev.berth.core.remote.internal;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * One PATCH of a chunked upload. Marked one-shot although its bytes are buffered: a blind retry of a
 * PATCH that partly arrived would be refused (416), so the upload code resumes from the registry's
 * {@code Range} instead of letting the retry interceptor resend it.
 */
final class ChunkBody extends RequestBody {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

  private final byte[] buf;
  private final int offset;
  private final int length;

  ChunkBody(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public MediaType contentType() {
    return OCTET_STREAM;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public boolean isOneShot() {
    return true;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    sink.write(buf, offset, length);
  }
}
