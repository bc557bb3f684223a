package dev.berth.core.remote.internal;

import dev.berth.core.DeadlineExceededException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Holds every request of a client to one absolute deadline. It is the outermost interceptor, so a call's
 * retries and redirects run inside it; resumes and whole-transfer retries are new calls, and each finds
 * the same deadline, so none of them starts a fresh wait. A request after the deadline fails before it
 * is sent; a call still running at the deadline (a server dripping its body a byte at a time, which no
 * read timeout catches) is cancelled, and its failure reported as {@link DeadlineExceededException}.
 */
public final class DeadlineInterceptor implements Interceptor {
  /** One daemon thread per JVM fires the cancellations; each is a cheap task. */
  private static final class Timer {
    static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "berth-deadline");
      t.setDaemon(true);
      return t;
    });
  }

  private final Instant deadline;
  private final Clock clock;

  public DeadlineInterceptor(Instant deadline, Clock clock) {
    this.deadline = deadline;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String what = request.method() + " " + Failures.withoutQuery(request.url());
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new DeadlineExceededException(what, deadline);
    }
    Call call = chain.call();
    ScheduledFuture<?> cancel = Timer.INSTANCE.schedule(call::cancel, left.toMillis() + 1, TimeUnit.MILLISECONDS);
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      cancel.cancel(false);
      throw translate(e, what);
    } catch (RuntimeException e) {
      cancel.cancel(false);
      throw e;
    }
    ResponseBody body = response.body();
    BufferedSource guarded = Okio.buffer(new ForwardingSource(body.source()) {
      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        try {
          return super.read(sink, byteCount);
        } catch (IOException e) {
          throw translate(e, what);
        }
      }

      @Override
      public void close() throws IOException {
        cancel.cancel(false);
        super.close();
      }
    });
    return response.newBuilder().body(ResponseBody.create(guarded, body.contentType(), body.contentLength())).build();
  }

  /** The failure as the caller should see it: the deadline, when it has passed. */
  private IOException translate(IOException e, String what) {
    if (e instanceof DeadlineExceededException || clock.instant().isBefore(deadline)) {
      return e;
    }
    return new DeadlineExceededException(what, deadline, e);
  }
}
