package dev.berth.cli;

import dev.berth.core.remote.Redaction;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@code --verbose} log: one block per HTTP exchange with method, URL, status, time and headers,
 * secrets redacted and server text escaped by core's {@link Redaction} (the allow-list embedders get
 * too). Installed as a network interceptor, so it shows what really
 * went over the wire, including the Authorization header the auth interceptor added (as its scheme
 * only) and each redirect hop. Bodies are never printed: token responses and login POSTs hold secrets.
 */
public final class HttpLog implements Interceptor {
  private final Consumer<String> sink;

  /** Logs each line to {@code sink}, which must be safe to call from several threads. */
  public HttpLog(Consumer<String> sink) {
    this.sink = sink;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    StringBuilder sb = new StringBuilder();
    sb.append("--> ").append(request.method()).append(' ').append(Redaction.url(request.url()));
    appendHeaders(sb, request.headers(), request.url());
    if (request.body() != null && request.body().contentLength() >= 0) {
      sb.append("\n    (body ").append(request.body().contentLength()).append(" bytes)");
    }
    sink.accept(sb.toString());

    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      sink.accept("<-- FAILED " + request.method() + ' ' + Redaction.url(request.url()) + ": "
          + Redaction.printable(e.toString()));
      throw e;
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    StringBuilder rb = new StringBuilder();
    rb.append("<-- ").append(response.code());
    if (!response.message().isEmpty()) {
      rb.append(' ').append(Redaction.printable(response.message()));
    }
    rb.append(' ').append(request.method()).append(' ').append(Redaction.url(request.url()))
        .append(" (").append(ms).append(" ms)");
    appendHeaders(rb, response.headers(), request.url());
    sink.accept(rb.toString());
    return response;
  }

  private static void appendHeaders(StringBuilder sb, Headers headers, HttpUrl base) {
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      sb.append("\n    ").append(Redaction.printable(name)).append(": ")
          .append(Redaction.header(name, headers.value(i), base));
    }
  }
}
