package dev.berth.core.content;

import dev.berth.auth.AuthenticationException;
import dev.berth.core.Descriptor;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.OciException;
import dev.berth.core.RegistryErrorException;
import dev.berth.core.SizeMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

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
 * <p>Worth retrying are I/O failures of the connection, content that did not match its digest or size,
 * and registry answers 408, 429 and 5xx (but not 501 or 505). Not worth it: a name that does not
 * resolve, a refused certificate, refused credentials, access denied, not found, unsupported, size
 * limits, local file-system errors, interruption.
 *
 * <pre>{@code
 * TransferRetries.push(repository, layer, () -> Files.newInputStream(layerFile));
 * TransferRetries.fetchTo(repository, layer, stagingFile);
 * byte[] config = TransferRetries.call(() -> Contents.fetchAll(repository, configDesc, limit));
 * }</pre>
 */
public final class TransferRetries {
  /**
   * Tries per blob, as many as the registry client's default tries per request. A streamed upload has
   * no request-level retry, so on a network that breaks one upload in ten, three tries would still
   * lose about one blob in a thousand; five lose about one in a hundred thousand.
   */
  public static final int ATTEMPTS = 5;
  /** The pause before the second try, doubled before each later one (1.5 s in all). */
  private static final long FIRST_PAUSE_MILLIS = 100;

  /** Opens the content to push, afresh on each try. */
  @FunctionalInterface
  public interface Content {
    /** Opens the content from its start; the caller closes the stream. */
    InputStream open() throws IOException;
  }

  /** One whole transfer, run again from the start on each try. */
  @FunctionalInterface
  public interface Transfer<T> {
    /** Performs the transfer once and returns its result. */
    T run() throws IOException;
  }

  private TransferRetries() {}

  /**
   * Runs {@code transfer}, and runs it again while it fails in a way another try can fix.
   *
   * @throws IOException the last failure, with the earlier ones suppressed, when no try succeeded
   */
  public static <T> T call(Transfer<T> transfer) throws IOException {
    IOException failures = null;
    for (int attempt = 1; ; attempt++) {
      try {
        return transfer.run();
      } catch (IOException e) {
        failures = giveUpOrPause(e, failures, attempt);
      }
    }
  }

  /**
   * Pushes {@code blob} to {@code storage}, opening {@code content} anew for each try.
   *
   * @throws IOException the last failure, with the earlier ones suppressed, when no try succeeded
   */
  public static void push(Storage storage, Descriptor blob, Content content) throws IOException {
    call(() -> {
      try (InputStream in = content.open()) {
        storage.push(blob, in);
      }
      return null;
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
      call(() -> {
        try (InputStream raw = storage.fetch(blob);
            InputStream in = raw instanceof VerifiedInputStream ? raw : new VerifiedInputStream(raw, blob);
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
          in.transferTo(out);
        }
        return null;
      });
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Whether another try at the same transfer could succeed where this one failed with {@code e}. */
  public static boolean isWorthRetrying(IOException e) {
    if (e instanceof DigestMismatchException || e instanceof SizeMismatchException) {
      return true; // corrupted or cut short on the way: the stored content may well be fine
    }
    if (e instanceof RegistryErrorException r) {
      int s = r.status();
      return s == 408 || s == 429 || (s >= 500 && s <= 599 && s != 501 && s != 505);
    }
    if (e instanceof OciException || e instanceof AuthenticationException || e instanceof UnknownHostException
        || e instanceof FileSystemException) {
      return false;
    }
    if (e instanceof SSLPeerUnverifiedException
        || (e instanceof SSLHandshakeException && e.getCause() instanceof CertificateException)) {
      return false; // a certificate that is refused now will be refused again
    }
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return false;
    }
    return !Thread.currentThread().isInterrupted();
  }

  /** Returns the failures so far when another try is due (after a pause), else throws the last one. */
  private static IOException giveUpOrPause(IOException e, IOException earlier, int attempt) throws IOException {
    if (earlier != null && earlier != e) {
      e.addSuppressed(earlier);
    }
    if (attempt >= ATTEMPTS || !isWorthRetrying(e)) {
      throw e;
    }
    try {
      Thread.sleep(FIRST_PAUSE_MILLIS << (attempt - 1));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      InterruptedIOException stop = new InterruptedIOException("interrupted between transfer attempts");
      stop.addSuppressed(e);
      throw stop;
    }
    return e;
  }
}
