package dev.berth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DigestTest {
  private static final String HEX64 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
  private static final String HEX128 = "f7fbba6e0636f890e56fbbf3283e524c6fa3204ae298382d624741d0dc6638326e282c41be5e4254d8820772c5518a2c5a8c0c7f7eda19594a7eb539453e1ed7";

  /** input, algorithm, encoded, verifiable. */
  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("sha256:" + HEX64, "sha256", HEX64, true),
        Arguments.of("sha512:" + HEX128, "sha512", HEX128, true),
        Arguments.of("sha256:" + "0".repeat(64), "sha256", "0".repeat(64), true),
        // image-spec descriptor.md examples of algorithms berth carries but cannot compute
        Arguments.of("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8", "multihash+base58",
            "QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8", false),
        Arguments.of("sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", "sha256+b64u",
            "LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", false),
        Arguments.of("sha384:" + "a".repeat(96), "sha384", "a".repeat(96), false),
        Arguments.of("blake3:" + "A".repeat(64), "blake3", "A".repeat(64), false),
        Arguments.of("a.b_c-d+e:x=", "a.b_c-d+e", "x=", false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("valid")
  void parsesValidDigests(String input, String algorithm, String encoded, boolean verifiable) {
    Digest d = Digest.parse(input);
    assertEquals(algorithm, d.algorithm());
    assertEquals(encoded, d.hex());
    assertEquals(verifiable, d.isVerifiable());
    assertEquals(input, d.toString());
    assertEquals(d, Digest.parse(d.toString()));
    assertEquals(d, Digest.of(algorithm, encoded));
  }

  /** input, a fragment the message must contain. */
  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", "empty"),
        Arguments.of("sha256", "no ':'"),
        Arguments.of(":" + HEX64, "algorithm \"\""),
        Arguments.of("sha256:", "invalid encoded part"),
        Arguments.of("SHA256:" + HEX64, "algorithm \"SHA256\""),
        Arguments.of("sha256:" + HEX64.toUpperCase(), "must be lower-case hex"),
        Arguments.of("sha256:" + HEX64.substring(0, 63) + "A", "must be lower-case hex"),
        Arguments.of("sha256:" + HEX64.substring(1), "must have 64 hex characters, got 63"),
        Arguments.of("sha256:" + HEX64 + "0", "got 65"),
        Arguments.of("sha512:" + HEX64, "must have 128 hex characters, got 64"),
        Arguments.of("sha256:" + "g".repeat(64), "lower-case hex"),
        Arguments.of("sha256::" + HEX64, "invalid encoded part"),
        Arguments.of("sha256:" + HEX64 + " ", "invalid encoded part"),
        Arguments.of(" sha256:" + HEX64, "algorithm \" sha256\""),
        Arguments.of("-sha:abc", "algorithm \"-sha\""),
        Arguments.of("sha256-:abc", "algorithm \"sha256-\""),
        Arguments.of("sha..256:abc", "algorithm"),
        Arguments.of("sha 256:abc", "algorithm"),
        Arguments.of("foo:a/b", "invalid encoded part \"a/b\""),
        Arguments.of("foo:a+b", "invalid encoded part"),
        Arguments.of("foo:a:b", "invalid encoded part"),
        Arguments.of("foo:\u00e9", "invalid encoded part"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void refusesInvalidDigestsNamingTheBadPart(String input, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parse(input));
    assertTrue(e.getMessage().contains(fragment), () -> "\"" + e.getMessage() + "\" should contain \"" + fragment + "\"");
  }

  @Test
  void nullIsRefusedWithIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> Digest.parse(null));
    assertThrows(IllegalArgumentException.class, () -> Digest.of(null, HEX64));
    assertThrows(IllegalArgumentException.class, () -> Digest.of("sha256", null));
  }

  @Test
  void longInvalidInputIsShortenedInTheMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Digest.parse("foo:" + "x".repeat(10_000) + "/"));
    assertTrue(e.getMessage().length() < 200, e.getMessage());
  }

  @Test
  void computesSha256AndSha512() {
    byte[] foo = "foo".getBytes(StandardCharsets.UTF_8);
    assertEquals("sha256:" + HEX64, Digest.sha256(foo).toString());
    assertEquals("sha512:" + HEX128, Digest.compute(Digest.SHA512, foo, 0, foo.length).toString());
    assertTrue(Digest.parse("sha256:" + HEX64).matches(foo));
    assertTrue(Digest.parse("sha512:" + HEX128).matches(foo));
    assertFalse(Digest.parse("sha256:" + HEX64).matches("bar".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void computesOverAByteRange() {
    byte[] padded = "xxfooyy".getBytes(StandardCharsets.UTF_8);
    assertEquals("sha256:" + HEX64, Digest.compute(Digest.SHA256, padded, 2, 3).toString());
  }

  @Test
  void unknownAlgorithmIsCarriedButSaysItCannotBeVerified() {
    Digest d = Digest.parse("sha384:" + "a".repeat(96));
    assertFalse(d.isVerifiable());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, d::newMessageDigest);
    assertTrue(e.getMessage().contains("\"sha384\" cannot be verified"), e.getMessage());
    assertTrue(e.getMessage().contains("sha256 and sha512"), e.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> d.matches(new byte[0]));
  }

  @Test
  void tagFormReplacesTheColon() {
    assertEquals("sha256-" + HEX64, Digest.parse("sha256:" + HEX64).toTagForm());
  }

  @Test
  void equalityHashAndOrder() {
    Digest a = Digest.parse("sha256:" + HEX64);
    Digest b = Digest.parse("sha256:" + HEX64);
    Digest c = Digest.parse("sha256:" + "0".repeat(64));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, c);
    assertTrue(c.compareTo(a) < 0);
  }

  @Test
  void mapsToAndFromAJsonString() {
    Digest d = Digest.parse("sha256:" + HEX64);
    assertEquals("\"sha256:" + HEX64 + "\"", new String(Json.write(d), StandardCharsets.UTF_8));
    assertEquals(d, Json.read(("\"sha256:" + HEX64 + "\"").getBytes(StandardCharsets.UTF_8), Digest.class, "digest"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Json.read("\"sha256:ABC\"".getBytes(StandardCharsets.UTF_8), Digest.class, "digest"));
    assertTrue(e.getMessage().contains("lower-case hex"), e.getMessage());
  }
}
