package dev.berth.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EncodedManifestTest {
  private static final String D1 = "sha256:" + "1".repeat(64);

  /** Odd but valid JSON: indentation, CRLF, tabs, escaped slash, key order a serializer would not pick. */
  private static final String ODD = "{\r\n\t\"layers\" : [ ],\n   \"config\":{\"size\":2,\"digest\":\""
      + Descriptor.EMPTY_JSON.digest() + "\",  \"mediaType\":\"application\\/vnd.oci.empty.v1+json\"},"
      + "\"schemaVersion\":2 ,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"   }\n\n";

  @Test
  void keepsExactBytesAndTheirDigest() throws IOException {
    byte[] bytes = ODD.getBytes(StandardCharsets.UTF_8);
    EncodedManifest m = EncodedManifest.wrap(null, bytes);
    assertArrayEquals(bytes, m.bytes());
    assertArrayEquals(bytes, m.openStream().readAllBytes());
    assertEquals(Digest.sha256(bytes), m.digest());
    assertEquals(bytes.length, m.descriptor().size());
    assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
    // parsing to read it changes nothing
    assertEquals(Descriptor.EMPTY_JSON, m.manifest().config());
    assertEquals(List.of(Descriptor.EMPTY_JSON), m.children());
    assertArrayEquals(bytes, m.bytes());
    assertEquals(Digest.sha256(bytes), m.digest());
  }

  @Test
  void callerCannotChangeTheBytes() {
    byte[] bytes = ODD.getBytes(StandardCharsets.UTF_8);
    EncodedManifest m = EncodedManifest.wrap(null, bytes);
    bytes[0] = ' ';
    m.bytes()[1] = ' ';
    assertEquals(ODD, new String(m.bytes(), StandardCharsets.UTF_8));
  }

  @Test
  void verifiedChecksSizeAndDigest() throws OciException {
    byte[] bytes = ODD.getBytes(StandardCharsets.UTF_8);
    Descriptor right = Descriptor.of(MediaTypes.OCI_MANIFEST, bytes);
    assertArrayEquals(bytes, EncodedManifest.verified(right, bytes).bytes());
    Descriptor wrongSize = Descriptor.of(MediaTypes.OCI_MANIFEST, right.digest(), bytes.length + 1);
    assertThrows(SizeMismatchException.class, () -> EncodedManifest.verified(wrongSize, bytes));
    byte[] flipped = bytes.clone();
    flipped[3] ^= 1;
    DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> EncodedManifest.verified(right, flipped));
    assertEquals(Digest.sha256(flipped), e.actual());
  }

  @Test
  void ofSerialisesCompactlyAndCarriesArtifactType() {
    Manifest built = Manifest.artifact("application/vnd.example", List.of());
    EncodedManifest m = EncodedManifest.of(built);
    assertEquals("application/vnd.example", m.descriptor().artifactType());
    assertEquals(built, m.manifest());
    assertFalse(new String(m.bytes(), StandardCharsets.UTF_8).contains("\n"));
    assertEquals(Digest.sha256(m.bytes()), m.digest());
    EncodedManifest index = EncodedManifest.of(Index.of(List.of(m.descriptor())));
    assertTrue(index.isIndex());
    assertEquals(List.of(m.descriptor()), index.children());
  }

  /** JSON, expected detected media type. */
  static Stream<Arguments> detection() {
    String desc = "{\"mediaType\":\"application/x\",\"digest\":\"" + D1 + "\",\"size\":1}";
    return Stream.of(
        Arguments.of("{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":" + desc + "}",
            MediaTypes.DOCKER_MANIFEST),
        Arguments.of("{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":[]}",
            MediaTypes.DOCKER_MANIFEST_LIST),
        Arguments.of("{\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[" + desc + "]}", MediaTypes.OCI_INDEX),
        Arguments.of("{\"schemaVersion\":2,\"manifests\":[]}", MediaTypes.OCI_INDEX),
        Arguments.of("{\"schemaVersion\":2,\"config\":" + desc + ",\"layers\":[]}", MediaTypes.OCI_MANIFEST),
        Arguments.of("{\"layers\":[]}", MediaTypes.OCI_MANIFEST),
        Arguments.of("{\"mediaType\":\"application/vnd.something.else\"}", "application/vnd.something.else"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("detection")
  void detectsMediaType(String json, String expected) {
    assertEquals(expected, EncodedManifest.wrap(null, json.getBytes(StandardCharsets.UTF_8)).mediaType());
  }

  @Test
  void explicitMediaTypeWinsOverTheJson() {
    EncodedManifest m = EncodedManifest.wrap(MediaTypes.DOCKER_MANIFEST, ODD.getBytes(StandardCharsets.UTF_8));
    assertEquals(MediaTypes.DOCKER_MANIFEST, m.mediaType());
  }

  @Test
  void undetectableOrMalformedJsonIsRefused() {
    for (String bad : List.of("{}", "{\"schemaVersion\":2}", "[]", "\"text\"", "42", "null", "", "{", "{\"a\":}",
        "not json", "{\"mediaType\":7}")) {
      assertThrows(IllegalArgumentException.class, () -> EncodedManifest.wrap(null, bad.getBytes(StandardCharsets.UTF_8)),
          bad);
    }
  }

  @Test
  void askingAManifestForItsIndexIsRefused() {
    EncodedManifest manifest = EncodedManifest.wrap(null, ODD.getBytes(StandardCharsets.UTF_8));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, manifest::index);
    assertTrue(e.getMessage().contains("not an index"), e.getMessage());
    EncodedManifest index = EncodedManifest.of(Index.of(List.of()));
    assertThrows(IllegalArgumentException.class, index::manifest);
  }

  @Test
  void nonManifestMediaTypeHasNoChildren() {
    EncodedManifest m = EncodedManifest.wrap("application/vnd.example.thing+json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), m.children());
  }

  @Test
  void withDescriptorRequiresTheSameContent() {
    EncodedManifest m = EncodedManifest.wrap(null, ODD.getBytes(StandardCharsets.UTF_8));
    EncodedManifest annotated = m.withDescriptor(m.descriptor().withAnnotation("k", "v"));
    assertEquals("v", annotated.descriptor().annotation("k"));
    assertArrayEquals(m.bytes(), annotated.bytes());
    assertThrows(IllegalArgumentException.class,
        () -> m.withDescriptor(Descriptor.of(m.mediaType(), Digest.parse(D1), m.descriptor().size())));
  }

  @Test
  void toStringIsBrief() {
    EncodedManifest m = EncodedManifest.wrap(null, ODD.getBytes(StandardCharsets.UTF_8));
    assertEquals("EncodedManifest{" + m.descriptor().brief() + "}", m.toString());
  }
}
