package dev.berth.core.content;

import dev.berth.core.Descriptor;
import java.io.IOException;

/** Turns a tag or a digest into the descriptor of the manifest or index it names. */
public interface Resolver {
  /**
   * Resolves {@code reference}, a tag ({@code v1.0}) or a digest ({@code sha256:...}).
   *
   * @throws dev.berth.core.NotFoundException when nothing has that name
   */
  Descriptor resolve(String reference) throws IOException;
}
