package dev.berth.auth;

import okhttp3.OkHttpClient;

/**
 * The {@link OkHttpClient} berth uses wherever the caller gives none (a registry client, a token
 * fetcher, a login check, GitHub's API): one connection pool and one dispatcher for the whole process,
 * as OkHttp recommends, instead of a new pool and its threads per object. Callers that need other
 * settings derive from it with {@link OkHttpClient#newBuilder()}, which keeps sharing both.
 */
public final class SharedHttpClient {
  private SharedHttpClient() {}

  private static final class Holder {
    static final OkHttpClient INSTANCE = new OkHttpClient();
  }

  /** The process-wide default client, created on first use. */
  public static OkHttpClient get() {
    return Holder.INSTANCE;
  }
}
