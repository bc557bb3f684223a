package dev.berth.core.content;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.SizeLimitExceededException;
import dev.berth.core.content.internal.Descriptors;
import dev.berth.core.content.internal.ReferrerInfo;
import dev.berth.core.content.internal.ReferrerMap;
import dev.berth.core.internal.ReferenceGrammar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Target} held in memory: handy for building a graph before pushing it, and for tests. Safe for
 * concurrent use. Content is verified on push and kept only when it matches its descriptor.
 *
 * <p>Tags follow the registry tag grammar. Resolving a digest finds pushed manifests and indexes, as a
 * registry's manifest endpoint does.
 */
public final class MemoryStore implements Target, Deleter, TagLister, ReferrerLister {
  private record Entry(Descriptor descriptor, byte[] bytes) {}

  private final Map<Digest, Entry> content = new ConcurrentHashMap<>();
  private final Map<String, Descriptor> tags = new ConcurrentHashMap<>();
  private final ReferrerMap referrers = new ReferrerMap();

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    Entry e = content.get(target.digest());
    if (e == null) {
      throw new NotFoundException(target.brief() + " not found in memory store",
          NotFoundException.kindOf(target), null, null);
    }
    // Verified again against the caller's descriptor so a wrong size there is reported, not hidden.
    return new VerifiedInputStream(new ByteArrayInputStream(e.bytes), target);
  }

  @Override
  public boolean exists(Descriptor target) {
    Entry e = content.get(target.digest());
    return e != null && e.descriptor.size() == target.size();
  }

  @Override
  public void push(Descriptor expected, InputStream in) throws IOException {
    if (expected.size() > Integer.MAX_VALUE - 8) {
      throw new SizeLimitExceededException("memory store content " + expected.brief(), Integer.MAX_VALUE - 8);
    }
    byte[] bytes = new VerifiedInputStream(in, expected).readAllBytes();
    Descriptor plain = Descriptors.plain(expected);
    if (content.putIfAbsent(expected.digest(), new Entry(plain, bytes)) == null
        && MediaTypes.isManifestOrIndex(expected.mediaType())) {
      ReferrerInfo info = referrerInfo(plain, bytes);
      if (info != null) {
        referrers.add(info);
      }
    }
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    Descriptor tagged = tags.get(reference);
    if (tagged != null) {
      return tagged;
    }
    Digest digest = Descriptors.digestNamedBy(reference);
    if (digest != null) {
      Entry e = content.get(digest);
      if (e != null && MediaTypes.isManifestOrIndex(e.descriptor.mediaType())) {
        return e.descriptor;
      }
    }
    throw new NotFoundException("\"" + reference + "\" not found in memory store", NotFoundException.Kind.MANIFEST, null, null);
  }

  @Override
  public void tag(Descriptor target, String tag) throws IOException {
    ReferenceGrammar.checkTag(tag);
    Entry e = content.get(target.digest());
    if (e == null) {
      throw new NotFoundException("cannot tag " + target.brief() + " as " + tag + ": not in memory store",
          NotFoundException.Kind.MANIFEST, null, null);
    }
    tags.put(tag, e.descriptor);
  }

  /**
   * Removes {@code tag}; the content stays.
   *
   * @throws NotFoundException when there is no such tag
   */
  public void untag(String tag) throws IOException {
    if (tags.remove(tag) == null) {
      throw new NotFoundException("tag \"" + tag + "\" not found in memory store", NotFoundException.Kind.MANIFEST, null, null);
    }
  }

  @Override
  public void delete(Descriptor target) throws IOException {
    if (content.remove(target.digest()) == null) {
      throw new NotFoundException(target.brief() + " not found in memory store",
          NotFoundException.kindOf(target), null, null);
    }
    tags.values().removeIf(d -> d.digest().equals(target.digest()));
    referrers.remove(target.digest());
  }

  @Override
  public List<String> tags() {
    List<String> out = new ArrayList<>(tags.keySet());
    out.sort(null);
    return out;
  }

  @Override
  public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType) {
    return referrers.list(subject.digest(), artifactType);
  }

  private static @Nullable ReferrerInfo referrerInfo(Descriptor plain, byte[] bytes) {
    try {
      return ReferrerInfo.of(EncodedManifest.verified(plain, bytes));
    } catch (IOException | IllegalArgumentException notAManifest) {
      // Bytes typed as a manifest that do not parse are stored as pushed; they just refer to nothing.
      return null;
    }
  }
}
