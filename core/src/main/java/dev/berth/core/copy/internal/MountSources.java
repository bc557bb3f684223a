package dev.berth.core.copy.internal;

import dev.berth.core.content.Mounter;
import dev.berth.core.content.ReadOnlyStorage;
import dev.berth.core.content.Storage;
import dev.berth.core.remote.Repository;
import java.util.ArrayList;
import java.util.List;

/** Decides which repositories a copy mounts blobs from: the one place for the same-registry rule. */
public final class MountSources {
  private MountSources() {}

  /**
   * The repositories to try mounting from, in order, when {@code dst} can mount; else none. When source
   * and destination are two repositories on the same registry host, the source comes first (it holds
   * every blob the copy moves, so its mount is the one most likely to succeed), then {@code named}.
   * A mount is one request per blob instead of a download and an upload; a registry that declines it
   * (the caller may not read the source, or the registry does not mount) answers with an upload session
   * that the copy then uses, so trying costs nothing. skopeo and oras decide the same way.
   */
  public static List<String> of(ReadOnlyStorage src, Storage dst, List<String> named) {
    if (!(dst instanceof Mounter)) {
      return List.of();
    }
    if (src instanceof Repository from && dst instanceof Repository to
        && from.host().equals(to.host()) && !from.name().equals(to.name()) && !named.contains(from.name())) {
      List<String> sources = new ArrayList<>(named.size() + 1);
      sources.add(from.name());
      sources.addAll(named);
      return List.copyOf(sources);
    }
    return named;
  }
}
