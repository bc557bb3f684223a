package dev.berth.artifacts.image.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.content.ReadOnlyStorage;
import dev.berth.core.content.VerifiedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The new nodes of a baked image (layer files on disk, config and manifest bytes) laid over the base
 * image's storage, so one graph copy moves the whole image: new content from here, base blobs skipped,
 * mounted or streamed from the base.
 */
public final class OverlayStorage implements ReadOnlyStorage {
  @FunctionalInterface
  private interface Opener {
    InputStream open() throws IOException;
  }

  private final ReadOnlyStorage base;
  private final Map<Digest, Opener> local = new HashMap<>();

  public OverlayStorage(ReadOnlyStorage base) {
    this.base = base;
  }

  /** Serves {@code d} from {@code file}. */
  public OverlayStorage addFile(Descriptor d, Path file) {
    local.put(d.digest(), () -> Files.newInputStream(file));
    return this;
  }

  /** Serves {@code d} from {@code bytes}. */
  public OverlayStorage addBytes(Descriptor d, byte[] bytes) {
    byte[] copy = bytes.clone();
    local.put(d.digest(), () -> new ByteArrayInputStream(copy));
    return this;
  }

  /** Whether {@code d} is new content served from here rather than from the base. */
  public boolean isLocal(Descriptor d) {
    return local.containsKey(d.digest());
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    Opener opener = local.get(target.digest());
    return opener != null ? new VerifiedInputStream(opener.open(), target) : base.fetch(target);
  }

  @Override
  public boolean exists(Descriptor target) throws IOException {
    return local.containsKey(target.digest()) || base.exists(target);
  }
}
