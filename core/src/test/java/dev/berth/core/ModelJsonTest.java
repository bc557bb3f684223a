package dev.berth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Jackson mapping of Descriptor, Manifest, Index and Platform against image-spec JSON. */
class ModelJsonTest {
  private static final String EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);

  @Test
  void emptyDescriptorIsTheDigestOfTwoBraces() {
    assertEquals(MediaTypes.OCI_EMPTY, Descriptor.EMPTY_JSON.mediaType());
    assertEquals(EMPTY_DIGEST, Descriptor.EMPTY_JSON.digest().toString());
    assertEquals(2, Descriptor.EMPTY_JSON.size());
    assertEquals("{}", new String(Descriptor.emptyJsonContent(), StandardCharsets.UTF_8));
    assertEquals("{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + EMPTY_DIGEST + "\",\"size\":2}",
        json(Descriptor.EMPTY_JSON));
  }

  @Test
  void emptyJsonContentIsACopy() {
    byte[] first = Descriptor.emptyJsonContent();
    first[0] = 'x';
    assertEquals("{}", new String(Descriptor.emptyJsonContent(), StandardCharsets.UTF_8));
  }

  @Test
  void descriptorOmitsNullFieldsAndKeepsSpecOrder() {
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, Digest.parse(D1), 42)
        .withAnnotation("org.opencontainers.image.title", "a.txt")
        .withArtifactType("application/x")
        .withPlatform(Platform.of("linux", "arm64", "v8"));
    assertEquals("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + D1 + "\",\"size\":42,"
        + "\"annotations\":{\"org.opencontainers.image.title\":\"a.txt\"},"
        + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"},"
        + "\"artifactType\":\"application/x\"}", json(d));
    assertEquals(d, read(json(d), Descriptor.class));
  }

  @Test
  void descriptorToleratesUnknownFields() {
    Descriptor d = read("{\"mediaType\":\"application/x\",\"digest\":\"" + D1 + "\",\"size\":3,"
        + "\"somethingNew\":{\"deep\":[1,2]},\"future\":true}", Descriptor.class);
    assertEquals(Descriptor.of("application/x", Digest.parse(D1), 3), d);
  }

  @Test
  void descriptorCarriesUrlsAndData() {
    String text = "{\"mediaType\":\"application/x\",\"digest\":\"" + D1 + "\",\"size\":3,"
        + "\"urls\":[\"https://example.com/blob\"],\"data\":\"Zm9v\"}";
    Descriptor d = read(text, Descriptor.class);
    assertEquals(List.of("https://example.com/blob"), d.urls());
    assertEquals("Zm9v", d.data());
    assertEquals(text, json(d));
  }

  @Test
  void descriptorWithoutDigestOrWithBadDigestIsRefused() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> read("{\"mediaType\":\"application/x\",\"size\":3}", Descriptor.class));
    assertTrue(missing.getMessage().contains("digest"), missing.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> read("{\"mediaType\":\"application/x\",\"digest\":\"sha256:ABC\",\"size\":3}", Descriptor.class));
    assertTrue(bad.getMessage().contains("lower-case hex"), bad.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> read("{\"mediaType\":\"application/x\",\"digest\":\"" + D1 + "\",\"size\":-1}", Descriptor.class));
  }

  @Test
  void annotationOrderIsKeptThroughJson() {
    Map<String, String> annotations = new LinkedHashMap<>();
    for (String k : List.of("zeta", "alpha", "mike", "bravo", "yankee", "charlie")) {
      annotations.put(k, k.toUpperCase());
    }
    Manifest m = Manifest.of(Descriptor.EMPTY_JSON, List.of()).withAnnotations(annotations);
    String text = json(m);
    assertTrue(text.contains("{\"zeta\":\"ZETA\",\"alpha\":\"ALPHA\",\"mike\":\"MIKE\",\"bravo\":\"BRAVO\","
        + "\"yankee\":\"YANKEE\",\"charlie\":\"CHARLIE\"}"), text);
    Manifest back = read(text, Manifest.class);
    assertEquals(List.copyOf(annotations.keySet()), List.copyOf(back.annotations().keySet()));
    Descriptor d = read("{\"mediaType\":\"a\",\"digest\":\"" + D1 + "\",\"size\":1,"
        + "\"annotations\":{\"b\":\"1\",\"a\":\"2\",\"c\":\"3\"}}", Descriptor.class);
    assertEquals(List.of("b", "a", "c"), List.copyOf(d.annotations().keySet()));
  }

  @Test
  void manifestMapsTheImageSpecExample() {
    String text = """
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.manifest.v1+json",
          "config": {
            "mediaType": "application/vnd.oci.image.config.v1+json",
            "digest": "%s",
            "size": 7023
          },
          "layers": [
            {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "%s", "size": 32654},
            {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "%s", "size": 16724}
          ],
          "subject": {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%s", "size": 7682},
          "annotations": {"com.example.key1": "value1", "com.example.key2": "value2"},
          "unknownTopLevel": [1, {"x": null}]
        }
        """.formatted(D1, D2, D1, D2);
    Manifest m = read(text, Manifest.class);
    assertEquals(2, m.schemaVersion());
    assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
    assertEquals(7023, m.config().size());
    assertEquals(2, m.layers().size());
    assertEquals(16724, m.layers().get(1).size());
    assertEquals(D2, m.subject().digest().toString());
    assertEquals("value1", m.annotations().get("com.example.key1"));
    assertNull(m.artifactType());
    assertEquals(MediaTypes.OCI_CONFIG, m.effectiveArtifactType());
    assertEquals(m, read(json(m), Manifest.class));
  }

  @Test
  void manifestOmitsNullsAndWritesFieldsInSpecOrder() {
    Manifest m = Manifest.artifact("application/vnd.example+type", List.of());
    assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"artifactType\":\"application/vnd.example+type\","
        + "\"config\":" + json(Descriptor.EMPTY_JSON) + ",\"layers\":[" + json(Descriptor.EMPTY_JSON) + "]}", json(m));
    assertEquals("application/vnd.example+type", m.effectiveArtifactType());
  }

  @Test
  void manifestWithoutLayersReadsAsEmptyList() {
    Manifest m = read("{\"schemaVersion\":2,\"config\":" + json(Descriptor.EMPTY_JSON) + "}", Manifest.class);
    assertEquals(List.of(), m.layers());
    assertNull(m.annotations());
  }

  @Test
  void indexMapsPlatformsIncludingDottedNames() {
    String text = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":7143,
           "platform":{"architecture":"ppc64le","os":"linux"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":7682,
           "platform":{"architecture":"amd64","os":"windows","os.version":"10.0.17763.1040",
                       "os.features":["win32k"],"variant":"v3","features":["sse4"],"extra":1}}],
         "annotations":{"com.example.key1":"value1"}}
        """.formatted(D1, D2);
    Index index = read(text, Index.class);
    assertEquals(2, index.manifests().size());
    Platform windows = index.manifests().get(1).platform();
    assertEquals("10.0.17763.1040", windows.osVersion());
    assertEquals(List.of("win32k"), windows.osFeatures());
    assertEquals(List.of("sse4"), windows.features());
    assertEquals("v3", windows.variant());
    String written = json(windows);
    assertEquals("{\"architecture\":\"amd64\",\"os\":\"windows\",\"os.version\":\"10.0.17763.1040\","
        + "\"os.features\":[\"win32k\"],\"variant\":\"v3\",\"features\":[\"sse4\"]}", written);
    assertFalse(json(index).contains("osVersion"));
    assertEquals(index, read(json(index), Index.class));
  }

  @Test
  void indexOfWritesCompactSpecOrder() {
    Index index = Index.of(List.of(Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.parse(D1), 10)));
    assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + D1 + "\",\"size\":10}]}",
        json(index));
  }

  @Test
  void platformParsesAndMatches() {
    Platform p = Platform.parse("linux/arm64/v8");
    assertEquals("linux", p.os());
    assertEquals("arm64", p.architecture());
    assertEquals("v8", p.variant());
    assertEquals("linux/arm64/v8", p.toString());
    assertEquals("linux/amd64", Platform.parse("linux/amd64").toString());
    assertTrue(p.satisfies(Platform.parse("linux/arm64")));
    assertTrue(p.satisfies(Platform.parse("linux/arm64/v8")));
    assertFalse(p.satisfies(Platform.parse("linux/arm64/v7")));
    assertFalse(Platform.parse("linux/arm64").satisfies(p));
    Platform win = new Platform("amd64", "windows", "10.0.1", null, null, null);
    assertTrue(win.satisfies(new Platform("amd64", "windows", "10.0.1", null, null, null)));
    assertFalse(win.satisfies(new Platform("amd64", "windows", "10.0.2", null, null, null)));
    for (String bad : List.of("", "linux", "linux/", "/amd64", "linux/amd64/", "a/b/c/d")) {
      assertThrows(IllegalArgumentException.class, () -> Platform.parse(bad), bad);
    }
  }

  @Test
  void collectionsAreImmutableCopies() {
    List<Descriptor> layers = new java.util.ArrayList<>(List.of(Descriptor.EMPTY_JSON));
    Manifest m = Manifest.of(Descriptor.EMPTY_JSON, layers);
    layers.clear();
    assertEquals(1, m.layers().size());
    assertThrows(UnsupportedOperationException.class, () -> m.layers().add(Descriptor.EMPTY_JSON));
    Descriptor d = Descriptor.EMPTY_JSON.withAnnotation("k", "v");
    assertThrows(UnsupportedOperationException.class, () -> d.annotations().put("x", "y"));
  }

  @Test
  void descriptorHelpers() {
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, "foo".getBytes(StandardCharsets.UTF_8))
        .withAnnotation(Descriptor.ANNOTATION_TITLE, "foo.txt");
    assertEquals("foo.txt", d.title());
    assertNull(d.annotation("nope"));
    assertTrue(d.sameContent(d.withMediaType("other").withAnnotations(null)));
    assertNull(d.withAnnotations(Map.of()).annotations());
    assertEquals(MediaTypes.OCI_LAYER_TAR + " " + d.digest() + " (3 bytes)", d.brief());
  }

  private static String json(Object value) {
    return new String(Json.write(value), StandardCharsets.UTF_8);
  }

  private static <T> T read(String text, Class<T> type) {
    return Json.read(text.getBytes(StandardCharsets.UTF_8), type, type.getSimpleName());
  }
}
