package dev.berth.maven.internal;

import dev.berth.auth.AuthenticationException;
import dev.berth.core.Causes;
import dev.berth.core.NotFoundException;
import dev.berth.core.UnauthorizedException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns what berth threw into the one line a Maven user reads, and a hint in Maven's terms (a
 * settings.xml server, a plugin parameter) where a common mistake explains it. The line is berth's own
 * message: first line only, so a registry's multi-line text cannot flood the build log.
 */
public final class MojoFailures {
  private MojoFailures() {}

  /**
   * A failure's message and hint.
   *
   * @param message one line
   * @param hint what to do about it, or null
   */
  public record Described(String message, String hint) {
    /** The message and, on a second line, the hint. */
    public String text() {
      return hint == null ? message : message + "\n  hint: " + hint;
    }
  }

  /**
   * Describes {@code error}, which happened while the goal read from or wrote to {@code host}.
   *
   * @param host the registry host the goal talked to, or null (a layout, a local file)
   * @param writing whether it was writing there
   * @param anonymous whether berth had no credential for that host
   */
  public static Described describe(Throwable error, String host, boolean writing, boolean anonymous) {
    if (error instanceof UncheckedIOException && error.getCause() != null) {
      return describe(error.getCause(), host, writing, anonymous);
    }
    AuthenticationException auth = Causes.find(error, AuthenticationException.class);
    if (error instanceof dev.berth.core.AccessDeniedException
        || auth != null && auth.reason() == AuthenticationException.Reason.DENIED) {
      // Token registries answer an anonymous push with "denied", not 401: the fix is still to log in.
      return new Described(Causes.firstLine(error), anonymous ? loginHint(host, writing) : deniedHint(host, writing));
    }
    if (auth != null && auth.reason() == AuthenticationException.Reason.HELPER_FAILED) {
      return new Described(Causes.firstLine(auth), "a credential helper named in the docker config failed;"
          + " check it runs, or add a <server> with <id>" + orHost(host) + "</id> to settings.xml");
    }
    if (error instanceof UnauthorizedException || auth != null) {
      return new Described(Causes.firstLine(error), loginHint(host, writing));
    }
    if (error instanceof NotFoundException) {
      return new Described(Causes.firstLine(error), "check the repository name and the tag or version");
    }
    if (error instanceof FileAlreadyExistsException e) {
      return new Described("already exists: " + e.getFile(),
          "set <overwrite>true</overwrite> to replace it, or write somewhere else");
    }
    if (error instanceof NoSuchFileException e) {
      return new Described((e.getReason() != null ? e.getReason() : "no such file or directory") + ": "
          + e.getFile(), null);
    }
    if (error instanceof FileSystemException e) {
      return new Described((e.getReason() != null ? e.getReason() : "file system error") + ": " + e.getFile(), null);
    }
    if (error instanceof IllegalArgumentException) {
      return new Described(Causes.firstLine(error), null);
    }
    String where = host == null ? "the registry" : host;
    Throwable tls = Causes.find(error, SSLException.class, CertificateException.class, CertPathValidatorException.class);
    if (tls != null) {
      String text = String.valueOf(tls.getMessage()).toLowerCase(Locale.ROOT);
      if (text.contains("plaintext") || text.contains("unrecognized ssl message")) {
        return new Described(where + " does not speak TLS on that port",
            "for a plain-HTTP registry (a local one) add <plainHttp>" + orHost(host) + "</plainHttp>");
      }
      return new Described("TLS with " + where + " failed: " + Causes.firstLine(Causes.root(tls)),
          "if its certificate comes from a private CA, set <caFile> to that CA's PEM file");
    }
    if (Causes.find(error, ConnectException.class) != null) {
      return new Described("cannot connect to " + where + ": " + Causes.firstLine(Causes.root(error)),
          "is the registry running, and is the port right?");
    }
    UnknownHostException unknown = Causes.find(error, UnknownHostException.class);
    if (unknown != null) {
      return new Described("unknown host " + Causes.firstLine(unknown), "check the registry name in the reference");
    }
    if (Causes.find(error, SocketTimeoutException.class) != null) {
      return new Described("timed out talking to " + where, null);
    }
    return new Described(Causes.firstLine(error), null);
  }

  private static String loginHint(String host, boolean writing) {
    if (isGhcr(host)) {
      return "add to settings.xml <servers>: <server><id>ghcr.io</id><username>YOUR-GITHUB-USER</username>"
          + "<password>${env.GITHUB_TOKEN}</password></server>, with a token that has "
          + (writing ? "write:packages (in Actions: permissions: packages: write)" : "read:packages");
    }
    return "add to settings.xml <servers>: <server><id>" + orHost(host)
        + "</id><username>USER</username><password>${env.REGISTRY_TOKEN}</password></server>"
        + " (or log in with: berth login " + orHost(host) + ")";
  }

  private static String deniedHint(String host, boolean writing) {
    if (isGhcr(host)) {
      return writing
          ? "the token was accepted but may not push here: it needs write:packages (GITHUB_TOKEN: 'permissions:"
              + " packages: write'), and an existing package must grant this repository write access"
          : "the token was accepted but may not read this package: it needs read:packages";
    }
    return "the credentials were accepted but do not allow this " + (writing ? "write" : "read")
        + " on this repository";
  }

  private static boolean isGhcr(String host) {
    return host != null && (host.equals("ghcr.io") || host.endsWith(".ghcr.io"));
  }

  private static String orHost(String host) {
    return host == null ? "HOST" : host;
  }
}
