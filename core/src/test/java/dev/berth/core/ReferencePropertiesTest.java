package dev.berth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property tests for {@link Reference#parse}: nothing but {@link IllegalArgumentException} escapes,
 * every accepted reference round-trips through {@code toString()}, every reference berth accepts is
 * one the distribution project's grammar accepts too, and generated valid references parse to their
 * parts.
 */
class ReferencePropertiesTest {
  /**
   * distribution/reference regexp.go's referencePat, transcribed as the oracle. Its digest part is
   * narrower than berth's (hex only), so the oracle is consulted only for verifiable digests.
   */
  private static final Pattern DISTRIBUTION;

  static {
    String alphanumeric = "[a-z0-9]+";
    String separator = "(?:[._]|__|[-]+)";
    String pathComponent = alphanumeric + "(?:" + separator + alphanumeric + ")*";
    String domainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    String domainName = domainNameComponent + "(?:\\." + domainNameComponent + ")*";
    String ipv6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    String domainAndPort = "(?:" + domainName + "|" + ipv6 + ")(?::[0-9]+)?";
    String namePat = "(?:" + domainAndPort + "/)?" + pathComponent + "(?:/" + pathComponent + ")*";
    String tag = "[\\w][\\w.-]{0,127}";
    String digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
    DISTRIBUTION = Pattern.compile("^(" + namePat + ")(?::(" + tag + "))?(?:@(" + digest + "))?$");
  }

  private static final String HEX = "0123456789abcdef";

  /** Loads the parser's classes outside the per-try time limit. */
  @BeforeContainer
  static void warmUp() {
    assertRoundTrips(Reference.parse("localhost:5000/a/b:c@sha256:" + "0".repeat(64)));
  }

  @Property(tries = 3000)
  void randomTextIsAcceptedOrRefusedWithIllegalArgument(@ForAll("referenceLikeText") String text) throws Exception {
    Reference ref = Bounded.call(() -> parseOrNull(text));
    if (ref != null) {
      assertRoundTrips(ref);
    }
  }

  @Property(tries = 2000)
  void mutatedValidReferencesAreAcceptedOrRefusedWithIllegalArgument(@ForAll("mutatedReferences") String text)
      throws Exception {
    Reference ref = Bounded.call(() -> parseOrNull(text));
    if (ref != null) {
      assertRoundTrips(ref);
    }
  }

  @Property(tries = 2000)
  void generatedValidReferencesParseToTheirParts(@ForAll("validReferences") List<String> parts) throws Exception {
    String registry = parts.get(0);
    String repository = parts.get(1);
    String tag = parts.get(2);
    String digest = parts.get(3);
    String text = registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    Reference ref = Bounded.call(() -> Reference.parse(text));
    assertEquals(registry.equals("index.docker.io") ? "docker.io" : registry, ref.registry());
    String expectedRepository = ref.registry().equals("docker.io") && !repository.contains("/")
        ? "library/" + repository : repository;
    assertEquals(expectedRepository, ref.repository());
    assertEquals(tag, ref.tag());
    assertEquals(digest, ref.digest() == null ? null : ref.digest().toString());
    assertRoundTrips(ref);
  }

  private static Reference parseOrNull(String text) {
    try {
      return Reference.parse(text);
    } catch (IllegalArgumentException expected) {
      assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank(), "refusal has a message");
      assertTrue(expected.getMessage().length() < 600, () -> "message is bounded: " + expected.getMessage().length());
      return null;
    }
  }

  private static void assertRoundTrips(Reference ref) {
    String canonical = ref.toString();
    assertEquals(ref, Reference.parse(canonical), canonical);
    assertEquals(canonical, Reference.parse(canonical).toString());
    if (ref.digest() == null || ref.digest().isVerifiable()) {
      assertTrue(DISTRIBUTION.matcher(canonical).matches(), () -> "distribution's grammar refuses " + canonical);
    }
  }

  @Provide
  Arbitrary<String> referenceLikeText() {
    // The grammar's own characters, over-represented, plus some that must always be refused.
    Arbitrary<Character> chars = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, Arbitraries.of('a', 'b', 'z', '0', '9', 'f')),
        net.jqwik.api.Tuple.of(6, Arbitraries.of('/', ':', '.', '-', '_', '@')),
        net.jqwik.api.Tuple.of(2, Arbitraries.of('A', 'Z', '[', ']', 'l', 'o', 'c', 'h', 's', 't')),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(' ', '%', '$', '+', '=', '\u00e9', '\u0000', '\ud83d', '#', '\\')));
    return chars.list().ofMaxSize(300).map(ReferencePropertiesTest::join);
  }

  @Provide
  Arbitrary<String> mutatedReferences() {
    Arbitrary<String> valid = validReferences().map(p -> p.get(0) + "/" + p.get(1)
        + (p.get(2) == null ? "" : ":" + p.get(2)) + (p.get(3) == null ? "" : "@" + p.get(3)));
    Arbitrary<Character> replacement = Arbitraries.of('/', ':', '@', '.', '-', '_', '[', ']', 'A', 'a', '0', ' ', '\u00e9');
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 10_000), replacement).as(Mutation::new);
    return Combinators.combine(valid, mutation.list().ofMinSize(1).ofMaxSize(4)).as((text, edits) -> {
      StringBuilder sb = new StringBuilder(text);
      for (Mutation m : edits) {
        m.apply(sb);
      }
      return sb.toString();
    });
  }

  private record Mutation(int kind, int position, char c) {
    void apply(StringBuilder sb) {
      int at = sb.length() == 0 ? 0 : position % (sb.length() + (kind == 0 ? 1 : 0));
      switch (kind) {
        case 0 -> sb.insert(at, c);
        case 1 -> {
          if (sb.length() > 0) {
            sb.deleteCharAt(at);
          }
        }
        default -> {
          if (sb.length() > 0) {
            sb.setCharAt(at, c);
          }
        }
      }
    }
  }

  /** [registry, repository, tag or null, digest or null], each valid by construction. */
  @Provide
  Arbitrary<List<String>> validReferences() {
    Arbitrary<String> tag = Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').withChars('_')
                .ofLength(1),
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('_', '.', '-').ofMaxLength(127))
        .as(String::concat).injectNull(0.3);
    Arbitrary<String> digest = Arbitraries.oneOf(
        Arbitraries.strings().withChars(HEX).ofLength(64).map(h -> "sha256:" + h),
        Arbitraries.strings().withChars(HEX).ofLength(128).map(h -> "sha512:" + h),
        Arbitraries.strings().withChars("abcXYZ019=_-").ofMinLength(1).ofMaxLength(40).map(e -> "blake3:" + e))
        .injectNull(0.5);
    return Combinators.combine(registry(), repository(), tag, digest)
        .as((r, p, t, d) -> java.util.Arrays.asList(r, p, t, d));
  }

  private static Arbitrary<String> registry() {
    Arbitrary<String> label = Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').ofLength(1),
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-').ofMaxLength(10),
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofLength(1))
        .as((a, b, c) -> b.isEmpty() ? a : a + b + c);
    Arbitrary<String> dotted = label.list().ofMinSize(2).ofMaxSize(4).map(l -> String.join(".", l));
    Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
        .map(l -> l.stream().map(String::valueOf).reduce((a, b) -> a + "." + b).orElseThrow());
    Arbitrary<String> group = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(1).ofMaxLength(4);
    Arbitrary<String> ipv6Full = group.list().ofSize(8).map(l -> "[" + String.join(":", l) + "]");
    Arbitrary<String> ipv6Compressed = Combinators.combine(group.list().ofMaxSize(3), group.list().ofMaxSize(3))
        .as((a, b) -> "[" + String.join(":", a) + "::" + String.join(":", b) + "]");
    Arbitrary<String> host = Arbitraries.oneOf(dotted, ipv4, ipv6Full, ipv6Compressed, Arbitraries.of("localhost",
        "docker.io", "index.docker.io", "ghcr.io"), label);
    Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535).injectNull(0.5);
    return Combinators.combine(host, port).as((h, p) -> {
      boolean needsPort = !h.contains(".") && !h.startsWith("[") && !h.equals("localhost");
      Integer effective = p == null && needsPort ? Integer.valueOf(5000) : p;
      return effective == null ? h : h + ":" + effective;
    });
  }

  private static Arbitrary<String> repository() {
    Arbitrary<String> run = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1)
        .ofMaxLength(8);
    Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "--", "---");
    Arbitrary<String> component = Combinators.combine(run, Combinators.combine(separator, run).as(String::concat)
        .list().ofMaxSize(3)).as((first, more) -> first + String.join("", more));
    return component.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("/", l))
        .filter(r -> r.length() <= 240);
  }

  private static String join(List<Character> chars) {
    StringBuilder sb = new StringBuilder(chars.size());
    chars.forEach(sb::append);
    return sb.toString();
  }
}
