package dev.berth.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The set of access scopes a registry request needs, in the docker token protocol's form
 * {@code TYPE:NAME:ACTIONS} (for example {@code repository:owner/name:pull,push}).
 *
 * <p>Attach one to every request that goes through {@link AuthInterceptor} so the interceptor can fetch
 * (or reuse) a token with exactly the access the request needs, without a 401 round trip:
 *
 * <pre>{@code
 * Request request = base.newBuilder()
 *     .tag(Scopes.class, Scopes.of(
 *         Scopes.repository("owner/name", "pull", "push"),
 *         Scopes.repository("other/src", "pull")))
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable and normalised: scopes for the same resource are merged into one with the
 * union of their actions, actions are sorted and de-duplicated, and scopes are sorted. Two {@code Scopes}
 * that grant the same access are therefore {@link #equals equal}, which makes this type usable as part of
 * a token cache key.
 */
public final class Scopes {
  private static final Scopes EMPTY = new Scopes(List.of());

  /** Sorted, merged scope strings. */
  private final List<String> values;

  private Scopes(List<String> values) {
    this.values = values;
  }

  /** Returns the empty set of scopes: a request that needs no particular access, such as {@code GET /v2/}. */
  public static Scopes empty() {
    return EMPTY;
  }

  /**
   * Returns the normalised set of the given scope strings.
   *
   * @throws IllegalArgumentException if a scope is not of the form {@code TYPE:NAME:ACTIONS}
   */
  public static Scopes of(String... scopes) {
    return of(Arrays.asList(scopes));
  }

  /**
   * Returns the normalised set of the given scope strings.
   *
   * @throws IllegalArgumentException if a scope is not of the form {@code TYPE:NAME:ACTIONS}
   */
  public static Scopes of(Collection<String> scopes) {
    // resource ("TYPE:NAME") -> sorted actions; TreeMap sorts resources, TreeSet sorts actions.
    Map<String, Set<String>> byResource = new TreeMap<>();
    for (String scope : scopes) {
      addTo(byResource, scope);
    }
    return fromMap(byResource);
  }

  /**
   * Parses the space-separated scope list that registries put in a challenge's {@code scope} parameter
   * and that token endpoints accept. Blank input gives the empty set.
   *
   * @throws IllegalArgumentException if a scope is not of the form {@code TYPE:NAME:ACTIONS}
   */
  public static Scopes parse(@Nullable String spaceSeparated) {
    if (spaceSeparated == null || spaceSeparated.isBlank()) {
      return EMPTY;
    }
    return of(spaceSeparated.trim().split("\\s+"));
  }

  /**
   * Returns the scope string {@code repository:NAME:ACTIONS} for a repository, with the actions
   * sorted and comma-separated.
   *
   * @param name the repository name without the registry host, such as {@code owner/name}
   * @param actions one or more actions such as {@code pull}, {@code push}, {@code delete} or {@code *}
   * @throws IllegalArgumentException if the name is empty or no action is given
   */
  public static String repository(String name, String... actions) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("repository name is empty");
    }
    if (actions.length == 0) {
      throw new IllegalArgumentException("no action given for repository " + name);
    }
    Set<String> sorted = new TreeSet<>();
    for (String action : actions) {
      sorted.add(checkAction(action, name));
    }
    return "repository:" + name + ":" + String.join(",", sorted);
  }

  /** Returns the scope {@code registry:catalog:*} that listing a registry's repositories needs. */
  public static String catalog() {
    return "registry:catalog:*";
  }

  /** Returns the union of this set and {@code other}, merging actions on the same resource. */
  public Scopes merge(Scopes other) {
    if (other.values.isEmpty()) {
      return this;
    }
    if (values.isEmpty()) {
      return other;
    }
    List<String> all = new ArrayList<>(values);
    all.addAll(other.values);
    return of(all);
  }

  /**
   * Returns the scopes of this set whose access {@code granted} does not cover, each narrowed to the
   * actions that are missing. An action {@code *} in {@code granted} covers every action.
   */
  public Scopes missingFrom(Scopes granted) {
    Map<String, Set<String>> grantedByResource = new TreeMap<>();
    for (String scope : granted.values) {
      addTo(grantedByResource, scope);
    }
    Map<String, Set<String>> missing = new TreeMap<>();
    for (String scope : values) {
      int actionsStart = scope.lastIndexOf(':');
      String resource = scope.substring(0, actionsStart);
      Set<String> have = grantedByResource.getOrDefault(resource, Set.of());
      if (have.contains("*")) {
        continue;
      }
      for (String action : scope.substring(actionsStart + 1).split(",")) {
        if (!have.contains(action)) {
          missing.computeIfAbsent(resource, r -> new TreeSet<>()).add(action);
        }
      }
    }
    return fromMap(missing);
  }

  /** Returns true if this set holds no scope. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Returns the scope strings, sorted, each resource once. */
  public List<String> values() {
    return values;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Scopes other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** Returns the scopes space-separated, as a token endpoint's POST form expects them. */
  @Override
  public String toString() {
    return String.join(" ", values);
  }

  private static void addTo(Map<String, Set<String>> byResource, String scope) {
    Objects.requireNonNull(scope, "scope");
    // The name may itself hold colons (a registry host with a port in some catalogs), so the type ends
    // at the first colon and the actions start after the last one.
    int typeEnd = scope.indexOf(':');
    int actionsStart = scope.lastIndexOf(':');
    if (typeEnd <= 0 || actionsStart == typeEnd || actionsStart == typeEnd + 1
        || actionsStart == scope.length() - 1 || containsWhitespace(scope)) {
      throw new IllegalArgumentException("not a scope of the form TYPE:NAME:ACTIONS: " + scope);
    }
    String resource = scope.substring(0, actionsStart);
    Set<String> actions = byResource.computeIfAbsent(resource, r -> new TreeSet<>());
    for (String action : scope.substring(actionsStart + 1).split(",")) {
      if (!action.isEmpty()) {
        actions.add(action);
      }
    }
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("scope names no action: " + scope);
    }
  }

  private static Scopes fromMap(Map<String, Set<String>> byResource) {
    if (byResource.isEmpty()) {
      return EMPTY;
    }
    List<String> merged = new ArrayList<>(byResource.size());
    byResource.forEach((resource, actions) -> merged.add(resource + ":" + String.join(",", actions)));
    return new Scopes(Collections.unmodifiableList(merged));
  }

  private static String checkAction(String action, String name) {
    if (action == null || action.isEmpty() || action.contains(",") || action.contains(":")
        || containsWhitespace(action)) {
      throw new IllegalArgumentException("bad action for repository " + name + ": '" + action + "'");
    }
    return action;
  }

  private static boolean containsWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
