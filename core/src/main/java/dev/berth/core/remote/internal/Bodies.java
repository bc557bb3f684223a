package dev.berth.core.remote.internal;

import dev.berth.core.SizeLimitExceededException;
import java.io.IOException;
import java.util.Locale;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/** Reading the small bodies berth keeps in memory (manifests, tag lists), always with a cap. */
public final class Bodies {
  private Bodies() {}

  /**
   * The whole body of {@code response}, refusing more than {@code limit} bytes whether or not the
   * server declared its length.
   */
  public static byte[] readCapped(Response response, long limit, String what) throws IOException {
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > limit) {
      throw new SizeLimitExceededException(what, limit);
    }
    byte[] bytes = ErrorBodies.readAtMost(body.source(), limit + 1);
    if (bytes.length > limit) {
      throw new SizeLimitExceededException(what, limit);
    }
    return bytes;
  }

  /**
   * The media type of a response without parameters, or null when absent or too generic to name a
   * manifest kind ({@code application/json}, {@code text/plain}, {@code application/octet-stream}).
   */
  public static @Nullable String manifestMediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String mt = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    if (mt.isEmpty() || mt.equals("application/json") || mt.equals("text/plain")
        || mt.equals("application/octet-stream")) {
      return null;
    }
    return mt;
  }
}
