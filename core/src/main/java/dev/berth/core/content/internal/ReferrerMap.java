package dev.berth.core.content.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Subject digest to the manifests that refer to it: the predecessor map behind {@code referrers}. */
public final class ReferrerMap {
  private final Map<Digest, Map<Digest, Descriptor>> bySubject = new ConcurrentHashMap<>();

  /** Records a referrer. */
  public void add(ReferrerInfo info) {
    bySubject.computeIfAbsent(info.subject().digest(), k -> new ConcurrentHashMap<>())
        .put(info.referrer().digest(), info.referrer());
  }

  /** Forgets {@code referrer} under every subject, e.g. after it was deleted. */
  public void remove(Digest referrer) {
    bySubject.values().forEach(m -> m.remove(referrer));
  }

  /** The referrers of {@code subject}, of {@code artifactType} when not null, in digest order. */
  public List<Descriptor> list(Digest subject, @Nullable String artifactType) {
    Map<Digest, Descriptor> m = bySubject.get(subject);
    if (m == null) {
      return List.of();
    }
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor d : m.values()) {
      if (artifactType == null || artifactType.equals(d.artifactType())) {
        out.add(d);
      }
    }
    // A stable order makes listings reproducible; registries impose none, so digest order is as good as any.
    out.sort(Comparator.comparing(Descriptor::digest));
    return out;
  }
}
