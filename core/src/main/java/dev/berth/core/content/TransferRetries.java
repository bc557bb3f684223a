package dev.berth.core.content;

import dev.berth.core.Descriptor;
import dev.berth.core.RateLimitedException;
import dev.berth.core.internal.Transience;
import dev.berth.core.internal.WholeTransfer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Moves one blob again when a transfer failed in a way that another try can fix. Request-level
 * retries (the registry client's) cannot help in two cases, and this class covers both:
 *
 * <ul>
 *   <li>a blob upload streams the caller's bytes once, so a connection reset mid-upload or a 503 to
 *       the upload's PUT can only be answered by opening the content again and uploading it again;
 *   <li>a download that arrives corrupted (a flipped byte, a proxy that mangles bodies) is detected only
 *       at its end, after the bytes were handed on, so only the consumer can start over.
 * </ul>
 *
 * <p>How often and after which failures is the storage's to say: a remote {@code Repository} answers
 * with its client's {@code RetryPolicy} ({@link Retrier.Governed}), so {@code RetryPolicy.none()} means
 * one try here too; other storages get {@link #DEFAULT}. The requests a transfer makes are tried once
 * each inside it (the transfer is the unit that is retried), so retries never multiply.
 *
 * <pre>{@code
 * TransferRetries.push(repository, layer, () -> Files.newInputStream(layerFile));
 * TransferRetries.fetchTo(repository, layer, stagingFile);
 * byte[] config = TransferRetries.call(() -> Contents.fetchAll(repository, configDesc, limit));
 * }</pre>
 */
public final class TransferRetries {
  /** Tries per blob for storages that do not govern their own retries. */
  public static final int ATTEMPTS = 5;

  /**
   * The retries of storages that are not {@link Retrier.Governed}: {@value #ATTEMPTS} tries, pauses from
   * 100 ms doubling (1.5 s in all), the same predicate as the registry client's.
   */
  public static final Retrier DEFAULT = new Retrier() {
    @Override
    public int maxAttempts() {
      return ATTEMPTS;
    }

    @Override
    public boolean isWorthRetrying(IOException failure) {
      return Transience.isWorthRetrying(failure);
    }

    @Override
    public @Nullable Duration waitBefore(int attempt, @Nullable Duration serverAsked, Duration waitedSoFar) {
      return attempt >= ATTEMPTS ? null : Duration.ofMillis(100L << Math.min(attempt - 1, 20));
    }

    @Override
    public void sleep(Duration duration) throws InterruptedIOException {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException stop = new InterruptedIOException("interrupted between transfer attempts");
        stop.initCause(e);
        throw stop;
      }
    }
  };

  /** One whole transfer, run again from the start on each try. */
  @FunctionalInterface
  public interface Transfer<T> {
    /** Performs the transfer once and returns its result. */
    T run() throws IOException;
  }

  /** One whole transfer that yields no value, run again from the start on each try. */
  @FunctionalInterface
  public interface Step {
    /** Performs the transfer once. */
    void run() throws IOException;
  }

  private TransferRetries() {}

  /**
   * Runs {@code step} as {@link #call(Retrier, Transfer)} runs a transfer.
   *
   * @throws IOException the last failure, with the earlier ones suppressed, when no try succeeded
   */
  public static void run(Retrier retrier, Step step) throws IOException {
    call(retrier, () -> {
      step.run();
      return Boolean.TRUE; // call() hands back its transfer's value, and null is not one (nullness is stated)
    });
  }

  /** How transfers to or from {@code storage} are retried: its own {@link Retrier} or {@link #DEFAULT}. */
  public static Retrier retrierOf(ReadOnlyStorage storage) {
    return storage instanceof Retrier.Governed g ? g.retrier() : DEFAULT;
  }

  /**
   * Runs {@code transfer} with the {@link #DEFAULT} retries.
   *
   * @throws IOException the last failure, with the earlier ones suppressed, when no try succeeded
   */
  public static <T> T call(Transfer<T> transfer) throws IOException {
    return call(DEFAULT, transfer);
  }

  /**
   * Runs {@code transfer}, and runs it again while it fails in a way {@code retrier} finds worth another
   * try, within its attempts and wait budget. The requests the transfer makes are tried once each, and
   * a transfer inside another runs once: the outermost decides.
   *
   * @throws IOException the last failure, with the earlier ones suppressed, when no try succeeded
   */
  public static <T> T call(Retrier retrier, Transfer<T> transfer) throws IOException {
    if (WholeTransfer.active()) {
      return transfer.run(); // part of a larger transfer whose own retries decide: one decision only
    }
    IOException failures = null;
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      try {
        return WholeTransfer.run(transfer::run);
      } catch (IOException e) {
        if (failures != null && failures != e) {
          e.addSuppressed(failures);
        }
        failures = e;
        Duration asked = e instanceof RateLimitedException r ? r.retryAfter() : null;
        Duration wait = retrier.isWorthRetrying(e) ? retrier.waitBefore(attempt, asked, waited) : null;
        if (wait == null) {
          throw e;
        }
        try {
          retrier.sleep(wait);
        } catch (InterruptedIOException stop) {
          stop.addSuppressed(e);
          throw stop;
        }
        waited = waited.plus(wait);
      }
    }
  }

  /**
   * Pushes {@code blob} to {@code storage}, opening {@code content} anew for each try.
   *
   * @throws IOException the last failure, with the earlier ones suppressed, when no try succeeded
   */
  public static void push(Storage storage, Descriptor blob, ContentOpener content) throws IOException {
    run(retrierOf(storage), () -> {
      try (InputStream in = content.open()) {
        storage.push(blob, in);
      }
    });
  }

  /**
   * Copies {@code blob} from {@code source} to {@code destination}, fetching it anew for each try; the
   * destination's retries govern, or the source's when only it is {@link Retrier.Governed}.
   *
   * @throws IOException the last failure, with the earlier ones suppressed, when no try succeeded
   */
  public static void copy(ReadOnlyStorage source, Storage destination, Descriptor blob) throws IOException {
    Retrier retrier = destination instanceof Retrier.Governed ? retrierOf(destination) : retrierOf(source);
    run(retrier, () -> {
      try (InputStream in = source.fetch(blob)) {
        destination.push(blob, in);
      }
    });
  }

  /**
   * Writes the verified content of {@code blob} to {@code file} (created or truncated), fetching it again
   * when a try fails. On failure the file is deleted: it never holds part of a blob.
   *
   * @throws IOException the last failure, with the earlier ones suppressed, when no try succeeded
   */
  public static void fetchTo(ReadOnlyStorage storage, Descriptor blob, Path file) throws IOException {
    try {
      run(retrierOf(storage), () -> {
        try (InputStream raw = storage.fetch(blob);
            InputStream in = raw instanceof VerifiedInputStream ? raw : new VerifiedInputStream(raw, blob);
            OutputStream out = LocalFiles.reportingWriteFailures(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), file)) {
          in.transferTo(out);
        }
      });
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Whether another try at the same transfer could succeed where this one failed with {@code e}. */
  public static boolean isWorthRetrying(IOException e) {
    return Transience.isWorthRetrying(e);
  }
}
