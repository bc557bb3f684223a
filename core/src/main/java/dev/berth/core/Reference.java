package dev.berth.core;

import dev.berth.auth.DockerHub;
import dev.berth.core.internal.ReferenceGrammar;
import org.jspecify.annotations.Nullable;

/**
 * A reference to content in a registry: {@code registry/repository[:tag][@digest]}, following the
 * grammar of the distribution project's {@code reference} package.
 *
 * <p>{@link #parse(String)} accepts the familiar Docker forms and normalises them the way {@code
 * docker pull} does:
 *
 * <ul>
 *   <li>{@code alpine} becomes {@code docker.io/library/alpine};
 *   <li>{@code user/app} becomes {@code docker.io/user/app}: the first path component is a registry
 *       host only when it contains a {@code .} or a {@code :port}, is {@code localhost}, or is a
 *       bracketed IPv6 address;
 *   <li>{@code index.docker.io} becomes {@code docker.io}; {@link #apiHost()} gives the host that
 *       actually serves Docker Hub's API, {@code registry-1.docker.io}.
 * </ul>
 *
 * <p>Every instance is in canonical form, so {@code Reference.parse(r.toString()).equals(r)} always
 * holds. A reference may carry a tag and a digest together; the digest then identifies the content
 * and the tag is informational (see {@link #reference()}).
 *
 * <p>One deliberate difference from distribution: a first component with upper-case letters (such as
 * {@code MyOrg/app}) is not taken for a registry host but refused as an upper-case repository name,
 * because that is almost always what the user meant.
 *
 * @param registry the registry host, with port if any, e.g. {@code ghcr.io}, {@code localhost:5000},
 *     {@code [::1]:5000}
 * @param repository the repository path, e.g. {@code library/alpine}; lower-case, at most 255 characters
 * @param tag the tag, or null
 * @param digest the digest, or null
 */
public record Reference(String registry, String repository, @Nullable String tag, @Nullable Digest digest) {
  private static final String OFFICIAL_PREFIX = "library/";

  /**
   * Validates and normalises the parts: {@code index.docker.io} becomes {@code docker.io}, and a
   * single-component Docker Hub repository gains the {@code library/} namespace.
   *
   * @throws IllegalArgumentException naming the bad part
   */
  public Reference {
    ReferenceGrammar.checkRegistry(registry);
    if (registry.equals(DockerHub.LEGACY_NAME)) {
      registry = DockerHub.NAME;
    }
    if (registry.equals(DockerHub.NAME) && repository != null && !repository.isEmpty() && repository.indexOf('/') < 0) {
      repository = OFFICIAL_PREFIX + repository;
    }
    // Only an implicit Docker Hub reference may have mistaken a registry host for a namespace.
    ReferenceGrammar.checkRepository(repository, registry.equals(DockerHub.NAME));
    if (tag != null) {
      ReferenceGrammar.checkTag(tag);
    }
  }

  /**
   * Checks a tag on its own (distribution-spec: a letter, digit or {@code _}, then up to 127 letters,
   * digits, {@code _ . -}); the one tag rule for references, registries, layouts and the CLI.
   *
   * @return {@code tag}
   * @throws IllegalArgumentException naming the tag and the character or length at fault
   */
  public static String checkTag(String tag) {
    ReferenceGrammar.checkTag(tag);
    return tag;
  }

  /**
   * A reference to a repository, without tag or digest.
   *
   * @throws IllegalArgumentException naming the bad part
   */
  public static Reference of(String registry, String repository) {
    return new Reference(registry, repository, null, null);
  }

  /**
   * Parses {@code [registry/]repository[:tag][@digest]}, normalising Docker Hub names (see the class
   * documentation).
   *
   * @throws IllegalArgumentException naming the part that is wrong (registry, repository, tag or
   *     digest) and, where one character is at fault, which one and where
   */
  public static Reference parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("reference is empty");
    }
    int scheme = text.indexOf("://");
    if (scheme >= 0) {
      throw new IllegalArgumentException("reference must not be a URL: drop " + ReferenceGrammar.quote(
          text.substring(0, Math.min(scheme, 20)) + "://") + " and write host/repository[:tag][@digest]");
    }
    if (isImageId(text)) {
      throw new IllegalArgumentException("reference is a bare 64-character hex string, which reads as an image ID,"
          + " not a repository name; write repository@sha256:<hex> instead");
    }

    String rest = text;
    Digest digest = null;
    int at = text.indexOf('@');
    if (at >= 0) {
      String before = text.substring(0, at);
      String after = text.substring(at + 1);
      if (before.indexOf('/') < 0 && after.indexOf('/') >= 0) {
        // "user:secret@host/repo": never echo this input, it may hold a credential.
        throw new IllegalArgumentException("reference has '@' before the registry host, as in user:password@host;"
            + " credentials do not belong in a reference, give them to the client separately");
      }
      if (before.isEmpty()) {
        throw new IllegalArgumentException("reference has no repository before '@'");
      }
      if (after.indexOf('@') >= 0) {
        throw new IllegalArgumentException("reference has more than one '@' (only one digest may follow the name)");
      }
      try {
        digest = Digest.parse(after);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("reference digest is invalid: " + e.getMessage(), e);
      }
      rest = before;
    }

    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.indexOf(':', lastSlash + 1);
    if (lastSlash < 0 && rest.startsWith("[")) {
      throw new IllegalArgumentException("reference " + ReferenceGrammar.quote(rest)
          + " names only a registry host; add /repository");
    }
    if (colon >= 0) {
      tag = rest.substring(colon + 1);
      if (tag.isEmpty()) {
        throw new IllegalArgumentException("reference has an empty tag after ':'");
      }
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("reference has no repository before ':'");
    }

    String registry = DockerHub.NAME;
    String repository = rest;
    int firstSlash = rest.indexOf('/');
    if (firstSlash >= 0 && looksLikeHost(rest.substring(0, firstSlash))) {
      registry = rest.substring(0, firstSlash);
      repository = rest.substring(firstSlash + 1);
    }
    return new Reference(registry, repository, tag, digest);
  }

  /** A copy with this tag (null for none); the digest, if any, is kept. */
  public Reference withTag(String newTag) {
    return new Reference(registry, repository, newTag, digest);
  }

  /** A copy with this digest (null for none); the tag, if any, is kept. */
  public Reference withDigest(Digest newDigest) {
    return new Reference(registry, repository, tag, newDigest);
  }

  /** The same repository with neither tag nor digest. */
  public Reference withoutTagOrDigest() {
    return new Reference(registry, repository, null, null);
  }

  /**
   * What to ask the registry for: the digest when there is one (it pins the content even when a tag
   * is also given), else the tag, else null.
   */
  public @Nullable String reference() {
    return digest != null ? digest.toString() : tag;
  }

  /** {@code registry/repository}, without tag or digest. */
  public String name() {
    return registry + "/" + repository;
  }

  /** The host to send registry API requests to: {@code registry-1.docker.io} for Docker Hub, else {@link #registry()}. */
  public String apiHost() {
    return DockerHub.apiHost(registry);
  }

  /** {@code registry/repository[:tag][@digest]}; {@link #parse(String)} gives back an equal reference. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(registry).append('/').append(repository);
    if (tag != null) {
      sb.append(':').append(tag);
    }
    if (digest != null) {
      sb.append('@').append(digest);
    }
    return sb.toString();
  }

  private static boolean looksLikeHost(String first) {
    return first.equals("localhost") || first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.startsWith("[");
  }

  private static boolean isImageId(String text) {
    if (text.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
