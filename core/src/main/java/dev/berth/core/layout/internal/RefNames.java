package dev.berth.core.layout.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finding index.json entries by {@code org.opencontainers.image.ref.name}. skopeo and umoci write plain
 * tags ({@code v1}); other tools (containerd, buildkit exports) write full references
 * ({@code docker.io/library/alpine:3.19}). An exact match wins; a plain tag also finds a single full
 * reference ending in {@code :tag}.
 */
public final class RefNames {
  private RefNames() {}

  /** The entry's ref name, or null when it is untagged. */
  public static @Nullable String of(Descriptor entry) {
    return entry.annotation(Descriptor.ANNOTATION_REF_NAME);
  }

  /** The entry {@code ref} names, or null. */
  public static @Nullable Descriptor find(List<Descriptor> entries, String ref) {
    for (Descriptor e : entries) {
      if (ref.equals(of(e))) {
        return e;
      }
    }
    if (ref.contains("/") || ref.contains(":") || ref.contains("@")) {
      return null;
    }
    List<Descriptor> byTag = new ArrayList<>();
    for (Descriptor e : entries) {
      String name = of(e);
      if (name != null && name.endsWith(":" + ref) && !name.contains("@")) {
        byTag.add(e);
      }
    }
    // Two full references with the same tag (a/x:v1, b/y:v1) are ambiguous unless they agree.
    Digest first = byTag.isEmpty() ? null : byTag.get(0).digest();
    return first != null && byTag.stream().allMatch(e -> Objects.equals(e.digest(), first)) ? byTag.get(0) : null;
  }

  /** The first entry for {@code digest}, tagged or not, or null. */
  public static @Nullable Descriptor findDigest(List<Descriptor> entries, Digest digest) {
    for (Descriptor e : entries) {
      if (e.digest().equals(digest)) {
        return e;
      }
    }
    return null;
  }

  /** {@code entries} without those named {@code ref}. */
  public static List<Descriptor> without(List<Descriptor> entries, String ref) {
    List<Descriptor> out = new ArrayList<>(entries.size());
    for (Descriptor e : entries) {
      if (!ref.equals(of(e))) {
        out.add(e);
      }
    }
    return out;
  }
}
