package dev.berth.artifacts.internal;

import dev.berth.core.content.ReadOnlyStorage;
import dev.berth.core.content.Storage;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.remote.Repository;
import java.util.List;

/** Decides when a copy can mount blobs instead of moving them. */
public final class MountSources {
  private MountSources() {}

  /**
   * {@code options} with the source repository as mount source when source and destination are two
   * repositories on the same registry host and the options name no mount sources of their own. A mount
   * is one request per blob instead of a download and an upload; a registry that declines it (the
   * blob is not there, or the caller may not read the source) answers with an upload session that the
   * copy then uses, so trying costs nothing.
   */
  public static CopyOptions withSameRegistryMounts(ReadOnlyStorage src, Storage dst, CopyOptions options) {
    if (!options.mountFrom().isEmpty()) {
      return options;
    }
    if (src instanceof Repository from && dst instanceof Repository to
        && from.host().equals(to.host()) && !from.name().equals(to.name())) {
      return options.newBuilder().mountFrom(List.of(from.name())).build();
    }
    return options;
  }
}
