package dev.berth.core.content;

import dev.berth.core.EncodedManifest;
import java.io.IOException;

/**
 * A store that can resolve a tag and return the manifest's bytes in one step (a registry's {@code GET
 * /manifests/<tag>}), where {@link Resolver#resolve} followed by a fetch would cost two round trips.
 * {@link dev.berth.core.copy.Copier} uses it, when the source offers it, to start a copy.
 */
public interface ReferenceFetcher {
  /**
   * Fetches the manifest or index {@code reference} (a tag or digest) names, with its descriptor.
   *
   * @throws dev.berth.core.NotFoundException when nothing has that name
   */
  EncodedManifest fetchReference(String reference) throws IOException;
}
