package dev.berth.examples;

import dev.berth.core.AccessDeniedException;
import dev.berth.core.ErrorCodes;
import dev.berth.core.InvalidContentException;
import dev.berth.core.NetworkException;
import dev.berth.core.NotFoundException;
import dev.berth.core.OciException;
import dev.berth.core.RateLimitedException;
import dev.berth.core.Reference;
import dev.berth.core.TlsException;
import dev.berth.core.UnauthorizedException;
import dev.berth.core.remote.RegistryClient;

/**
 * Tells the ways a registry operation fails apart by type and data, never by message text: a missing
 * repository from a missing tag ({@link NotFoundException#kind()}, the registry's error codes), a refused
 * credential from a denied action, a registry that is down from one that speaks plain HTTP where TLS was
 * expected. Every failure is an {@link OciException}; each answer from a registry keeps its status and codes.
 *
 * <pre>
 * java -cp berth.jar dev.berth.examples.ErrorHandlingExample ghcr.io/OWNER/app:1.0
 * </pre>
 */
public final class ErrorHandlingExample {
  private ErrorHandlingExample() {}

  /** What went wrong, as a program would act on it. */
  public enum Outcome {
    /** The reference resolved. */
    FOUND,
    /** The repository does not exist (or is not visible to these credentials). */
    NO_SUCH_REPOSITORY,
    /** The repository exists; the tag or digest does not. */
    NO_SUCH_TAG,
    /** Credentials were missing or refused: log in. */
    NOT_LOGGED_IN,
    /** Credentials were accepted but do not allow this. */
    DENIED,
    /** The registry asked us to slow down. */
    RATE_LIMITED,
    /** The registry could not be reached. */
    UNREACHABLE,
    /** The registry speaks plain HTTP where TLS was expected. */
    PLAIN_HTTP,
    /** TLS failed otherwise (an untrusted certificate). */
    TLS_FAILED,
    /** The registry sent something that is not valid. */
    INVALID_CONTENT,
    /** Another registry answer; its status and codes are in the exception. */
    OTHER
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: ErrorHandlingExample REFERENCE");
      System.exit(2);
    }
    Outcome outcome = resolve(RegistryClient.builder().build(), Reference.parse(args[0]));
    System.out.println(outcome);
    System.exit(outcome == Outcome.FOUND ? 0 : 1);
  }

  /** Resolves {@code reference} and says how it went. */
  public static Outcome resolve(RegistryClient client, Reference reference) {
    try {
      client.repository(reference).resolve(reference.reference());
      return Outcome.FOUND;
    } catch (NotFoundException e) {
      // Registries say which with NAME_UNKNOWN or MANIFEST_UNKNOWN; kind() reads it for you.
      return e.kind() == NotFoundException.Kind.REPOSITORY || e.hasErrorCode(ErrorCodes.NAME_UNKNOWN)
          ? Outcome.NO_SUCH_REPOSITORY : Outcome.NO_SUCH_TAG;
    } catch (AccessDeniedException e) {
      return Outcome.DENIED; // before UnauthorizedException: it is a subtype
    } catch (UnauthorizedException e) {
      return Outcome.NOT_LOGGED_IN;
    } catch (RateLimitedException e) {
      return Outcome.RATE_LIMITED;
    } catch (TlsException e) {
      return e.plainHttpSuspected() ? Outcome.PLAIN_HTTP : Outcome.TLS_FAILED;
    } catch (NetworkException e) {
      return Outcome.UNREACHABLE;
    } catch (InvalidContentException e) {
      return Outcome.INVALID_CONTENT;
    } catch (OciException e) {
      return Outcome.OTHER;
    } catch (java.io.IOException e) {
      return Outcome.OTHER; // not a registry failure (an interrupt): nothing else reaches here
    }
  }
}
