package dev.berth.core.remote;

import dev.berth.core.AccessDeniedException;
import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.Reference;
import dev.berth.core.SizeLimitExceededException;
import dev.berth.core.content.ContentOpener;
import dev.berth.core.content.Deleter;
import dev.berth.core.content.Mounter;
import dev.berth.core.content.PageConsumer;
import dev.berth.core.content.ReferenceFetcher;
import dev.berth.core.content.ReferencePusher;
import dev.berth.core.content.ReferrerLister;
import dev.berth.core.content.Retrier;
import dev.berth.core.content.TagLister;
import dev.berth.core.content.Target;
import dev.berth.core.internal.ReferenceGrammar;
import dev.berth.core.remote.internal.Access;
import dev.berth.core.remote.internal.BlobUploads;
import dev.berth.core.remote.internal.Blobs;
import dev.berth.core.remote.internal.Manifests;
import dev.berth.core.remote.internal.RecentManifests;
import dev.berth.core.remote.internal.Referrers;
import dev.berth.core.remote.internal.RepositoryContext;
import dev.berth.core.remote.internal.Tags;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One repository on a remote OCI registry, as a content {@link Target}: blobs and manifests are fetched
 * and pushed, tags resolved and set, and the optional abilities a registry offers (delete, cross-mount,
 * tag listing, referrers) are here too. Obtain one from {@link RegistryClient#repository}.
 *
 * <p>Content is routed by media type: descriptors of manifests and indexes (OCI and Docker) go to the
 * manifest endpoints, everything else to the blob endpoints.
 *
 * <p>Pushes are one pass over the caller's stream in constant memory: the digest is computed while the
 * bytes stream, and a stream that is not the promised content fails before the registry can complete the
 * upload. Fetches are verified at end of stream and resume a broken download where it stopped. Every
 * request of a push asks for {@code pull,push} access, so a single token covers the whole flow.
 *
 * <p>Immutable and thread-safe; cheap to create.
 */
public final class Repository implements Target, Deleter, Mounter, TagLister, ReferrerLister, ReferenceFetcher,
    ReferencePusher, Retrier.Governed {
  private final RepositoryContext ctx;
  private final Blobs blobs;
  private final BlobUploads uploads;
  private final Manifests manifests;
  private final Tags tags;
  private final Referrers referrers;
  private final RecentManifests recentManifests;
  private final Reference reference;

  Repository(RepositoryContext ctx, Reference reference, RecentManifests recentManifests) {
    this.ctx = ctx;
    this.reference = reference;
    this.blobs = new Blobs(ctx);
    this.uploads = new BlobUploads(ctx);
    this.manifests = new Manifests(ctx);
    this.tags = new Tags(ctx);
    this.referrers = new Referrers(ctx, manifests);
    this.recentManifests = recentManifests;
  }

  /**
   * This repository, reporting the transfers of whatever is done through the returned view to {@code
   * listener} too (besides the client's listener): progress for one operation. The view shares the
   * client, its connections, token cache and locks; pass it where a {@code Target} goes:
   * {@code FileArtifacts.push(repository.withProgress(bar), ...)}, {@code copier.copy(src, repo.withProgress(l), ...)}.
   */
  public Repository withProgress(ProgressListener listener) {
    return new Repository(ctx.withProgress(java.util.Objects.requireNonNull(listener, "listener")), reference,
        recentManifests);
  }

  /** This repository as a reference without tag or digest, e.g. {@code ghcr.io/owner/app}. */
  public Reference reference() {
    return reference;
  }

  /** The registry host as named, e.g. {@code ghcr.io} or {@code localhost:5000}. */
  public String host() {
    return ctx.host();
  }

  /** The repository name, e.g. {@code owner/app}. */
  public String name() {
    return ctx.name();
  }

  /**
   * How many blobs an operation on this repository moves at once: the {@link
   * RegistryClient.Builder#concurrency concurrency} of the client that made it.
   */
  public int concurrency() {
    return ctx.settings().concurrency();
  }

  /**
   * Fetches a blob or manifest, verified against {@code target} at end of stream.
   *
   * @throws dev.berth.core.NotFoundException when absent
   */
  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    if (isManifest(target)) {
      return fetchManifest(target).openStream();
    }
    return blobs.fetch(target);
  }

  /**
   * Whether the blob or manifest is present (HEAD). This is what a copy asks of its destination before
   * pushing, so it asks for {@code pull,push} access (one token for the whole push); with credentials
   * that only allow pulling, it asks again with {@code pull}.
   */
  @Override
  public boolean exists(Descriptor target) throws IOException {
    try {
      return exists(target, Access.push(ctx.name()));
    } catch (AccessDeniedException e) {
      return exists(target, Access.pull(ctx.name()));
    }
  }

  private boolean exists(Descriptor target, Access access) throws IOException {
    if (isManifest(target)) {
      return manifests.exists(target, access);
    }
    // A blob this client just pushed or saw here (the config shared by many artifacts) needs no new HEAD.
    return ctx.presence().knownPresent(ctx.host(), ctx.name(), target) || blobs.exists(target, access);
  }

  /**
   * Pushes a blob or manifest. A blob already present (per a HEAD, or an {@link #exists} just before) is
   * not sent again. A manifest is read whole (it is capped at the client's manifest limit), checked
   * against {@code expected}, and PUT by digest; when it has a {@code subject} and the registry does
   * not index referrers itself, the subject's referrers fallback tag is updated.
   */
  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    if (isManifest(expected)) {
      pushManifest(readManifest(expected, content), List.of());
      return;
    }
    if (!alreadyPresent(expected)) {
      uploads.upload(expected, content);
    }
  }

  /**
   * Pushes a blob or manifest whose content can be opened again. Like {@link #push(Descriptor,
   * InputStream)}, and more robust: when an upload breaks (a reset connection, a registry that forgets
   * the session, a 5xx on the final PUT), it starts over with a fresh stream instead of failing, up to
   * the client's {@link RegistryClient.Builder#maxResumes resume limit}. Each stream opened is closed.
   */
  public void push(Descriptor expected, ContentOpener content) throws IOException {
    if (isManifest(expected)) {
      try (InputStream in = content.open()) {
        push(expected, in);
      }
      return;
    }
    if (!alreadyPresent(expected)) {
      uploads.upload(expected, content);
    }
  }

  /** Whether the blob is here already, from what this client just learnt or else a HEAD. */
  private boolean alreadyPresent(Descriptor blob) throws IOException {
    Boolean known = ctx.presence().take(ctx.host(), ctx.name(), blob.digest());
    boolean present = known != null ? known : blobs.exists(blob, Access.push(ctx.name()));
    if (present) {
      ctx.progress().done(TransferEvent.Direction.UPLOAD, blob);
    }
    return present;
  }

  /**
   * Pushes a manifest or index under {@code tag} with one PUT (instead of a PUT by digest and another by
   * tag); a blob is pushed as by {@link #push} and then tagged.
   */
  @Override
  public void pushReference(Descriptor expected, InputStream content, String tag) throws IOException {
    if (!isManifest(expected)) {
      push(expected, content);
      tag(expected, tag);
      return;
    }
    ReferenceGrammar.checkTag(tag);
    pushManifest(readManifest(expected, content), List.of(tag));
  }

  private EncodedManifest readManifest(Descriptor expected, InputStream content) throws IOException {
    long limit = ctx.settings().maxManifestBytes();
    if (expected.size() > limit) {
      throw new SizeLimitExceededException("manifest " + expected.digest(), limit);
    }
    byte[] bytes = content.readNBytes((int) expected.size());
    if (content.read() >= 0) {
      throw new dev.berth.core.SizeMismatchException(expected, -1);
    }
    return EncodedManifest.verified(expected, bytes);
  }

  /**
   * PUTs a manifest's exact bytes under each of {@code tags}, or under its digest when there are none,
   * and keeps the referrers fallback tag of its subject up to date when the registry does not.
   *
   * @return the manifest's descriptor
   */
  public Descriptor pushManifest(EncodedManifest manifest, List<String> tags) throws IOException {
    List<String> references = tags.isEmpty() ? List.of(manifest.digest().toString()) : tags;
    boolean indexedByRegistry = false;
    for (String reference : references) {
      indexedByRegistry |= manifests.put(manifest, reference);
    }
    recentManifests.remember(ctx.host(), ctx.name(), manifest);
    Descriptor subject = Referrers.subjectOf(manifest);
    if (subject != null && !indexedByRegistry) {
      referrers.addToFallback(manifest, subject);
    }
    return manifest.descriptor();
  }

  /**
   * Resolves a tag or digest to its manifest's descriptor (HEAD; GET when the answer lacks details).
   *
   * @throws dev.berth.core.NotFoundException when nothing has that name
   */
  @Override
  public Descriptor resolve(String reference) throws IOException {
    String checked = checkReference(reference);
    try {
      return manifests.resolve(checked);
    } catch (NotFoundException e) {
      throw manifests.explain(e); // which is missing: the repository, or the tag or digest
    }
  }

  /**
   * Fetches a manifest or index by tag or digest, checking its digest.
   *
   * @throws dev.berth.core.NotFoundException when absent
   * @throws SizeLimitExceededException when larger than the client's manifest limit
   */
  public EncodedManifest fetchManifest(String reference) throws IOException {
    String checked = checkReference(reference);
    try {
      return manifests.fetch(checked);
    } catch (NotFoundException e) {
      throw manifests.explain(e); // which is missing: the repository, or the tag or digest
    }
  }

  /**
   * Fetches a manifest or index by tag or digest (one GET), with its descriptor. This is how {@link
   * dev.berth.core.copy.Copier} starts a copy from here, using the bytes it got instead of fetching them
   * again; {@link #resolve} asks with HEAD instead, which registries such as Docker Hub do not count as a
   * pull.
   */
  @Override
  public EncodedManifest fetchReference(String reference) throws IOException {
    return fetchManifest(reference);
  }

  /** Fetches the manifest {@code target} describes, checked against its digest and size. */
  public EncodedManifest fetchManifest(Descriptor target) throws IOException {
    return manifests.fetch(target);
  }

  /**
   * Points {@code tag} at the manifest {@code target} describes, by PUTting its bytes under the tag (the
   * registry API has no other way). Bytes pushed recently through this client are not fetched again.
   */
  @Override
  public void tag(Descriptor target, String tag) throws IOException {
    ReferenceGrammar.checkTag(tag);
    EncodedManifest recent = recentManifests.get(ctx.host(), ctx.name(), target.digest());
    EncodedManifest m = recent != null && recent.descriptor().size() == target.size()
        ? recent : manifests.fetch(target);
    manifests.put(m, tag);
    recentManifests.remember(ctx.host(), ctx.name(), m);
  }

  /** The descriptor of a blob known only by its digest (HEAD); the media type is {@code application/octet-stream}. */
  public Descriptor resolveBlob(Digest digest) throws IOException {
    return blobs.stat(digest, "application/octet-stream");
  }

  /**
   * Deletes a manifest (with its tags) or a blob. For a manifest with a subject on a registry without
   * the referrers API, it is also taken out of the subject's fallback index.
   *
   * @throws dev.berth.core.UnsupportedException when the registry refuses deletes (ghcr.io, or
   *     distribution without {@code delete: enabled})
   */
  @Override
  public void delete(Descriptor target) throws IOException {
    if (!isManifest(target)) {
      blobs.delete(target);
      return;
    }
    Descriptor subject = null;
    if (referrers.fallbackMayBeNeeded()) {
      subject = Referrers.subjectOf(fetchManifest(target));
    }
    manifests.delete(target);
    recentManifests.forget(ctx.host(), ctx.name(), target.digest());
    if (subject != null) {
      referrers.removeFromFallback(target, subject);
    }
  }

  /**
   * Makes {@code blob} present by mounting it from {@code fromRepository} on the same registry
   * (one POST when the registry agrees), uploading it from {@code fallback} when it declines.
   */
  @Override
  public void mount(Descriptor blob, String fromRepository, ContentOpener fallback) throws IOException {
    Objects.requireNonNull(fromRepository, "fromRepository");
    uploads.mount(blob, fromRepository, fallback);
  }

  /** All tags, in the registry's (lexical) order, following pagination. */
  @Override
  public List<String> tags() throws IOException {
    return tags.list(0, null);
  }

  /**
   * The tags a page at a time, as they arrive (each page sorted), holding one page in memory; stops
   * when {@code consumer} returns false.
   *
   * @throws SizeLimitExceededException when the listing exceeds the client's total caps ({@link
   *     RegistryClient.Builder#maxListEntries}, {@link RegistryClient.Builder#maxListBytes})
   */
  @Override
  public void tags(PageConsumer<String> consumer) throws IOException {
    tags.pages(0, null, consumer);
  }

  /** All tags, asking the registry for pages of {@code pageSize} ({@code n}). */
  public List<String> tags(int pageSize) throws IOException {
    if (pageSize < 0) {
      throw new IllegalArgumentException("page size must not be negative: " + pageSize);
    }
    return tags.list(pageSize, null);
  }

  /**
   * The manifests whose subject is {@code subject}: from the referrers API where the registry has it,
   * else from the {@code <alg>-<hex>} fallback tag.
   *
   * @param artifactType only referrers of this type, or null for all
   */
  @Override
  public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType) throws IOException {
    return referrers.list(subject, artifactType);
  }

  /**
   * The referrers a page at a time, as they arrive; stops when {@code consumer} returns false.
   *
   * @throws SizeLimitExceededException when the listing exceeds the client's total caps
   */
  @Override
  public void referrers(Descriptor subject, @Nullable String artifactType, PageConsumer<Descriptor> consumer)
      throws IOException {
    referrers.pages(subject, artifactType, consumer);
  }

  /**
   * How transfers to and from this repository are retried: the client's {@link RetryPolicy}, which
   * {@link dev.berth.core.content.TransferRetries} and {@link dev.berth.core.copy.Copier} follow.
   */
  @Override
  public RetryPolicy retrier() {
    return ctx.settings().retryPolicy();
  }

  @Override
  public String toString() {
    return "Repository{" + ctx.where() + "}";
  }

  private static boolean isManifest(Descriptor d) {
    return MediaTypes.isManifestOrIndex(d.mediaType());
  }

  /** A tag by the one tag rule, or a digest; a name with a ':' can only be a digest. */
  private static String checkReference(String reference) {
    Objects.requireNonNull(reference, "reference");
    if (reference.indexOf(':') >= 0) {
      Digest.parse(reference);
    } else {
      ReferenceGrammar.checkTag(reference);
    }
    return reference;
  }
}
