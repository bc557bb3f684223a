package dev.berth.auth;

/**
 * A request tag that makes {@link AuthInterceptor} leave a request alone: nothing is attached to it,
 * and a 401 it gets is returned as is rather than answered with credentials.
 *
 * <p>For requests to hosts the user did not choose, above all the target of a redirect to another
 * origin. Such a host has not earned the user's credentials just by challenging for them: a registry
 * that redirects a blob download to a host that answers {@code 401 WWW-Authenticate: Basic} would
 * otherwise receive the password the user configured for the registry.
 *
 * <pre>{@code
 * Request hop = request.newBuilder().url(otherHost)
 *     .tag(NoAuthentication.class, NoAuthentication.INSTANCE)
 *     .build();
 * }</pre>
 */
public enum NoAuthentication {
  /** The one value; the tag's presence is what counts. */
  INSTANCE
}
