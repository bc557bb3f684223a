package dev.berth.core.layout;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Deleter;
import dev.berth.core.content.ReferrerLister;
import dev.berth.core.content.TagLister;
import dev.berth.core.content.Target;
import dev.berth.core.content.internal.Descriptors;
import dev.berth.core.internal.ReferenceGrammar;
import dev.berth.core.layout.internal.BlobFiles;
import dev.berth.core.layout.internal.GarbageCollector;
import dev.berth.core.layout.internal.IndexFile;
import dev.berth.core.layout.internal.LayoutFiles;
import dev.berth.core.layout.internal.LayoutLock;
import dev.berth.core.layout.internal.LayoutReferrers;
import dev.berth.core.layout.internal.ManifestBlobs;
import dev.berth.core.layout.internal.RefNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A directory in OCI image layout 1.1 (image-spec image-layout.md): {@code oci-layout}, {@code
 * index.json} and {@code blobs/<alg>/<encoded>}. skopeo ({@code oci:DIR:TAG}), umoci and oras read and
 * write the same format.
 *
 * <p>Tags are index.json entries annotated with {@code org.opencontainers.image.ref.name}; untagged
 * manifests live only as blobs and still resolve by digest. Layouts written by other tools may use full
 * references as ref names ({@code docker.io/library/alpine:3.19}); such a name resolves exactly, and by
 * its tag alone when no other entry claims that tag.
 *
 * <p>Safe for concurrent use by many threads, and by several processes that lock the same way: a blob
 * is written to a temp file while it is hashed and moved into place only once verified; index.json is
 * replaced atomically under a lock (in-process, plus an advisory file lock on {@code oci-layout}).
 * A failure midway leaves no partial blob and no partial index.
 */
public final class OciLayout implements Target, Deleter, TagLister, ReferrerLister {
  private final Path root;
  private final BlobFiles blobs;
  private final IndexFile index;
  private final ManifestBlobs manifests;
  private final LayoutLock lock;
  private final LayoutReferrers referrers;

  private OciLayout(Path root) {
    this.root = root;
    this.blobs = new BlobFiles(root);
    this.index = new IndexFile(root);
    this.manifests = new ManifestBlobs(blobs);
    this.lock = new LayoutLock(root, LayoutFiles.marker(root));
    this.referrers = new LayoutReferrers(blobs);
  }

  /**
   * Opens the layout at {@code dir}, creating the directory, {@code oci-layout}, an empty {@code
   * index.json} and {@code blobs/} where missing.
   *
   * @throws dev.berth.core.UnsupportedException when {@code oci-layout} names a version other than 1.x
   */
  public static OciLayout open(Path dir) throws IOException {
    Path root = LayoutFiles.create(dir);
    OciLayout layout = new OciLayout(root);
    if (!LayoutFiles.hasIndex(root)) {
      // Locked only when writing, so a complete layout on read-only media opens for reading.
      layout.lock.run(() -> {
        LayoutFiles.ensureIndex(root);
      });
    }
    return layout;
  }

  /** The layout directory (its real path). */
  public Path root() {
    return root;
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    return blobs.open(target);
  }

  @Override
  public boolean exists(Descriptor target) throws IOException {
    return blobs.exists(target);
  }

  /**
   * The descriptor of a blob known only by its digest, as {@link dev.berth.core.remote.Repository#resolveBlob}
   * gives for a registry: its size, and the media type {@code application/octet-stream}.
   *
   * @throws NotFoundException when the layout holds no such blob
   */
  public Descriptor resolveBlob(Digest digest) throws IOException {
    long size = blobs.size(digest);
    if (size < 0) {
      throw new NotFoundException("blob " + digest + " not found in OCI layout " + root, NotFoundException.Kind.BLOB, null, null);
    }
    return Descriptor.of("application/octet-stream", digest, size);
  }

  /** {@inheritDoc} Content already present is not read again. */
  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    if (blobs.exists(expected)) {
      return;
    }
    blobs.write(expected, content);
    if (MediaTypes.isManifestOrIndex(expected.mediaType()) && expected.size() <= Contents.MAX_MANIFEST_BYTES) {
      EncodedManifest m = manifests.read(expected.digest());
      if (m != null) {
        referrers.onPushed(m);
      }
    }
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    List<Descriptor> entries = index.entries();
    Descriptor named = RefNames.find(entries, reference);
    if (named != null) {
      return Descriptors.plain(named);
    }
    Digest digest = Descriptors.digestNamedBy(reference);
    if (digest != null) {
      Descriptor entry = RefNames.findDigest(entries, digest);
      if (entry != null) {
        return Descriptors.plain(entry);
      }
      EncodedManifest m = manifests.read(digest);
      if (m != null) {
        return m.descriptor();
      }
    }
    throw new NotFoundException("\"" + reference + "\" not found in OCI layout " + root, NotFoundException.Kind.MANIFEST,
        null, null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code tag} is a registry tag or any ref name image-spec allows (such as a full reference).
   */
  @Override
  public void tag(Descriptor target, String tag) throws IOException {
    ReferenceGrammar.checkLayoutRefName(tag);
    if (!blobs.exists(target)) {
      throw new NotFoundException("cannot tag " + target.brief() + " as " + tag + ": not in OCI layout " + root,
          NotFoundException.Kind.MANIFEST, null, null);
    }
    Descriptor entry = Descriptors.plain(target).withAnnotation(Descriptor.ANNOTATION_REF_NAME, tag);
    lock.run(() -> {
      Index current = index.read();
      List<Descriptor> entries = RefNames.without(current.manifests(), tag);
      entries.add(entry);
      index.write(current.withManifests(entries));
    });
  }

  /**
   * Removes the index.json entry named {@code tag} exactly. The manifest stays as a blob (still
   * resolvable by digest) until {@link #gc()}.
   *
   * @throws NotFoundException when no entry has that name
   */
  public void untag(String tag) throws IOException {
    lock.run(() -> {
      Index current = index.read();
      List<Descriptor> kept = RefNames.without(current.manifests(), tag);
      if (kept.size() == current.manifests().size()) {
        throw new NotFoundException("tag \"" + tag + "\" not found in OCI layout " + root, NotFoundException.Kind.MANIFEST,
            null, null);
      }
      index.write(current.withManifests(kept));
    });
  }

  /** {@inheritDoc} Deleting a manifest also removes every index.json entry (tag) pointing at it. */
  @Override
  public void delete(Descriptor target) throws IOException {
    lock.run(() -> {
      Index current = index.read();
      List<Descriptor> kept = new ArrayList<>(current.manifests());
      boolean untagged = kept.removeIf(e -> e.digest().equals(target.digest()));
      if (untagged) {
        index.write(current.withManifests(kept));
      }
      boolean deleted = blobs.delete(target.digest());
      referrers.onDeleted(target.digest());
      if (!deleted && !untagged) {
        throw new NotFoundException(target.brief() + " not found in OCI layout " + root,
            NotFoundException.kindOf(target), null, null);
      }
    });
  }

  /** The ref names in index.json, sorted and without duplicates. */
  @Override
  public List<String> tags() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    for (Descriptor e : index.entries()) {
      String name = RefNames.of(e);
      if (name != null) {
        names.add(name);
      }
    }
    return new ArrayList<>(names);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The first call scans the layout's blobs for manifests with a subject; later calls answer from
   * memory, kept current by pushes and deletes through this object.
   */
  @Override
  public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType) throws IOException {
    if (!referrers.scanned()) {
      lock.run(() -> {
        referrers.ensureScanned();
      });
    }
    return referrers.list(subject.digest(), artifactType);
  }

  /**
   * Deletes every blob that no index.json entry reaches (through manifests, indexes and referrers of
   * reachable manifests), and temp files that interrupted pushes left behind. Do not run it while a
   * copy into this layout is in flight: the copy's blobs are unreachable until it tags its root.
   */
  public GcResult gc() throws IOException {
    return lock.with(new GarbageCollector(blobs, index, referrers)::collect);
  }

  @Override
  public String toString() {
    return "OciLayout{" + root + "}";
  }
}
