package dev.berth.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelReaderTest {
  private static final String D = "sha256:" + "a".repeat(64);

  private static byte[] json(String s) {
    return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsEveryFieldOfAManifest() {
    Manifest m = ModelReader.manifest(json("{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_MANIFEST + "',"
        + "'artifactType':'application/x','config':{'mediaType':'" + MediaTypes.OCI_EMPTY + "','digest':'" + D
        + "','size':2,'data':'e30='},'layers':[{'mediaType':'text/plain','digest':'" + D + "','size':5,"
        + "'urls':['https://example.com/a'],'annotations':{'org.opencontainers.image.title':'a.txt'},"
        + "'unknown':{'x':[1]}}],'subject':{'mediaType':'" + MediaTypes.OCI_MANIFEST + "','digest':'" + D
        + "','size':7},'annotations':{'k':'v'},'extra':true}"), "m");
    assertEquals(2, m.schemaVersion());
    assertEquals("application/x", m.artifactType());
    assertEquals("e30=", m.config().data());
    Descriptor layer = m.layers().get(0);
    assertEquals("a.txt", layer.title());
    assertEquals(List.of("https://example.com/a"), layer.urls());
    assertEquals(7, m.subject().size());
    assertEquals(Map.of("k", "v"), m.annotations());
  }

  @Test
  void readsAnIndexWithPlatforms() {
    Index i = ModelReader.index(json("{'schemaVersion':2,'manifests':[{'mediaType':'" + MediaTypes.OCI_MANIFEST
        + "','digest':'" + D + "','size':9,'platform':{'architecture':'amd64','os':'windows',"
        + "'os.version':'10.0.17763','os.features':['win32k'],'variant':'v1'}}]}"), "i");
    Platform p = i.manifests().get(0).platform();
    assertEquals(new Platform("amd64", "windows", "10.0.17763", List.of("win32k"), "v1", null), p);
    assertNull(i.mediaType());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[]                                                            | the document is not a JSON object",
      "{'layers':{}}                                                 | layers is not an array",
      "{'layers':[1]}                                                | layers[0] is not a descriptor object",
      "{'layers':[{'digest':'DIG','size':1}]}                        | layers[0].mediaType is missing",
      "{'layers':[{'mediaType':'a/b','size':1}]}                     | layers[0].digest is missing",
      "{'layers':[{'mediaType':'a/b','digest':'sha256:x','size':1}]} | layers[0].digest: ",
      "{'config':{'mediaType':'a/b','digest':'DIG','size':-1}}       | config.size must not be negative: -1",
      "{'config':{'mediaType':'a/b','digest':'DIG','size':'12'}}     | config.size is not an integer",
      "{'config':{'mediaType':'a/b','digest':'DIG','size':1.5}}      | config.size is not an integer",
      "{'mediaType':7}                                               | mediaType is not a string",
      "{'annotations':{'k':1}}                                       | annotations[k] is not a string",
      "{'schemaVersion':3000000000}                                  | schemaVersion is out of range",
      "{'schemaVersion':-3000000000}                                 | schemaVersion is out of range",
  })
  void namesTheFieldAtFault(String doc, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelReader.manifest(json(doc.replace("DIG", D)), "manifest sha256:x"));
    assertTrue(e.getMessage().startsWith("manifest sha256:x is not valid: " + problem), e.getMessage());
  }

  @Test
  void aRepeatedKeyIsRefusedWhereverItIs() {
    for (String doc : List.of("{'schemaVersion':2,'mediaType':'a/b','mediaType':'c/d'}",
        "{'layers':[{'mediaType':'a/b','digest':'" + D + "','size':1,'size':5}]}",
        "{'config':{'mediaType':'a/b','digest':'" + D + "','size':1,'platform':{'os':'linux','os':'windows'}}}")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ModelReader.manifest(json(doc), "manifest m"));
      assertTrue(e.getMessage().startsWith("manifest m is not valid JSON: Duplicate field"), e.getMessage());
    }
  }

  @Test
  void badJsonIsNamedAsSuch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelReader.index(json("{'manifests':["), "index.json"));
    assertTrue(e.getMessage().startsWith("index.json is not valid JSON"), e.getMessage());
  }
}
