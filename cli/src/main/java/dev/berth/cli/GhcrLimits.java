package dev.berth.cli;

import dev.berth.core.remote.ProgressListener;
import dev.berth.core.remote.TransferEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ghcr.io's documented upload limits: a layer may be at most 10 GB, and an upload must finish within 10
 * minutes. berth warns before it starts sending a layer above the size limit, once per layer, rather
 * than let the user wait for a refusal at the end.
 */
final class GhcrLimits {
  /** GitHub's documented maximum layer size on ghcr.io: 10 GB. */
  static final long MAX_LAYER_BYTES = 10_000_000_000L;

  private GhcrLimits() {}

  /** A listener that warns on {@code console} about layers too large for ghcr.io; nothing for other hosts. */
  static ProgressListener warner(String host, Console console) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    if (!h.equals("ghcr.io") && !h.endsWith(".ghcr.io")) {
      return ProgressListener.NONE;
    }
    Set<String> warned = ConcurrentHashMap.newKeySet();
    return new ProgressListener() {
      @Override
      public void onEvent(TransferEvent event) {
        if (event.direction() == TransferEvent.Direction.UPLOAD && event.total() > MAX_LAYER_BYTES
            && warned.add(event.descriptor().digest().toString())) {
          console.note("warning: " + event.descriptor().digest() + " is " + Units.bytes(event.total())
              + "; ghcr.io refuses layers above 10 GB and uploads that take longer than 10 minutes"
              + " (--chunk-size does not lift either limit): split the content into smaller layers");
        }
      }
    };
  }
}
