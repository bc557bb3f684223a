package dev.berth.artifacts.testing;

import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.Target;
import dev.berth.core.layout.OciLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The local stores every artifact round trip runs against; the registry runs in the ITs. */
public final class Stores {
  private Stores() {}

  /** Named factories: given a scratch directory, a fresh empty store. */
  public static Stream<Arguments> local() {
    Function<Path, Target> memory = dir -> new MemoryStore();
    Function<Path, Target> layout = dir -> {
      try {
        return OciLayout.open(dir.resolve("layout"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    return Stream.of(Arguments.of("MemoryStore", memory), Arguments.of("OciLayout", layout));
  }
}
