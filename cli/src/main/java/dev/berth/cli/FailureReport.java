package dev.berth.cli;

import dev.berth.auth.AuthenticationException;
import dev.berth.artifacts.image.NoMatchingPlatformException;
import dev.berth.core.Causes;
import dev.berth.core.NetworkException;
import dev.berth.core.NotFoundException;
import dev.berth.core.TlsException;
import dev.berth.core.UnauthorizedException;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns an exception into a {@link Failure}: the exit code, the one line to print, and a hint where a
 * common mistake explains it (a token without the package scopes on ghcr.io, a private CA, a
 * plain-HTTP registry, a misspelt tag).
 */
public final class FailureReport {
  private FailureReport() {}

  /** Describes {@code error}, which happened while doing what {@code ctx} says. */
  public static Failure describe(Throwable error, FailureContext ctx) {
    if (error instanceof UncheckedIOException && error.getCause() != null) {
      return describe(error.getCause(), ctx); // the wrapper's message is the cause's class name
    }
    if (Causes.find(error, dev.berth.core.DeadlineExceededException.class) != null) {
      return new Failure(ExitCodes.NETWORK, Causes.firstLine(Causes.find(error, dev.berth.core.DeadlineExceededException.class)),
          "the command ran past --timeout; raise it for a slow link");
    }
    if (error instanceof dev.berth.core.RateLimitedException) {
      // GitHub answers its rate limits with 403: not an access problem, and logging in would not help.
      return new Failure(ExitCodes.NETWORK, Causes.firstLine(error),
          "the registry is limiting request rates; berth waited within its retry caps, try again later");
    }
    AuthenticationException auth = (AuthenticationException) Causes.find(error, AuthenticationException.class);
    if (error instanceof dev.berth.core.AccessDeniedException
        || auth != null && auth.reason() == AuthenticationException.Reason.DENIED) {
      // Token registries answer an anonymous push with "denied", not 401: the fix is still to log in.
      return new Failure(ExitCodes.AUTH, Causes.firstLine(error),
          withCredential(ctx.anonymous() ? unauthorizedHint(ctx) : deniedHint(ctx), ctx));
    }
    if (auth != null && auth.reason() == AuthenticationException.Reason.HELPER_FAILED) {
      return new Failure(ExitCodes.AUTH, Causes.firstLine(auth),
          "a credential helper named in the docker config failed; check it runs, or pass -u USER --password-stdin");
    }
    if (error instanceof UnauthorizedException || auth != null) {
      return new Failure(ExitCodes.AUTH, Causes.firstLine(error), withCredential(unauthorizedHint(ctx), ctx));
    }
    if (error instanceof dev.berth.artifacts.helm.ProvenanceException p) {
      return new Failure(ExitCodes.FAILURE, Causes.firstLine(error), HelmCommand.provenanceHint(p)); // as digest mismatches
    }
    if (error instanceof NoMatchingPlatformException p) {
      // Not "list the tags": the tag was found; the platform is what to change.
      return new Failure(ExitCodes.NOT_FOUND, Causes.firstLine(error), platformHint(p));
    }
    if (error instanceof NotFoundException e) {
      return new Failure(ExitCodes.NOT_FOUND, Causes.firstLine(error), notFoundHint(e, ctx));
    }
    if (error instanceof TlsException e) {
      return tlsFailure(e.getCause() == null ? e : e.getCause(), ctx);
    }
    if (error instanceof NetworkException e) {
      // The connection's own failure says which hint applies (refused, unknown host, timed out).
      Failure byCause = e.getCause() == null ? null : describe(e.getCause(), ctx);
      return byCause != null && byCause.exitCode() == ExitCodes.NETWORK ? byCause
          : new Failure(ExitCodes.NETWORK, Causes.firstLine(e), null);
    }
    if (error instanceof MissingLayoutException e) {
      return new Failure(ExitCodes.NOT_FOUND, e.getReason() + ": " + e.getFile(), null);
    }
    if (error instanceof NoSuchFileException e) {
      String what = e.getReason() != null ? e.getReason() : "no such file or directory";
      return new Failure(ExitCodes.FAILURE, what + ": " + e.getFile(), null);
    }
    if (error instanceof AccessDeniedException e) {
      return new Failure(ExitCodes.FAILURE, "permission denied: " + e.getFile(), null);
    }
    if (error instanceof FileAlreadyExistsException e) {
      // Pulls refuse to replace files unless told to; the library's wording names its option, not the flag.
      return new Failure(ExitCodes.FAILURE, "already exists: " + e.getFile(),
          "pass --overwrite to replace it, or write somewhere else with -o");
    }
    if (error instanceof NotDirectoryException e) {
      return new Failure(ExitCodes.FAILURE, "not a directory: " + e.getFile(), null);
    }
    if (error instanceof FileSystemException e) {
      // Its getMessage() is only the path when the JDK gives no reason: say at least what kind of failure.
      String what = e.getReason() != null ? e.getReason() : "file system error";
      if (what.startsWith("is ")) {
        // LocalFiles' refusals read as a sentence about the file: "/tmp/x is a FIFO, not a regular file".
        return new Failure(ExitCodes.FAILURE, e.getFile() + " " + what, null);
      }
      return new Failure(ExitCodes.FAILURE, what + ": " + e.getFile()
          + (e.getOtherFile() != null ? " -> " + e.getOtherFile() : ""), null);
    }
    if (error instanceof FileNotFoundException) {
      return new Failure(ExitCodes.FAILURE, Causes.firstLine(error), null);
    }
    if (error instanceof IllegalArgumentException) {
      return new Failure(ExitCodes.USAGE, Causes.firstLine(error), null);
    }
    Throwable tls = Causes.find(error, SSLException.class, CertificateException.class, CertPathValidatorException.class);
    if (tls != null) {
      return tlsFailure(tls, ctx);
    }
    String where = ctx.host() == null ? "the registry" : ctx.host();
    Throwable refused = Causes.find(error, ConnectException.class);
    if (refused != null) {
      return new Failure(ExitCodes.NETWORK, "cannot connect to " + connectTarget(refused, where)
          + ": " + Causes.firstLine(Causes.root(refused)), "is the registry running, and is the port right?");
    }
    if (Causes.find(error, UnknownHostException.class) != null) {
      return new Failure(ExitCodes.NETWORK, "unknown host " + Causes.firstLine(Causes.find(error, UnknownHostException.class)),
          "check the registry name in the reference");
    }
    if (Causes.find(error, SocketTimeoutException.class) != null) {
      return new Failure(ExitCodes.NETWORK, "timed out talking to " + where, null);
    }
    return new Failure(ExitCodes.FAILURE, Causes.firstLine(error), null);
  }

  /**
   * The host:port a refused connection was for. OkHttp says "Failed to connect to NAME/IP:PORT"; that
   * is the better answer when a command talks to two registries (cp), where the context names only one.
   */
  static String connectTarget(Throwable refused, String fallback) {
    String m = refused.getMessage();
    String prefix = "Failed to connect to ";
    if (m == null || !m.startsWith(prefix)) {
      return fallback;
    }
    String address = m.substring(prefix.length()).trim();
    int slash = address.indexOf('/');
    int colon = address.lastIndexOf(':');
    if (slash < 0 || colon < slash) {
      return fallback;
    }
    String name = slash > 0 ? address.substring(0, slash) : address.substring(slash + 1, colon);
    return name + address.substring(colon);
  }

  private static Failure tlsFailure(Throwable tls, FailureContext ctx) {
    String where = ctx.host() == null ? "the registry" : ctx.host();
    String text = String.valueOf(tls.getMessage()).toLowerCase(java.util.Locale.ROOT);
    // JDK wording for a TLS hello answered by plain HTTP: "Unsupported or unrecognized SSL message".
    if (text.contains("plaintext") || text.contains("unrecognized ssl message")) {
      return new Failure(ExitCodes.NETWORK, where + " does not speak TLS on that port",
          "for a plain-HTTP registry (a local one) pass --plain-http");
    }
    boolean verification = tls instanceof SSLHandshakeException || tls instanceof SSLPeerUnverifiedException
        || Causes.find(tls, CertificateException.class, CertPathValidatorException.class) != null;
    String msg = "TLS " + (verification ? "verification" : "connection") + " with " + where + " failed: "
        + Causes.firstLine(Causes.root(tls));
    return new Failure(ExitCodes.NETWORK, msg,
        "if the registry's certificate comes from a private CA, pass --ca-file CA.pem"
            + " (--insecure skips verification; for testing only)");
  }

  private static String unauthorizedHint(FailureContext ctx) {
    if (ctx.isGhcr()) {
      return ctx.writing()
          ? "ghcr.io needs a GitHub user and a token with the write:packages scope (a personal access token"
              + " (classic) with read:packages and write:packages; in GitHub Actions, GITHUB_TOKEN with"
              + " 'permissions: packages: write'): echo \"$TOKEN\" | berth login ghcr.io -u USER --password-stdin"
          : "ghcr.io needs a GitHub user and a token with the read:packages scope for private packages"
              + " (in GitHub Actions, GITHUB_TOKEN with 'permissions: packages: read'):"
              + " echo \"$TOKEN\" | berth login ghcr.io -u USER --password-stdin";
    }
    String host = ctx.host() == null ? "HOST" : ctx.host();
    return "log in with: berth login " + host + " -u USER --password-stdin"
        + " (or pass -u USER --password-stdin to this command)";
  }

  /**
   * Appends which credential was used ("berth used user mona from GITHUB_TOKEN") and, on ghcr.io, the
   * documented case that credential's kind runs into.
   */
  static String withCredential(String hint, FailureContext ctx) {
    StringBuilder out = new StringBuilder(hint);
    if (ctx.credential() != null && !ctx.anonymous()) {
      out.append(" (berth used ").append(ctx.credential()).append(')');
    }
    CredentialHints.Kind kind = ctx.credentialKind();
    if (ctx.isGhcr() && kind != null && kind.hint() != null
        && (ctx.writing() || kind == CredentialHints.Kind.FINE_GRAINED_PAT)) {
      out.append("; ").append(kind.hint());
    }
    return out.toString();
  }

  private static String deniedHint(FailureContext ctx) {
    if (ctx.isGhcr()) {
      return ctx.writing()
          ? "the token was accepted but may not push here: a personal access token needs write:packages;"
              + " GITHUB_TOKEN needs 'permissions: packages: write' in the workflow, and a package that"
              + " already exists must grant this repository write access (package settings, Manage Actions access);"
              + " an organisation can forbid its members to create packages (organisation settings, Packages),"
              + " and an organisation with SAML SSO accepts a personal access token only once it is authorised"
              + " for it (token settings, Configure SSO)"
          : "the token was accepted but may not read this package: a personal access token needs"
              + " read:packages, and an organisation with SAML SSO accepts it only once it is authorised for it"
              + " (token settings, Configure SSO); GITHUB_TOKEN reads only packages that grant this repository access";
    }
    return "the credentials were accepted but do not allow this " + (ctx.writing() ? "write" : "read")
        + " on this repository";
  }

  private static String platformHint(NoMatchingPlatformException e) {
    return e.available().isEmpty() ? "the index offers no platform to choose"
        : "choose with --platform, one of: " + e.available().stream().map(Object::toString)
            .collect(java.util.stream.Collectors.joining(", "));
  }

  private static String notFoundHint(NotFoundException e, FailureContext ctx) {
    if (e.kind() == NotFoundException.Kind.REPOSITORY) {
      return ctx.repository() == null ? null
          : "the repository " + ctx.repository() + " does not exist (check its name and owner)";
    }
    if (e.kind() == NotFoundException.Kind.BLOB || e.kind() == NotFoundException.Kind.UPLOAD) {
      return null;
    }
    return ctx.repository() == null ? null : "list the tags with: berth tags " + ctx.repository();
  }
}
