package dev.berth.core.remote.internal;

import dev.berth.auth.AuthenticationException;
import dev.berth.core.OciException;
import dev.berth.core.remote.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries requests that failed transiently (I/O errors, 408, 429, 5xx except 501 and 505) per a {@link
 * RetryPolicy}. A request whose body is one-shot (a blob streamed from the caller) is never retried: its
 * bytes are gone, and the upload code resumes it from the registry's own record instead.
 */
public final class RetryInterceptor implements Interceptor {
  private final RetryPolicy policy;
  private final Clock clock;

  public RetryInterceptor(RetryPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.body() != null && request.body().isOneShot()) {
      return chain.proceed(request);
    }
    for (int attempt = 1; ; attempt++) {
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (attempt >= policy.maxAttempts() || !isTransient(e) || chain.call().isCanceled()) {
          throw e;
        }
        policy.sleeper().sleep(policy.backoff(attempt, ThreadLocalRandom.current().nextDouble()));
        continue;
      }
      if (attempt >= policy.maxAttempts() || !isRetryableStatus(response.code())) {
        return response;
      }
      Optional<Duration> asked = RetryAfter.parse(response.header("Retry-After"), clock);
      if (asked.isPresent() && asked.get().compareTo(policy.maxRetryAfter()) > 0) {
        // The server asks for a longer pause than we are willing to block for: report its answer.
        return response;
      }
      Duration wait = asked.isPresent() ? asked.get()
          : policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
      response.close();
      policy.sleeper().sleep(wait);
    }
  }

  /** 408 Request Timeout, 429 Too Many Requests, and server errors that may pass. */
  static boolean isRetryableStatus(int code) {
    return code == 408 || code == 429 || (code >= 500 && code <= 599 && code != 501 && code != 505);
  }

  /** Whether trying again could plausibly succeed: not an answer berth refused, not a bad name or certificate. */
  static boolean isTransient(IOException e) {
    if (e instanceof OciException || e instanceof AuthenticationException || e instanceof UnknownHostException || e instanceof SSLPeerUnverifiedException) {
      return false;
    }
    if (e instanceof SSLHandshakeException && e.getCause() instanceof CertificateException) {
      return false;
    }
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return false;
    }
    return !Thread.currentThread().isInterrupted();
  }
}
