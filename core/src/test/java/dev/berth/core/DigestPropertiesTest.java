package dev.berth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests for {@link Digest}: parsing is exact (an accepted text is its own canonical form),
 * only {@link IllegalArgumentException} escapes, and computed digests parse back and match their bytes.
 */
class DigestPropertiesTest {
  /** Loads the parser's classes outside the per-try time limit. */
  @BeforeContainer
  static void warmUp() {
    Digest.parse(Digest.sha256(new byte[0]).toString());
  }

  @Property(tries = 2000)
  void randomTextIsAcceptedExactlyOrRefusedWithIllegalArgument(@ForAll("digestLikeText") String text) throws Exception {
    Digest d = Bounded.call(() -> {
      try {
        return Digest.parse(text);
      } catch (IllegalArgumentException refused) {
        assertTrue(refused.getMessage().length() < 400, refused.getMessage());
        return null;
      }
    });
    Statistics.label("accepted").collect(d != null);
    if (d != null) {
      assertEquals(text, d.toString());
      assertEquals(d, Digest.parse(d.toString()));
      assertEquals(d.isVerifiable(), d.algorithm().equals("sha256") || d.algorithm().equals("sha512"));
    }
    Statistics.label("accepted").coverage(c -> c.check(true).percentage(p -> p > 5));
  }

  @Property(tries = 500)
  void computedDigestsRoundTripAndMatchTheirBytes(@ForAll @Size(max = 2048) List<Byte> content,
      @ForAll("registered") String algorithm) {
    byte[] bytes = new byte[content.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = content.get(i);
    }
    Digest d = Digest.compute(algorithm, bytes, 0, bytes.length);
    assertEquals(d, Digest.parse(d.toString()));
    assertTrue(d.matches(bytes));
    if (bytes.length > 0) {
      byte[] flipped = bytes.clone();
      flipped[0] ^= 1;
      assertFalse(d.matches(flipped));
    }
  }

  @Provide
  Arbitrary<String> registered() {
    return Arbitraries.of(Digest.SHA256, Digest.SHA512);
  }

  @Provide
  Arbitrary<String> digestLikeText() {
    Arbitrary<String> hex64 = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
    Arbitrary<String> prefix = Arbitraries.of("sha256:", "sha512:", "sha384:", "sha256+b64u:", "SHA256:", "", ":",
        "a.b-c_d+e:", "sha256::");
    Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789abcdefABCDEFxyz:+._-=/ \u00e9")
        .ofMaxLength(140);
    Arbitrary<String> nearlyValid = net.jqwik.api.Combinators.combine(prefix, hex64, noise)
        .as((p, h, n) -> p + h + n.substring(0, Math.min(n.length(), n.hashCode() & 3)));
    return Arbitraries.frequencyOf(
        Tuple.of(3, net.jqwik.api.Combinators.combine(prefix, hex64).as(String::concat)),
        Tuple.of(3, nearlyValid),
        Tuple.of(2, net.jqwik.api.Combinators.combine(prefix, noise).as(String::concat)),
        Tuple.of(1, noise));
  }
}
