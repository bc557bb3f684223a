package dev.berth.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.internal.Json;
import dev.berth.core.internal.ModelReader;
import dev.berth.core.internal.ModelWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests for manifest parsing: random JSON shaped like manifests, and byte-level mutations of
 * real manifests, go through {@link EncodedManifest#wrap}, {@code manifest()}, {@code index()} and
 * {@code children()}. Only {@link IllegalArgumentException} may escape those, and {@link
 * EncodedManifest#verified} refuses changed bytes only with its documented {@link OciException}s.
 * Bytes and digest are never changed by parsing.
 */
class EncodedManifestPropertiesTest {
  private static final String D1 = "sha256:" + "a".repeat(64);
  private static final List<String> KEYS = List.of("schemaVersion", "mediaType", "artifactType", "config", "layers",
      "manifests", "subject", "annotations", "digest", "size", "urls", "data", "platform", "architecture", "os",
      "os.version", "os.features", "variant", "features", "unknown");
  private static final List<String> STRINGS = List.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
      MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_EMPTY, D1, "sha256:ABC",
      "sha512:" + "b".repeat(128), "blake3:xyz", "linux", "amd64", "", "\u00e9\u0000", "\\ud800");

  /** Loads Jackson and the record mappings outside the per-try time limit. */
  @BeforeContainer
  static void warmUp() {
    exercise(EncodedManifest.of(Manifest.artifact("application/x", List.of())).bytes());
    exercise(EncodedManifest.of(Index.of(List.of(Descriptor.EMPTY_JSON))).bytes());
  }

  // Edge cases off: their cartesian product over this many optional members costs seconds and adds
  // nothing that the random tries (which include absent and odd values) do not cover.
  @Property(tries = 1500, edgeCases = EdgeCasesMode.NONE)
  void randomManifestShapedJsonNeverEscapesOtherThanIllegalArgument(@ForAll("manifestShapedJson") String json)
      throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Boolean parsed = Bounded.call(() -> exercise(bytes));
    Statistics.label("wrapped and walked").collect(parsed);
    Statistics.label("wrapped and walked").coverage(c -> c.check(true).percentage(p -> p > 20));
  }

  /**
   * berth reads manifests with a hand-written tree walk (ModelReader) rather than Jackson's record
   * binding, for start-up time. Whatever it accepts must read exactly as Jackson's binding reads it; it
   * may refuse more (a size written as a string or a fraction), never less.
   */
  @Property(tries = 1500, edgeCases = EdgeCasesMode.NONE)
  void theHandReaderAndWriterAgreeWithJacksonOnEverythingTheReaderAccepts(@ForAll("manifestShapedJson") String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Manifest m = agree(() -> ModelReader.manifest(bytes, "m"), () -> Json.read(bytes, Manifest.class, "m"));
    Index i = agree(() -> ModelReader.index(bytes, "i"), () -> Json.read(bytes, Index.class, "i"));
    // And the hand writer writes what Jackson's binding writes, byte for byte: digests depend on it.
    if (m != null) {
      assertArrayEquals(Json.write(m), ModelWriter.manifest(m));
    }
    if (i != null) {
      assertArrayEquals(Json.write(i), ModelWriter.index(i));
    }
    // Not vacuous: about a quarter of the random documents are valid enough to be compared.
    Statistics.label("hand reader").coverage(c -> c.check("accepted").percentage(p -> p > 10));
  }

  /** The hand reader's result, checked against Jackson's; null when the hand reader refused. */
  private static <T> T agree(java.util.function.Supplier<T> byHand, java.util.function.Supplier<T> byJackson) {
    T mine;
    try {
      mine = byHand.get();
    } catch (IllegalArgumentException stricter) {
      Statistics.label("hand reader").collect("refused");
      return null;
    }
    Statistics.label("hand reader").collect("accepted");
    assertEquals(byJackson.get(), mine);
    return mine;
  }

  @Property(tries = 1000)
  void mutatedManifestsNeverEscapeOtherThanDocumentedErrors(@ForAll("realManifests") byte[] original,
      @ForAll("mutations") List<Tuple.Tuple3<Integer, Integer, Byte>> edits) throws Exception {
    byte[] mutated = mutate(original, edits);
    Bounded.call(() -> exercise(mutated));
    Descriptor expected = EncodedManifest.wrap(null, original).descriptor();
    if (java.util.Arrays.equals(original, mutated)) {
      assertArrayEquals(original, EncodedManifest.verified(expected, mutated).bytes());
    } else {
      assertThrows(OciException.class, () -> EncodedManifest.verified(expected, mutated));
    }
  }

  @Example
  void deeplyNestedJsonIsRefusedNotOverflowed() throws Exception {
    for (String open : List.of("[", "{\"a\":")) {
      String json = "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"layers\":" + open.repeat(100_000);
      Bounded.call(() -> assertThrows(IllegalArgumentException.class,
          () -> EncodedManifest.wrap(null, json.getBytes(StandardCharsets.UTF_8)).children()));
    }
  }

  @Example
  void nullsAndWrongTypesWhereTheModelWantsValuesAreRefused() throws Exception {
    String desc = "{\"mediaType\":\"a\",\"digest\":\"" + D1 + "\",\"size\":1}";
    for (String body : List.of("\"layers\":[null]", "\"layers\":{}", "\"layers\":\"x\"", "\"config\":\"x\"",
        "\"config\":[]", "\"layers\":[" + desc.replace("\"size\":1", "\"size\":-1") + "]",
        "\"layers\":[" + desc.replace(D1, "sha256:") + "]", "\"layers\":[" + desc + "],\"annotations\":[]",
        "\"layers\":[" + desc.replace("\"size\":1", "\"size\":1,\"urls\":[null]") + "]",
        "\"layers\":[" + desc.replace("\"size\":1", "\"size\":1,\"platform\":{\"os.features\":[null]}") + "]")) {
      String json = "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\"," + body + "}";
      Boolean walked = Bounded.call(() -> exercise(json.getBytes(StandardCharsets.UTF_8)));
      assertEquals(false, walked, json);
    }
    String index = "{\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[null]}";
    assertEquals(false, Bounded.call(() -> exercise(index.getBytes(StandardCharsets.UTF_8))));
  }

  @Example
  void hugeNumbersAndLongStringsAreRefusedOrCarried() throws Exception {
    String json = "{\"schemaVersion\":" + "9".repeat(5000) + ",\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"layers\":[]}";
    Bounded.call(() -> exercise(json.getBytes(StandardCharsets.UTF_8)));
    String size = "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"layers\":[{\"mediaType\":\"a\",\"digest\":\""
        + D1 + "\",\"size\":1e400}]}";
    Bounded.call(() -> exercise(size.getBytes(StandardCharsets.UTF_8)));
  }

  /** Wraps and walks the bytes; true when they parsed, false when refused with IllegalArgumentException. */
  private static boolean exercise(byte[] bytes) {
    EncodedManifest m;
    try {
      m = EncodedManifest.wrap(null, bytes);
    } catch (IllegalArgumentException refused) {
      return false;
    }
    assertArrayEquals(bytes, m.bytes());
    assertEquals(Digest.sha256(bytes), m.digest());
    assertEquals(bytes.length, m.descriptor().size());
    try {
      List<Descriptor> children = m.children();
      children.forEach(c -> assertTrue(c.size() >= 0));
      if (m.isIndex()) {
        m.index();
        assertThrows(IllegalArgumentException.class, m::manifest);
      } else if (MediaTypes.isManifest(m.mediaType())) {
        m.manifest();
        assertThrows(IllegalArgumentException.class, m::index);
      }
    } catch (IllegalArgumentException refused) {
      return false;
    }
    assertArrayEquals(bytes, m.bytes());
    return true;
  }

  private static byte[] mutate(byte[] original, List<Tuple.Tuple3<Integer, Integer, Byte>> edits) {
    List<Byte> out = new ArrayList<>(original.length + edits.size());
    for (byte b : original) {
      out.add(b);
    }
    for (Tuple.Tuple3<Integer, Integer, Byte> e : edits) {
      int at = out.isEmpty() ? 0 : e.get2() % out.size();
      switch (e.get1()) {
        case 0 -> out.add(at, e.get3());
        case 1 -> {
          if (!out.isEmpty()) {
            out.remove(at);
          }
        }
        case 2 -> {
          if (!out.isEmpty()) {
            out.set(at, e.get3());
          }
        }
        default -> {
          // duplicate a short run, as a proxy that replays part of a body would
          int end = Math.min(out.size(), at + 1 + (e.get3() & 0x1f));
          out.addAll(end, new ArrayList<>(out.subList(at, end)));
        }
      }
    }
    byte[] bytes = new byte[out.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = out.get(i);
    }
    return bytes;
  }

  @Provide
  Arbitrary<List<Tuple.Tuple3<Integer, Integer, Byte>>> mutations() {
    Arbitrary<Byte> interesting = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of((byte) '{', (byte) '}', (byte) '[', (byte) ']', (byte) '"', (byte) ':', (byte) ',',
            (byte) '\\', (byte) '0', (byte) '-', (byte) 'e', (byte) ' ')),
        Tuple.of(1, Arbitraries.bytes()));
    return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 100_000),
        interesting).as(Tuple::of).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<byte[]> realManifests() {
    Descriptor layer = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, Digest.parse(D1), 1234)
        .withAnnotation(Descriptor.ANNOTATION_TITLE, "a.txt");
    Manifest image = Manifest.of(Descriptor.EMPTY_JSON, List.of(layer))
        .withSubject(Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.parse(D1), 10))
        .withAnnotations(Map.of("k", "v"));
    Index index = Index.of(List.of(layer.withMediaType(MediaTypes.OCI_MANIFEST)
        .withPlatform(new Platform("amd64", "windows", "10.0", List.of("win32k"), null, null))));
    String docker = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{"
        + "\"mediaType\":\"" + MediaTypes.DOCKER_CONFIG + "\",\"size\":7023,\"digest\":\"" + D1 + "\"},\"layers\":[]}";
    return Arbitraries.of(EncodedManifest.of(image).bytes(), EncodedManifest.of(index).bytes(),
        EncodedManifest.of(Manifest.artifact("application/x", List.of())).bytes(),
        docker.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Objects shaped like manifests and indexes: the keys the model reads, mostly with values of the
   * right type (so parsing gets deep), sometimes with anything at all.
   */
  @Provide
  Arbitrary<String> manifestShapedJson() {
    Arbitrary<String> descriptor = descriptorShaped();
    Arbitrary<String> descriptors = descriptor.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
    return members(
        member("schemaVersion", 0.8, Arbitraries.of("2", "1", "-1", "\"2\"", "null", "2.5")),
        member("mediaType", 0.8, Arbitraries.of(STRINGS).map(EncodedManifestPropertiesTest::quote)),
        member("artifactType", 0.2, anyValue()),
        member("config", 0.6, descriptor),
        member("layers", 0.6, descriptors),
        member("manifests", 0.4, descriptors),
        member("subject", 0.2, descriptor),
        member("annotations", 0.3, annotations()),
        member("unknown", 0.2, anyValue()));
  }

  private Arbitrary<String> descriptorShaped() {
    Arbitrary<String> platform = members(
        member("architecture", 0.9, Arbitraries.of("\"amd64\"", "\"arm64\"", "7", "null")),
        member("os", 0.9, Arbitraries.of("\"linux\"", "\"windows\"", "[]")),
        member("os.version", 0.3, Arbitraries.of("\"10.0.1\"", "{}")),
        member("os.features", 0.3, Arbitraries.of("[\"win32k\"]", "[null]", "\"x\"")),
        member("variant", 0.3, Arbitraries.of("\"v8\"", "0")),
        member("features", 0.1, anyValue()));
    return members(
        member("mediaType", 0.9, Arbitraries.of(STRINGS).map(EncodedManifestPropertiesTest::quote)),
        member("digest", 0.9, Arbitraries.of(STRINGS).map(EncodedManifestPropertiesTest::quote)),
        member("size", 0.9, Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.longs().between(0, 1L << 40).map(String::valueOf)),
            Tuple.of(1, Arbitraries.of("-1", "1.5", "1e400", "\"12\"", "null", "9223372036854775808")))),
        member("urls", 0.1, Arbitraries.of("[\"https://example.com/x\"]", "[1]", "\"u\"")),
        member("annotations", 0.3, annotations()),
        member("data", 0.1, Arbitraries.of("\"Zm9v\"", "\"not base64!\"", "1")),
        member("platform", 0.3, platform),
        member("artifactType", 0.1, anyValue()),
        member("somethingElse", 0.1, anyValue()));
  }

  private Arbitrary<String> annotations() {
    Arbitrary<String> entry = Combinators.combine(anyString(), Arbitraries.frequencyOf(Tuple.of(5, anyString()),
        Tuple.of(1, Arbitraries.of("1", "null", "[]", "{}")))).as((k, v) -> k + ":" + v);
    return entry.list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}");
  }

  private Arbitrary<String> anyString() {
    return Arbitraries.strings().withChars("ab:/+.-_ 09\"\\\u00e9\u0001").ofMaxLength(12)
        .map(EncodedManifestPropertiesTest::quote);
  }

  private Arbitrary<String> anyValue() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, anyString()),
        Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
        Tuple.of(2, Arbitraries.of("null", "true", "false", "-0", "1e3", "[]", "{}", "[1,[2,{}]]", "{\"a\":{\"b\":[]}}")));
  }

  private static Arbitrary<String> member(String key, double presence, Arbitrary<String> value) {
    return value.map(v -> quote(key) + ":" + v).injectNull(1 - presence);
  }

  @SafeVarargs
  private static Arbitrary<String> members(Arbitrary<String>... members) {
    return Combinators.combine(List.of(members)).as(present -> {
      List<String> kept = new ArrayList<>();
      for (String m : present) {
        if (m != null) {
          kept.add(m);
        }
      }
      return "{" + String.join(",", kept) + "}";
    });
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
