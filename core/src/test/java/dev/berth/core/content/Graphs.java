package dev.berth.core.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** Walks and compares content graphs in tests. */
public final class Graphs {
  private Graphs() {}

  /** Every node reachable from {@code root} (manifests, indexes, configs, layers), by digest. */
  public static Map<Digest, Descriptor> nodes(ReadOnlyStorage s, Descriptor root) throws IOException {
    Map<Digest, Descriptor> seen = new LinkedHashMap<>();
    Deque<Descriptor> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      Descriptor d = todo.pop();
      if (seen.putIfAbsent(d.digest(), d) == null) {
        todo.addAll(Contents.successors(s, d));
      }
    }
    return seen;
  }

  /** Asserts that {@code actual} holds byte-identical copies of every node {@code expected} has below root. */
  public static void assertSameGraph(ReadOnlyStorage expected, ReadOnlyStorage actual, Descriptor root)
      throws IOException {
    for (Descriptor d : nodes(expected, root).values()) {
      assertArrayEquals(Contents.fetchAll(expected, d, Long.MAX_VALUE), Contents.fetchAll(actual, d, Long.MAX_VALUE),
          "bytes of " + d.brief());
    }
  }
}
