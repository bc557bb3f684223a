package dev.berth.core.remote.internal;

import dev.berth.auth.Scopes;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * What a registry request needs permission for, carried as a request tag: the auth layer turns it into
 * token scopes, and error mapping uses it to name the repository and the action that was refused.
 *
 * @param repository the repository the request addresses, or null for registry-wide requests
 * @param actions e.g. {@code [pull]} or {@code [pull, push]}
 * @param mountFrom the source repository of a cross-mount (needs {@code pull}), or null
 */
public record Access(@Nullable String repository, List<String> actions, @Nullable String mountFrom) {
  public static final String PULL = "pull";
  public static final String PUSH = "push";
  public static final String DELETE = "delete";

  public Access {
    actions = List.copyOf(actions);
  }

  /** Read access to {@code repository}. */
  public static Access pull(String repository) {
    return new Access(repository, List.of(PULL), null);
  }

  /**
   * Read and write access. Every request of a push asks for both, HEAD included, so that one token
   * covers the whole flow instead of one token per action.
   */
  public static Access push(String repository) {
    return new Access(repository, List.of(PULL, PUSH), null);
  }

  /** Delete access (distribution asks for {@code delete}; ghcr.io refuses deletes anyway). */
  public static Access delete(String repository) {
    return new Access(repository, List.of(DELETE), null);
  }

  /** Push to {@code repository} with {@code pull} on the mount source as well. */
  public static Access mount(String repository, String from) {
    return new Access(repository, List.of(PULL, PUSH), from);
  }

  /** No particular repository: {@code /v2/}. */
  public static Access registry() {
    return new Access(null, List.of(), null);
  }

  /** The registry's repository list ({@code registry:catalog:*} in token terms). */
  public static Access catalog() {
    return new Access(null, List.of("*"), null);
  }

  /** The token scopes this access needs, for the auth interceptor. */
  public Scopes scopes() {
    if (repository == null) {
      return actions.isEmpty() ? Scopes.empty() : Scopes.of(Scopes.catalog());
    }
    List<String> scopes = new ArrayList<>(2);
    scopes.add(Scopes.repository(repository, actions.toArray(String[]::new)));
    if (mountFrom != null) {
      scopes.add(Scopes.repository(mountFrom, PULL));
    }
    return Scopes.of(scopes);
  }

  /** Tags {@code request} with this access and its scopes. */
  public Request.Builder tag(Request.Builder request) {
    return request.tag(Access.class, this).tag(Scopes.class, scopes());
  }

  /** The action a refusal most likely refers to, for messages: the strongest one asked for. */
  public String verb() {
    if (actions.contains(DELETE)) {
      return DELETE;
    }
    if (actions.contains(PUSH)) {
      return PUSH;
    }
    return actions.contains(PULL) ? PULL : repository == null && !actions.isEmpty() ? "list the catalog" : "access";
  }
}
