package dev.berth.artifacts.internal;

import dev.berth.auth.CredentialProvider;
import dev.berth.core.Reference;
import dev.berth.core.remote.RegistryClient;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the one-call push and pull helpers ({@code FileArtifacts.push(Reference, ...)}, {@code
 * WasmArtifacts.pull(Reference, ...)}) share: the client they build and how a reference must look for
 * each direction, so that every artifact type answers the same way.
 */
public final class OneCall {
  private OneCall() {}

  /**
   * A client as the CLI builds one without flags: https, the JDK's trusted roots, and {@link
   * CredentialProvider#defaults()} (docker's config.json with its credential helpers, podman's
   * auth.json, Helm's registry config, then {@code GITHUB_TOKEN}). It is built on berth's one
   * process-wide connection pool ({@code SharedHttpClient}), so it owns no connection, thread or file:
   * once the call returns there is nothing to close. A new one per call reads the credential stores
   * again, so a login made while the program runs is seen.
   */
  public static RegistryClient defaultClient() {
    return RegistryClient.builder().credentials(CredentialProvider.defaults()).build();
  }

  /**
   * The tag to push under (null for an untagged push).
   *
   * @throws IllegalArgumentException when {@code ref} holds a digest: a push's digest is its new
   *     manifest's, computed from the content, so only a tag can be asked for
   */
  public static @Nullable String tagToPush(Reference ref) {
    Objects.requireNonNull(ref, "ref");
    if (ref.digest() != null) {
      throw new IllegalArgumentException("push takes a tag, not a digest (" + ref
          + "): the digest is the new manifest's, computed from its content");
    }
    return ref.tag();
  }

  /**
   * The tag or digest to pull; the digest when {@code ref} has both, so it pins the content.
   *
   * @throws IllegalArgumentException when {@code ref} names neither
   */
  public static String toPull(Reference ref) {
    Objects.requireNonNull(ref, "ref");
    if (ref.reference() == null) {
      throw new IllegalArgumentException(ref + " names no tag or digest (add :TAG or @sha256:...)");
    }
    return ref.reference();
  }
}
