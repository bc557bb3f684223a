package dev.berth.auth;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/** A body that can be written once, like a blob streamed from its source. */
final class OneShotBody extends RequestBody {
  private final byte[] bytes;
  private boolean written;

  OneShotBody(String text) {
    this.bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public MediaType contentType() {
    return MediaType.get("application/octet-stream");
  }

  @Override
  public long contentLength() {
    return bytes.length;
  }

  @Override
  public boolean isOneShot() {
    return true;
  }

  @Override
  public synchronized void writeTo(BufferedSink sink) throws IOException {
    if (written) {
      throw new IllegalStateException("a one-shot body was written twice");
    }
    written = true;
    sink.write(bytes);
  }
}
