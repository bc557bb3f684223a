package dev.berth.core.remote.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.EncodedManifest;
import dev.berth.core.InvalidContentException;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.OciException;
import dev.berth.core.remote.TransferEvent;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** The manifest endpoints of one repository: GET, HEAD, PUT, DELETE (end-3, end-7, end-9). */
public final class Manifests {
  /** Every manifest kind berth reads, so registries do not down-convert to schema 1. */
  static final String ACCEPT = String.join(", ", MediaTypes.MANIFEST_ACCEPT);

  private final RepositoryContext ctx;

  public Manifests(RepositoryContext ctx) {
    this.ctx = ctx;
  }

  /** Fetches the manifest {@code expected} describes, checked against its size and digest. */
  public EncodedManifest fetch(Descriptor expected) throws IOException {
    if (expected.size() > ctx.settings().maxManifestBytes()) {
      throw new dev.berth.core.SizeLimitExceededException("manifest " + expected.digest(),
          ctx.settings().maxManifestBytes());
    }
    Access access = Access.pull(ctx.name());
    try (Response response = get(expected.digest().toString(), access)) {
      byte[] bytes = Bodies.readCapped(response, ctx.settings().maxManifestBytes(), "manifest " + expected.digest());
      EncodedManifest m = EncodedManifest.verified(expected, bytes);
      ctx.progress().whole(TransferEvent.Direction.DOWNLOAD, expected);
      return m;
    }
  }

  /**
   * Fetches by tag or digest. A digest reference is the identity: a {@code Docker-Content-Digest} that
   * names another digest is refused, and the bytes must hash to the reference's digest. For a tag, the
   * registry's {@code Docker-Content-Digest} is checked when it names an algorithm berth computes.
   */
  public EncodedManifest fetch(String reference) throws IOException {
    Access access = Access.pull(ctx.name());
    try (Response response = get(reference, access)) {
      byte[] bytes = Bodies.readCapped(response, ctx.settings().maxManifestBytes(), "manifest " + reference);
      String mediaType = Bodies.manifestMediaType(response.header("Content-Type"));
      Digest pinned = digestOf(reference);
      Digest header = headerDigest(response);
      EncodedManifest m = wrapFetched(mediaType, bytes, reference);
      if (pinned != null) {
        checkPinned(pinned, header, m.mediaType());
        Descriptor expected = Descriptor.of(m.mediaType(), pinned, bytes.length);
        try {
          return EncodedManifest.verified(expected, bytes);
        } catch (DigestMismatchException e) {
          throw pinMismatch(expected, e.actual());
        }
      }
      if (header == null || header.equals(m.digest()) || !header.isVerifiable()) {
        // (a digest we cannot compute, for a tag: trust the bytes' own sha256); parsing it here refuses
        // invalid content as it arrives
        return EncodedManifest.verified(m.descriptor(), bytes);
      }
      return EncodedManifest.verified(Descriptor.of(m.mediaType(), header, bytes.length), bytes);
    }
  }

  /**
   * Refuses a registry's digest header that contradicts the digest the user pinned. Headers in another
   * algorithm cannot be compared and are left to the check of the bytes; a pinned digest berth cannot
   * compute must be confirmed by the header, since nothing else can confirm it.
   */
  private void checkPinned(Digest pinned, @Nullable Digest header, String mediaType) throws DigestMismatchException {
    Descriptor expected = Descriptor.of(mediaType, pinned, 0);
    if (header != null && header.algorithm().equals(pinned.algorithm()) && !header.equals(pinned)) {
      throw pinMismatch(expected, header);
    }
    if (!pinned.isVerifiable() && !pinned.equals(header)) {
      throw new DigestMismatchException(ctx.where() + " did not confirm the pinned digest " + pinned
          + ", whose algorithm berth cannot compute", expected, header);
    }
  }

  private DigestMismatchException pinMismatch(Descriptor expected, @Nullable Digest answered) {
    return new DigestMismatchException("the reference pins manifest " + expected.digest() + " but " + ctx.where()
        + " answered with " + answered, expected, answered);
  }

  /**
   * Resolves a tag or digest with HEAD. When the registry's answer lacks the digest, size or media type,
   * the manifest is fetched instead (GET), since only its bytes can say. For a digest reference the
   * result carries that digest, and a {@code Docker-Content-Digest} naming another is refused.
   */
  public Descriptor resolve(String reference) throws IOException {
    Access access = Access.pull(ctx.name());
    Request request = ctx.request(ctx.endpoints().manifest(reference), access).head()
        .header("Accept", ACCEPT).build();
    Digest digest;
    long size;
    String mediaType;
    try (Response response = ctx.execute(request)) {
      if (!response.isSuccessful()) {
        throw ctx.failure(response, access, "manifest " + reference);
      }
      digest = headerDigest(response);
      size = parseLength(response.header("Content-Length"));
      mediaType = Bodies.manifestMediaType(response.header("Content-Type"));
      Digest pinned = digestOf(reference);
      if (pinned != null) {
        checkPinned(pinned, digest, mediaType == null ? MediaTypes.OCI_MANIFEST : mediaType);
        digest = pinned; // the user's digest is the identity, whatever algorithm the header used
      }
    }
    if (digest == null || size < 0 || mediaType == null) {
      return fetch(reference).descriptor();
    }
    return Descriptor.of(mediaType, digest, size);
  }

  /** Whether the manifest is present (HEAD by digest). */
  public boolean exists(Descriptor target, Access access) throws IOException {
    Request request = ctx.request(ctx.endpoints().manifest(target.digest().toString()), access).head()
        .header("Accept", ACCEPT).build();
    try (Response response = ctx.execute(request)) {
      if (response.code() == 404) {
        return false;
      }
      if (!response.isSuccessful()) {
        throw ctx.failure(response, access, "manifest " + target.digest());
      }
      return Sizes.matches(response.header("Content-Length"), target.size());
    }
  }

  /**
   * PUTs the exact bytes under {@code reference} (a tag, or the manifest's digest).
   *
   * @return whether the registry acknowledged a {@code subject} with {@code OCI-Subject}, i.e. indexed
   *     the referrer itself
   */
  public boolean put(EncodedManifest manifest, String reference) throws IOException {
    Access access = Access.push(ctx.name());
    RequestBody body = RequestBody.create(manifest.bytes(), MediaType.get(manifest.mediaType()));
    Request request = ctx.request(ctx.endpoints().manifest(reference), access).put(body).build();
    try (Response response = ctx.execute(request)) {
      if (!response.isSuccessful()) {
        throw ctx.failure(response, access, "manifest " + reference);
      }
      Digest answered = headerDigest(response);
      if (answered != null && answered.algorithm().equals(manifest.digest().algorithm())
          && !answered.equals(manifest.digest())) {
        throw new DigestMismatchException(manifest.descriptor(), answered);
      }
      ctx.progress().whole(TransferEvent.Direction.UPLOAD, manifest.descriptor());
      return response.header("OCI-Subject") != null;
    }
  }

  /** Deletes the manifest (by digest), which untags it too. */
  public void delete(Descriptor target) throws IOException {
    Access access = Access.delete(ctx.name());
    Request request = ctx.request(ctx.endpoints().manifest(target.digest().toString()), access).delete().build();
    try (Response response = ctx.execute(request)) {
      if (!response.isSuccessful()) {
        throw ctx.failure(response, access, "manifest " + target.digest());
      }
    }
  }

  private Response get(String reference, Access access) throws IOException {
    Request request = ctx.request(ctx.endpoints().manifest(reference), access).get()
        .header("Accept", ACCEPT).build();
    Response response = ctx.execute(request);
    if (!response.isSuccessful()) {
      throw ctx.failure(response, access, "manifest " + reference);
    }
    return response;
  }

  /**
   * A missing manifest's exception, naming the repository as missing when it is, for callers who report
   * it (not for internal lookups where absence is an answer). A HEAD's 404 has no body, and distribution
   * answers a manifest GET in an unknown repository with {@code MANIFEST_UNKNOWN}, like a missing tag;
   * its tag list answers {@code NAME_UNKNOWN}. So unless the registry already said {@code NAME_UNKNOWN},
   * one small tag-list request (on this failure path only) tells the two apart.
   */
  public NotFoundException explain(NotFoundException notFound) {
    if (notFound.kind() == NotFoundException.Kind.REPOSITORY) {
      return notFound;
    }
    Access access = Access.pull(ctx.name());
    Request probe = ctx.request(ctx.endpoints().tags(1, null), access).get().build();
    try (Response answer = ctx.execute(probe)) {
      if (answer.code() != 404) {
        return notFound.kind() == NotFoundException.Kind.MANIFEST ? notFound
            : new NotFoundException(notFound.getMessage(), NotFoundException.Kind.MANIFEST,
                notFound.response().orElse(null), null);
      }
      OciException missing = ctx.failure(answer, access, "repository " + ctx.name());
      if (missing instanceof NotFoundException repo && repo.kind() == NotFoundException.Kind.REPOSITORY) {
        return new NotFoundException("repository " + ctx.where() + " not found", NotFoundException.Kind.REPOSITORY,
            repo.response().orElse(null), notFound);
      }
      return notFound;
    } catch (IOException | RuntimeException probeFailed) {
      return notFound; // the probe only refines the answer; the manifest is missing either way
    }
  }

  /** Wraps a fetched manifest's bytes; a missing or unreadable media type is the server's fault. */
  private EncodedManifest wrapFetched(@Nullable String mediaType, byte[] bytes, String reference) throws OciException {
    try {
      return EncodedManifest.wrap(mediaType, bytes);
    } catch (IllegalArgumentException e) {
      throw new InvalidContentException(ctx.where() + " sent manifest " + reference + " without a usable media type: "
          + e.getMessage(), e);
    }
  }

  /** The digest a reference names, or null for a tag. */
  static @Nullable Digest digestOf(String reference) {
    if (reference.indexOf(':') < 0) {
      return null;
    }
    return Digest.parse(reference);
  }

  private @Nullable Digest headerDigest(Response response) throws OciException {
    String header = response.header("Docker-Content-Digest");
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Digest.parse(header.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidContentException(ctx.where() + " sent a malformed Docker-Content-Digest", e);
    }
  }

  private static long parseLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
