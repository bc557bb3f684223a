package dev.berth.core.remote.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.OciException;
import dev.berth.core.content.PageConsumer;
import dev.berth.core.internal.ModelReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Referrers (distribution-spec v1.1 "Listing Referrers", end-12a/12b) and, for registries without that
 * API (distribution 2.8, ghcr.io), the referrers tag schema: an index tagged {@code <alg>-<hex>} of the
 * subject's digest that clients keep up to date themselves.
 */
public final class Referrers {
  /** The spec's header naming the filters a registry applied; without it berth filters itself. */
  private static final String FILTERS_APPLIED = "OCI-Filters-Applied";

  private final RepositoryContext ctx;
  private final Manifests manifests;

  public Referrers(RepositoryContext ctx, Manifests manifests) {
    this.ctx = ctx;
    this.manifests = manifests;
  }

  /** The manifests whose subject is {@code subject}, of {@code artifactType} when not null. */
  public List<Descriptor> list(Descriptor subject, @Nullable String artifactType) throws IOException {
    List<Descriptor> out = new ArrayList<>();
    pages(subject, artifactType, page -> {
      out.addAll(page);
      return true; // List.addAll says whether the list changed: an empty page must not stop the listing
    });
    return out;
  }

  /**
   * The referrers a page at a time, within the client's total caps on the listing: from the API where
   * the registry has it, else (one page) from the fallback tag.
   *
   * @param consumer returns false to stop
   */
  public void pages(Descriptor subject, @Nullable String artifactType, PageConsumer<Descriptor> consumer) throws IOException {
    if (ctx.referrersSupport().of(ctx.host()) != ReferrersSupport.State.UNSUPPORTED) {
      if (viaApi(subject, artifactType, consumer)) {
        ctx.referrersSupport().learn(ctx.host(), ReferrersSupport.State.SUPPORTED);
        return;
      }
      ctx.referrersSupport().learn(ctx.host(), ReferrersSupport.State.UNSUPPORTED);
    }
    consumer.page(filter(fallbackIndex(subject), artifactType));
  }

  /**
   * Adds {@code referrer} to its subject's fallback index, for a registry that did not index it itself
   * (no {@code OCI-Subject} in the PUT's answer). Merges with what is there and skips duplicates.
   *
   * <p>The tag schema has no conditional write, so another process (a second CI job attaching to the
   * same image) may read the old index before this write and put its own after it, dropping this
   * entry. So this reads the tag again just before writing, and after writing waits a moment, reads
   * it back and merges again if the entry is gone, up to {@link #FALLBACK_ATTEMPTS} times; a loss then
   * needs the other writer's last read and its write to straddle this whole pause. Within one client
   * a lock serialises the updates.
   */
  public void addToFallback(EncodedManifest referrer, Descriptor subject) throws IOException {
    Descriptor entry = entryFor(referrer);
    updateFallback(subject, current -> {
      if (current.stream().anyMatch(d -> d.digest().equals(entry.digest()))) {
        return null;
      }
      List<Descriptor> updated = new ArrayList<>(current);
      updated.add(entry);
      return updated;
    }, current -> current.stream().anyMatch(d -> d.digest().equals(entry.digest())));
  }

  /** Removes a deleted referrer from its subject's fallback index, if it is listed there; as above. */
  public void removeFromFallback(Descriptor referrer, Descriptor subject) throws IOException {
    updateFallback(subject, current -> {
      List<Descriptor> updated = current.stream().filter(d -> !d.digest().equals(referrer.digest())).toList();
      return updated.size() == current.size() ? null : updated;
    }, current -> current.stream().noneMatch(d -> d.digest().equals(referrer.digest())));
  }

  /** How often an update is written and read back before giving up on another writer that keeps racing. */
  static final int FALLBACK_ATTEMPTS = 8;
  /** The pause between writing the fallback tag and reading it back; jittered so racers fall apart. */
  private static final long SETTLE_MILLIS = 150;

  /**
   * Applies {@code change} (null: nothing to write) to the subject's fallback index, then reads it back
   * until {@code holds} is true of what the registry serves.
   */
  private void updateFallback(Descriptor subject, java.util.function.UnaryOperator<List<Descriptor>> change,
      java.util.function.Predicate<List<Descriptor>> holds) throws IOException {
    String tag = subject.digest().toTagForm();
    synchronized (ctx.fallbackLocks().lockFor(ctx.host(), ctx.name(), tag)) {
      List<Descriptor> current = fallbackIndex(subject);
      for (int attempt = 1; ; attempt++) {
        List<Descriptor> updated = change.apply(current);
        if (updated == null) {
          return;
        }
        EncodedManifest index = EncodedManifest.of(Index.of(updated));
        // Read again just before writing: the first read may be long past (a cold JVM builds its first
        // index slowly), and whatever another writer added since must be kept.
        List<Descriptor> fresh = fallbackIndex(subject);
        if (!fresh.equals(current)) {
          current = fresh;
          updated = change.apply(current);
          if (updated == null) {
            return;
          }
          index = EncodedManifest.of(Index.of(updated));
        }
        manifests.put(index, tag);
        settle();
        current = fallbackIndex(subject);
        if (holds.test(current)) {
          // Once more, later: a writer that read before our write may land its stale index after our
          // first look (a loaded machine stalls a process between its read and its PUT for a while).
          settle();
          current = fallbackIndex(subject);
          if (holds.test(current)) {
            return;
          }
        }
        if (attempt == FALLBACK_ATTEMPTS) {
          throw new OciException("the referrers fallback tag " + tag + " in " + ctx.where() + " was rewritten by"
              + " another writer " + FALLBACK_ATTEMPTS + " times in a row; the update did not stay");
        }
      }
    }
  }

  private static void settle() throws IOException {
    try {
      Thread.sleep(SETTLE_MILLIS + java.util.concurrent.ThreadLocalRandom.current().nextLong(SETTLE_MILLIS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while checking the referrers fallback tag");
    }
  }

  /** Whether to maintain fallback indexes on this registry: not once it is known to have the API. */
  public boolean fallbackMayBeNeeded() {
    return ctx.referrersSupport().of(ctx.host()) != ReferrersSupport.State.SUPPORTED;
  }

  /** The subject a manifest or index names, or null. */
  public static @Nullable Descriptor subjectOf(EncodedManifest m) {
    if (m.isIndex()) {
      return m.index().subject();
    }
    return MediaTypes.isManifest(m.mediaType()) ? m.manifest().subject() : null;
  }

  /** The descriptor a referrers list carries for {@code referrer}: with artifact type and annotations. */
  static Descriptor entryFor(EncodedManifest referrer) {
    String artifactType;
    Map<String, String> annotations;
    if (referrer.isIndex()) {
      Index index = referrer.index();
      artifactType = index.artifactType();
      annotations = index.annotations();
    } else {
      Manifest manifest = referrer.manifest();
      artifactType = manifest.effectiveArtifactType();
      annotations = manifest.annotations();
    }
    Descriptor d = referrer.descriptor();
    return new Descriptor(d.mediaType(), d.digest(), d.size(), null, annotations, null, null, artifactType);
  }

  /**
   * Hands the API's answer to {@code consumer} page by page; false when the registry does not serve the
   * API (404, or a first page that is not an index), in which case nothing was handed on.
   */
  private boolean viaApi(Descriptor subject, @Nullable String artifactType, PageConsumer<Descriptor> consumer)
      throws IOException {
    boolean[] unsupported = {false};
    boolean[] first = {true};
    String what = "referrers of " + subject.digest() + " in " + ctx.where();
    ListBudget budget = new ListBudget(ctx.settings().listLimits(), what);
    Pages.fetchAll(ctx, ctx.endpoints().referrers(subject.digest(), artifactType), Access.pull(ctx.name()),
        MediaTypes.OCI_INDEX, what, budget,
        (response, body) -> {
          Index index = parseIndex(Bodies.manifestMediaType(response.header("Content-Type")), body);
          if (index == null) {
            if (first[0]) {
              unsupported[0] = true;
              return false;
            }
            throw new OciException(what + ": a later page is not an index");
          }
          first[0] = false;
          budget.entries(index.manifests().size());
          boolean filtered = artifactType == null || appliedFilters(response.header(FILTERS_APPLIED));
          return consumer.page(filtered ? index.manifests() : filter(index.manifests(), artifactType));
        },
        response -> {
          if (response.code() == 404 && first[0]) {
            unsupported[0] = true;
            return true;
          }
          return false;
        });
    return !unsupported[0];
  }

  private static boolean appliedFilters(String header) {
    if (header == null) {
      return false;
    }
    for (String f : header.split(",")) {
      if (f.trim().equals("artifactType")) {
        return true;
      }
    }
    return false;
  }

  /** An index, or null when the bytes are something else (ghcr.io answers the API path with a non-index). */
  private static @Nullable Index parseIndex(@Nullable String mediaType, byte[] body) {
    if (mediaType != null && !MediaTypes.OCI_INDEX.equals(mediaType)) {
      return null;
    }
    try {
      Index index = ModelReader.index(body, "referrers list");
      return MediaTypes.OCI_INDEX.equals(index.mediaType()) || mediaType != null ? index : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The fallback tag's index entries; empty when the tag is absent or holds something other than an index. */
  private List<Descriptor> fallbackIndex(Descriptor subject) throws IOException {
    EncodedManifest m;
    try {
      m = manifests.fetch(subject.digest().toTagForm());
    } catch (NotFoundException e) {
      return List.of();
    }
    if (!m.isIndex()) {
      return List.of();
    }
    try {
      return m.index().manifests();
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  private static List<Descriptor> filter(List<Descriptor> all, @Nullable String artifactType) {
    if (artifactType == null) {
      return all;
    }
    return all.stream().filter(d -> artifactType.equals(d.artifactType())).toList();
  }
}
