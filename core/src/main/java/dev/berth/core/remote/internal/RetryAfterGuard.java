package dev.berth.core.remote.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that keeps OkHttp's own follow-up logic away from {@code Retry-After}. OkHttp
 * reads the header of a 503 or 408 itself: a number past {@code Integer.MAX_VALUE} makes it throw a
 * {@link NumberFormatException} out of the call, and {@code 0} makes it resend the request on its own,
 * a retry berth's policy neither counts nor bounds. Such values are rewritten before OkHttp sees them:
 * an overflowing number to the largest int (still far past any cap), a zero removed (berth's backoff
 * applies instead). Other answers pass untouched.
 */
public final class RetryAfterGuard implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    int code = response.code();
    String value = response.header("Retry-After");
    if ((code != 503 && code != 408) || value == null) {
      return response;
    }
    String v = value.trim();
    if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return response; // a date or garbage: OkHttp treats it as no number, and so no retry of its own
    }
    String stripped = v.replaceFirst("^0+", "");
    if (stripped.isEmpty()) {
      return response.newBuilder().removeHeader("Retry-After").build();
    }
    if (stripped.length() > 10 || Long.parseLong(stripped) > Integer.MAX_VALUE) {
      return response.newBuilder().header("Retry-After", Integer.toString(Integer.MAX_VALUE)).build();
    }
    return response;
  }
}
