package dev.berth.artifacts.github;

import java.util.Objects;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Who owns a GitHub package, which decides the REST path: the authenticated user ({@code /user}), an
 * organisation ({@code /orgs/ORG}) or a named user ({@code /users/USER}).
 */
public final class PackageOwner {
  private enum Kind { AUTHENTICATED_USER, ORG, USER }

  private static final PackageOwner AUTHENTICATED = new PackageOwner(Kind.AUTHENTICATED_USER, null);

  private final Kind kind;
  private final @Nullable String name;

  private PackageOwner(Kind kind, @Nullable String name) {
    this.kind = kind;
    this.name = name;
  }

  /** The user the token belongs to: {@code /user/packages/...}. */
  public static PackageOwner authenticatedUser() {
    return AUTHENTICATED;
  }

  /** An organisation: {@code /orgs/ORG/packages/...}. */
  public static PackageOwner org(String org) {
    return new PackageOwner(Kind.ORG, requireName(org, "organisation"));
  }

  /** A user by login: {@code /users/USER/packages/...}. */
  public static PackageOwner user(String login) {
    return new PackageOwner(Kind.USER, requireName(login, "user"));
  }

  /** The owner's login, or empty for the authenticated user. */
  public String name() {
    return name == null ? "" : name;
  }

  /** Appends this owner's path segments ({@code user}, {@code orgs/ORG} or {@code users/USER}). */
  HttpUrl.Builder appendTo(HttpUrl.Builder url) {
    return switch (kind) {
      case AUTHENTICATED_USER -> url.addPathSegment("user");
      case ORG -> url.addPathSegment("orgs").addPathSegment(name);
      case USER -> url.addPathSegment("users").addPathSegment(name);
    };
  }

  private static String requireName(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " name must not be blank");
    }
    return value;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PackageOwner p && p.kind == kind && Objects.equals(p.name, name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, name);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case AUTHENTICATED_USER -> "the authenticated user";
      case ORG -> "organisation " + name;
      case USER -> "user " + name;
    };
  }
}
