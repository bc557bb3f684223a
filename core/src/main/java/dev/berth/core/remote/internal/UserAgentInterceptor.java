package dev.berth.core.remote.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Names berth (or the embedding tool) in {@code User-Agent}; registries use it in their logs and limits. */
public final class UserAgentInterceptor implements Interceptor {
  private final String userAgent;

  public UserAgentInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (chain.request().header("User-Agent") != null) {
      return chain.proceed(chain.request());
    }
    return chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build());
  }
}
