package dev.berth.artifacts.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.SizeLimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Random archives built from hostile pieces ({@code ..}, {@code .}, empty segments, absolute names, links
 * to parents and to absolute paths, hard links, devices): whatever the archive, extraction either
 * succeeds with everything inside the destination, or fails having written nothing at all.
 */
class SafeExtractorPropertyTest {
  record Entry(byte type, String name, String link) {}

  @Property(tries = 200)
  void nothingEverLandsOutsideTheDestination(@ForAll("archives") List<Entry> entries) throws IOException {
    Path base = Files.createTempDirectory("berth-prop-");
    try {
      Path dest = Files.createDirectories(base.resolve("dest"));
      Files.writeString(base.resolve("outside.txt"), "outside");
      TarFixtures tar = new TarFixtures();
      for (Entry e : entries) {
        tar.entry(e.type() == TarConstants.LF_DIR && !e.name().endsWith("/") ? e.name() + "/" : e.name(),
            e.type(), e.link());
      }
      boolean failed = false;
      try {
        SafeExtractor.builder().maxEntries(50).maxBytes(1 << 20).build()
            .extract(new ByteArrayInputStream(tar.tar()), dest);
      } catch (UnsafeArchiveException | SizeLimitExceededException expected) {
        failed = true;
      }
      try (Stream<Path> s = Files.list(base)) {
        assertEquals(List.of("dest", "outside.txt"), s.map(p -> p.getFileName().toString()).sorted().toList());
      }
      assertEquals("outside", Files.readString(base.resolve("outside.txt")));
      Path realDest = dest.toRealPath();
      try (Stream<Path> walk = Files.walk(dest)) {
        for (Path p : walk.toList()) {
          assertTrue(!p.getFileName().toString().startsWith(StagingDirectory.PREFIX), "staging left: " + p);
          if (Files.isSymbolicLink(p)) {
            try {
              Path target = p.toRealPath();
              assertTrue(target.startsWith(realDest), p + " resolves to " + target);
            } catch (FileSystemException unresolvable) {
              // Dangling (NoSuchFileException) or a loop (ELOOP): it points nowhere, and its lexical target
              // was still checked to be inside.
            }
          }
          assertTrue(p.toRealPath(LinkOption.NOFOLLOW_LINKS).startsWith(realDest), p.toString());
        }
      }
      Statistics.collect(failed ? "refused" : "extracted");
      if (failed) {
        try (Stream<Path> s = Files.list(dest)) {
          assertEquals(0, s.count(), "a refused archive must write nothing");
        }
      }
    } finally {
      StagingDirectory.deleteTree(base);
    }
  }

  @Provide
  Arbitrary<List<Entry>> archives() {
    // Mostly ordinary names, so that a fair share of archives is accepted and the "inside" half of the
    // property is exercised too; link targets climb with ".." more often, as escapes do.
    Arbitrary<String> name = path(Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("a")),
        Tuple.of(4, Arbitraries.just("b")), Tuple.of(2, Arbitraries.just("c")), Tuple.of(1, Arbitraries.just("..")),
        Tuple.of(1, Arbitraries.just(".")), Tuple.of(1, Arbitraries.just(""))), 1);
    Arbitrary<String> target = path(Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("a")),
        Tuple.of(2, Arbitraries.just("b")), Tuple.of(3, Arbitraries.just("..")), Tuple.of(1, Arbitraries.just("."))),
        1);
    Arbitrary<String> anyTarget = Arbitraries.frequencyOf(Tuple.of(12, target),
        Tuple.of(1, Arbitraries.of("/tmp/berth-prop-escape", "/", "../outside.txt")));
    Arbitrary<String> anyName = Arbitraries.frequencyOf(Tuple.of(20, name),
        Tuple.of(1, Arbitraries.of("/tmp/berth-prop-escape", "../outside.txt", "./", "/a")));
    Arbitrary<Byte> type = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(TarConstants.LF_NORMAL)),
        Tuple.of(3, Arbitraries.just(TarConstants.LF_DIR)), Tuple.of(3, Arbitraries.just(TarConstants.LF_SYMLINK)),
        Tuple.of(2, Arbitraries.just(TarConstants.LF_LINK)), Tuple.of(1, Arbitraries.of(TarConstants.LF_CHR,
            TarConstants.LF_BLK, TarConstants.LF_FIFO)));
    Arbitrary<Entry> entry = Combinators.combine(type, anyName, anyTarget).as((t, n, l) -> new Entry(t, n,
        t == TarConstants.LF_SYMLINK || t == TarConstants.LF_LINK ? l : null));
    return entry.list().ofMinSize(1).ofMaxSize(8);
  }

  private static Arbitrary<String> path(Arbitrary<String> segment, int minSegments) {
    return segment.list().ofMinSize(minSegments).ofMaxSize(4).map(l -> String.join("/", l));
  }
}
