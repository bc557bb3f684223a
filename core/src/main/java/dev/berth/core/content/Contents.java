package dev.berth.core.content;

import dev.berth.core.Descriptor;
import dev.berth.core.DigestingInputStream;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.SizeLimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Small verbs over the content interfaces that every store and artifact helper needs. */
public final class Contents {
  /**
   * The most berth reads into memory for one manifest or index. Registries commonly cap manifests at
   * 4 MiB (distribution's default), so a larger one would not round-trip anyway.
   */
  public static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;

  private Contents() {}

  /**
   * Reads the whole content {@code target} describes into memory, verified against its digest. A read
   * that breaks or arrives corrupted is done again ({@link TransferRetries}).
   *
   * @throws SizeLimitExceededException when the descriptor's size exceeds {@code limit}, before any
   *     byte is read
   */
  public static byte[] fetchAll(ReadOnlyStorage storage, Descriptor target, long limit) throws IOException {
    if (target.size() > limit || target.size() > Integer.MAX_VALUE - 8) {
      throw new SizeLimitExceededException(target.brief(), Math.min(limit, Integer.MAX_VALUE - 8));
    }
    return TransferRetries.call(TransferRetries.retrierOf(storage), () -> {
      try (InputStream in = verifying(storage.fetch(target), target)) {
        return in.readAllBytes();
      }
    });
  }

  /**
   * Fetches a manifest or index as exact, verified bytes (at most {@link #MAX_MANIFEST_BYTES}).
   *
   * @throws SizeLimitExceededException when it is larger
   */
  public static EncodedManifest fetchManifest(ReadOnlyStorage storage, Descriptor target) throws IOException {
    return EncodedManifest.verified(target, fetchAll(storage, target, MAX_MANIFEST_BYTES));
  }

  /**
   * Fetches the manifest or index {@code reference} (a tag or digest) names, with its descriptor: one GET
   * where the store can answer a reference with the bytes (a registry), instead of a HEAD to resolve it
   * and a GET to read it.
   *
   * @throws dev.berth.core.NotFoundException when nothing has that name
   */
  public static EncodedManifest fetchReference(ReadOnlyTarget source, String reference) throws IOException {
    if (source instanceof ReferenceFetcher fetcher) {
      return fetcher.fetchReference(reference);
    }
    return fetchManifest(source, source.resolve(reference));
  }

  /**
   * Pushes {@code content} as a blob of {@code mediaType} (sha256) and returns its descriptor; an upload
   * that breaks is done again ({@link TransferRetries}).
   */
  public static Descriptor pushBytes(Storage storage, String mediaType, byte[] content) throws IOException {
    Descriptor d = Descriptor.of(mediaType, content);
    TransferRetries.push(storage, d, () -> new ByteArrayInputStream(content));
    return d;
  }

  /**
   * Describes a file as a blob of {@code mediaType}: its sha256 digest and size, from one streaming read
   * (the file is never held in memory).
   */
  public static Descriptor describeFile(String mediaType, Path file) throws IOException {
    try (DigestingInputStream in = new DigestingInputStream(LocalFiles.openRegularFile(file))) {
      in.transferTo(OutputStream.nullOutputStream());
      return Descriptor.of(mediaType, in.digest(), in.count());
    }
  }

  /**
   * Pushes {@code file} as {@code blob} unless {@code storage} already has it; an upload that breaks is
   * done again from the file ({@link TransferRetries}).
   */
  public static void pushFileIfAbsent(Storage storage, Descriptor blob, Path file) throws IOException {
    if (!storage.exists(blob)) {
      TransferRetries.push(storage, blob, () -> LocalFiles.openRegularFile(file));
    }
  }

  /** Pushes {@code content} as {@code blob} unless {@code storage} already has it, retrying as above. */
  public static void pushBytesIfAbsent(Storage storage, Descriptor blob, byte[] content) throws IOException {
    if (!storage.exists(blob)) {
      TransferRetries.push(storage, blob, () -> new ByteArrayInputStream(content));
    }
  }

  /**
   * Pushes a manifest's exact bytes and tags it when {@code tag} is not null. Where the target
   * takes a manifest under its tag in one request (a registry), that is all it costs: no HEAD first (a
   * repeated PUT of the same bytes changes nothing) and no second PUT by digest. Elsewhere the bytes are
   * pushed unless the target has them, then tagged.
   */
  public static void pushManifest(Target target, EncodedManifest manifest, @Nullable String tag) throws IOException {
    Descriptor d = manifest.descriptor();
    if (tag != null && target instanceof ReferencePusher pusher) {
      try (InputStream in = manifest.openStream()) {
        pusher.pushReference(d, in, tag);
      }
      return;
    }
    if (!target.exists(d)) {
      try (InputStream in = manifest.openStream()) {
        target.push(d, in);
      }
    }
    if (tag != null) {
      target.tag(d, tag);
    }
  }

  /**
   * The direct children of a node: config and layers of a manifest, manifests of an index, nothing for
   * a blob. Fetches the node when it is a manifest or index.
   */
  public static List<Descriptor> successors(ReadOnlyStorage storage, Descriptor node) throws IOException {
    if (!MediaTypes.isManifestOrIndex(node.mediaType())) {
      return List.of();
    }
    return fetchManifest(storage, node).children();
  }

  /**
   * Stores promise verified streams; checking again here costs one hash of a small body and keeps
   * in-memory reads honest even with a store that forgets.
   */
  private static InputStream verifying(InputStream in, Descriptor target) {
    return in instanceof VerifiedInputStream ? in : new VerifiedInputStream(in, target);
  }
}
