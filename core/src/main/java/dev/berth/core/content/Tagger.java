package dev.berth.core.content;

import dev.berth.core.Descriptor;
import java.io.IOException;

/** Names a manifest or index that is already stored. */
public interface Tagger {
  /** Points {@code tag} at {@code target}, replacing whatever it named before. */
  void tag(Descriptor target, String tag) throws IOException;
}
