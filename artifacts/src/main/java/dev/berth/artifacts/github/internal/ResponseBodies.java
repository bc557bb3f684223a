package dev.berth.artifacts.github.internal;

import java.io.IOException;
import okhttp3.Response;
import okio.BufferedSource;

/** Reading an API answer's body with a cap, so a hostile or broken host cannot make berth hold more. */
public final class ResponseBodies {
  private ResponseBodies() {}

  /** The body of {@code response}, refused with an {@link IOException} naming {@code what} when over {@code limit} bytes. */
  public static byte[] readBounded(Response response, long limit, String what) throws IOException {
    BufferedSource source = response.body().source();
    if (source.request(limit + 1)) {
      throw new IOException(what + ": response body larger than " + limit + " bytes");
    }
    return source.readByteArray();
  }
}
