package dev.berth.core.remote.internal;

import dev.berth.core.Causes;
import dev.berth.core.NetworkException;
import dev.berth.core.OciException;
import dev.berth.core.TlsException;
import dev.berth.core.internal.Transience;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Turns the JDK's and OkHttp's connection failures into berth's {@link NetworkException} and {@link
 * TlsException}, naming the host, so embedders catch one family. Anything else (a local file that a
 * request body reads, an interrupt) passes through unchanged: it is not the network's fault.
 */
public final class NetworkFailures {
  private NetworkFailures() {}

  /** The berth exception for {@code e}, a failure while talking to {@code host}; or {@code e} itself. */
  public static IOException translate(IOException e, String host) {
    if (e instanceof OciException) {
      return e;
    }
    Throwable tls = Causes.find(e, SSLException.class, CertificateException.class, CertPathValidatorException.class);
    if (tls != null) {
      boolean plain = tls instanceof SSLException ssl && Transience.answeredInPlainHttp(ssl);
      return new TlsException(host, plain
          ? host + " does not speak TLS on that port (a plain-HTTP registry?)"
          : "TLS with " + host + " failed: " + rootMessage(tls), plain, e);
    }
    if (e instanceof SocketTimeoutException) {
      return new NetworkException(host, "timed out talking to " + host, e);
    }
    if (e instanceof InterruptedIOException) {
      return e; // an interrupt, or a call canceled by berth itself: not the network's fault
    }
    if (Causes.find(e, UnknownHostException.class) != null) {
      return new NetworkException(host, "unknown host " + host, e);
    }
    if (Causes.find(e, ConnectException.class, NoRouteToHostException.class) != null) {
      return new NetworkException(host, "cannot connect to " + host + ": " + rootMessage(e), e);
    }
    if (e instanceof SocketException || e instanceof ProtocolException || isOkHttpStreamFailure(e)) {
      return new NetworkException(host, "connection to " + host + " failed: " + rootMessage(e), e);
    }
    return e;
  }

  /** OkHttp's own stream failures (a reset HTTP/2 stream, an unexpected end of stream). */
  private static boolean isOkHttpStreamFailure(IOException e) {
    String type = e.getClass().getName();
    String message = String.valueOf(e.getMessage());
    return type.startsWith("okhttp3.") || message.startsWith("unexpected end of stream")
        || (e instanceof java.io.EOFException && message.contains("\\n not found"));
  }

  private static String rootMessage(Throwable t) {
    return Causes.firstLine(Causes.root(t));
  }
}
