package dev.berth.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/** A file as an OkHttp request body, copied in {@link Drain#BUFFER} pieces: the raw floor's upload. */
final class FileBody extends RequestBody {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private final Path file;
  private final long size;

  FileBody(Path file, long size) {
    this.file = file;
    this.size = size;
  }

  @Override
  public MediaType contentType() {
    return OCTET_STREAM;
  }

  @Override
  public long contentLength() {
    return size;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    byte[] buf = new byte[Drain.BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        sink.write(buf, 0, n);
      }
    }
  }
}
