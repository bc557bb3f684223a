package dev.berth.core.internal;

import dev.berth.auth.AuthenticationException;
import dev.berth.core.DeadlineExceededException;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.NetworkException;
import dev.berth.core.OciException;
import dev.berth.core.RegistryErrorException;
import dev.berth.core.SizeMismatchException;
import dev.berth.core.TokenExpiredException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The one answer to "could another try succeed where this one failed?", behind {@code
 * RetryPolicy.isWorthRetrying} and {@code RetryPolicy.isRetryableStatus}. Kept here, not in the remote
 * package, so that the content package can use it without depending on the registry client.
 */
public final class Transience {
  /** Registry error codes that say the upload session is gone: a fresh session can succeed. */
  private static final String[] SESSION_LOST = {"BLOB_UPLOAD_UNKNOWN", "BLOB_UPLOAD_INVALID"};

  private Transience() {}

  /** 408 Request Timeout, 429 Too Many Requests, and server errors that may pass (not 501 or 505). */
  public static boolean isRetryableStatus(int code) {
    return code == 408 || code == 429 || (code >= 500 && code <= 599 && code != 501 && code != 505);
  }

  /**
   * Whether {@code e} is a failure another try can fix: connection failures and timeouts, content that
   * arrived corrupted or cut short, retryable registry answers (see {@link #isRetryableStatus}) and an
   * upload session the registry lost. Not: a name that does not resolve, a refused certificate, refused
   * credentials, access denied, not found, unsupported, size limits, local file-system errors,
   * interruption.
   */
  public static boolean isWorthRetrying(IOException e) {
    if (e instanceof DigestMismatchException || e instanceof SizeMismatchException) {
      return true; // corrupted or cut short on the way: the stored content may well be fine
    }
    if (e instanceof RegistryErrorException r) {
      for (String code : SESSION_LOST) {
        if (r.hasCode(code)) {
          return true;
        }
      }
      return isRetryableStatus(r.status());
    }
    if (e instanceof DeadlineExceededException) {
      return false; // time is up, whatever caused the last failure
    }
    if (e instanceof RetryableException || e instanceof TokenExpiredException) {
      return true; // a fresh token has been asked for: the next try carries it
    }
    if (e instanceof OciException) {
      // berth's own verdicts, unless one only wraps a broken connection (a NetworkException names one,
      // and may itself be wrapped by a verdict about what the broken connection cost)
      Throwable cause = e.getCause() instanceof NetworkException named ? named.getCause() : e.getCause();
      return cause instanceof IOException io && !(io instanceof OciException) && isWorthRetrying(io);
    }
    if (e instanceof AuthenticationException || e instanceof UnknownHostException
        || e instanceof FileSystemException) {
      return false;
    }
    if (e instanceof SSLPeerUnverifiedException
        || (e instanceof SSLHandshakeException && e.getCause() instanceof CertificateException)) {
      return false; // a certificate that is refused now will be refused again
    }
    if (e instanceof SSLException ssl && answeredInPlainHttp(ssl)) {
      return false; // a server that speaks plain HTTP on the port will do so again
    }
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return false;
    }
    return !Thread.currentThread().isInterrupted();
  }

  /** Whether a TLS hello was answered in plain HTTP (the JDK's wording for it): a plain-HTTP registry. */
  public static boolean answeredInPlainHttp(SSLException e) {
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return text.contains("plaintext") || text.contains("unrecognized ssl message");
  }

  /** Marks a failure that berth knows a fresh try can fix, e.g. a token that expired mid-upload. */
  public interface RetryableException {}
}
