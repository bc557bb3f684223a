package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReferrersTest {
  private static final String SBOM = "application/vnd.example.sbom";
  private static final String SIG = "application/vnd.example.signature";

  private final MockRegistry registry;
  private final EncodedManifest subject = EncodedManifest.of(Manifest.of(Descriptor.EMPTY_JSON,
      List.of(Descriptor.of(MediaTypes.OCI_LAYER_TAR, "x".getBytes(StandardCharsets.UTF_8)))));
  private final EncodedManifest sbom = EncodedManifest.of(Manifest.artifact(SBOM, List.of())
      .withSubject(subject.descriptor()).withAnnotations(Map.of("org.example.kind", "sbom")));
  private final String fallbackTag = subject.digest().algorithm() + "-" + subject.digest().hex();

  ReferrersTest() throws IOException {
    registry = new MockRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void pushingAReferrerWithoutOciSubjectInTheAnswerAddsItToTheFallbackIndex() throws Exception {
    registry.enqueue(201); // PUT of the referrer, no OCI-Subject
    registry.enqueue(404); // GET of the fallback tag: none yet
    registry.enqueue(404); // GET again just before writing: still none
    registry.enqueue(201); // PUT of the new fallback index
    registry.enqueueBody(200, readBack(sbom.descriptor()), "Content-Type", MediaTypes.OCI_INDEX); // read back
    registry.enqueueBody(200, readBack(sbom.descriptor()), "Content-Type", MediaTypes.OCI_INDEX); // still there

    registry.repository().pushManifest(sbom, List.of());

    registry.take("PUT", "/v2/team/app/manifests/" + sbom.digest());
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    RecordedRequest put = registry.take("PUT", "/v2/team/app/manifests/" + fallbackTag);
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag); // confirmed a moment later
    registry.assertNoMoreRequests();
    assertEquals(MediaTypes.OCI_INDEX, put.getHeaders().get("Content-Type"));
    Index index = Json.read(put.getBody().toByteArray(), Index.class, "index");
    assertEquals(1, index.manifests().size());
    Descriptor entry = index.manifests().get(0);
    assertEquals(sbom.digest(), entry.digest());
    assertEquals(SBOM, entry.artifactType());
    assertEquals("sbom", entry.annotation("org.example.kind"));
  }

  @Test
  void theFallbackIndexIsMergedNotReplacedAndDuplicatesAreSkipped() throws Exception {
    Descriptor other = Descriptor.of(MediaTypes.OCI_MANIFEST, "other".getBytes(StandardCharsets.UTF_8))
        .withArtifactType(SIG);
    String existing = new String(EncodedManifest.of(Index.of(List.of(other))).bytes(), StandardCharsets.UTF_8);
    String third = new String(EncodedManifest.of(Index.of(List.of(other, sbom.descriptor().withArtifactType(SIG))))
        .bytes(), StandardCharsets.UTF_8);
    registry.enqueue(201);
    registry.enqueueBody(200, existing, "Content-Type", MediaTypes.OCI_INDEX);
    registry.enqueueBody(200, existing, "Content-Type", MediaTypes.OCI_INDEX); // unchanged just before writing
    registry.enqueue(201);
    registry.enqueueBody(200, third, "Content-Type", MediaTypes.OCI_INDEX); // read back: it stayed
    registry.enqueueBody(200, third, "Content-Type", MediaTypes.OCI_INDEX); // and a moment later
    Repository repo = registry.repository();

    repo.pushManifest(sbom, List.of());

    registry.take("PUT", "/v2/team/app/manifests/" + sbom.digest());
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    Index merged = Json.read(registry.take("PUT", "/v2/team/app/manifests/" + fallbackTag).getBody().toByteArray(),
        Index.class, "index");
    assertEquals(List.of(other.digest(), sbom.digest()), merged.manifests().stream().map(Descriptor::digest).toList());
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag); // confirmed a moment later
    registry.assertNoMoreRequests();
  }

  @Test
  void anEntryAnotherWriterDroppedIsMergedAgainAfterTheReadBack() throws Exception {
    Descriptor other = Descriptor.of(MediaTypes.OCI_MANIFEST, "other".getBytes(StandardCharsets.UTF_8))
        .withArtifactType(SIG);
    String othersOnly = new String(EncodedManifest.of(Index.of(List.of(other))).bytes(), StandardCharsets.UTF_8);
    registry.enqueue(201); // PUT of the referrer, no OCI-Subject
    registry.enqueue(404); // no fallback tag yet
    registry.enqueue(404); // still none just before writing
    registry.enqueue(201); // PUT [sbom]
    registry.enqueueBody(200, othersOnly, "Content-Type", MediaTypes.OCI_INDEX); // read back: another writer won
    registry.enqueueBody(200, othersOnly, "Content-Type", MediaTypes.OCI_INDEX); // unchanged before writing again
    registry.enqueue(201); // PUT [other, sbom]
    registry.enqueueBody(200, readBack(other, sbom.descriptor()), "Content-Type", MediaTypes.OCI_INDEX);
    registry.enqueueBody(200, readBack(other, sbom.descriptor()), "Content-Type", MediaTypes.OCI_INDEX);

    registry.repository().pushManifest(sbom, List.of());

    registry.take("PUT", "/v2/team/app/manifests/" + sbom.digest());
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    registry.take("PUT", "/v2/team/app/manifests/" + fallbackTag);
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    Index merged = Json.read(registry.take("PUT", "/v2/team/app/manifests/" + fallbackTag).getBody().toByteArray(),
        Index.class, "index");
    assertEquals(List.of(other.digest(), sbom.digest()), merged.manifests().stream().map(Descriptor::digest).toList());
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag); // confirmed a moment later
    registry.assertNoMoreRequests();
  }

  @Test
  void aRegistryThatAnswersOciSubjectIndexesReferrersItself() throws Exception {
    registry.enqueue(201, "OCI-Subject", subject.digest().toString());

    registry.repository().pushManifest(sbom, List.of());

    registry.take("PUT", "/v2/team/app/manifests/" + sbom.digest());
    registry.assertNoMoreRequests();
  }

  @Test
  void listingFallsBackToTheTagWhenTheApiIsMissingAndRemembersThat() throws Exception {
    Descriptor sig = Descriptor.of(MediaTypes.OCI_MANIFEST, "sig".getBytes(StandardCharsets.UTF_8)).withArtifactType(SIG);
    Descriptor sbomEntry = sbom.descriptor().withArtifactType(SBOM);
    String index = new String(EncodedManifest.of(Index.of(List.of(sig, sbomEntry))).bytes(), StandardCharsets.UTF_8);
    registry.enqueueBody(404, "404 page not found\n", "Content-Type", "text/plain");
    registry.enqueueBody(200, index, "Content-Type", MediaTypes.OCI_INDEX);
    registry.enqueueBody(200, index, "Content-Type", MediaTypes.OCI_INDEX);
    Repository repo = registry.repository();

    List<Descriptor> sboms = repo.referrers(subject.descriptor(), SBOM);
    List<Descriptor> all = repo.referrers(subject.descriptor(), null);

    assertEquals(List.of(sbom.digest()), sboms.stream().map(Descriptor::digest).toList());
    assertEquals(2, all.size());
    RecordedRequest api = registry.take("GET", "/v2/team/app/referrers/" + subject.digest());
    assertEquals(SBOM, api.getUrl().queryParameter("artifactType"));
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    registry.take("GET", "/v2/team/app/manifests/" + fallbackTag);
    registry.assertNoMoreRequests();
  }

  @Test
  void anApiAnswerThatIsNotAnIndexMeansUnsupportedAndAFallbackTagThatIsNotAnIndexMeansNone() throws Exception {
    registry.enqueueBody(200, "{\"whatever\":true}", "Content-Type", "application/json");
    registry.enqueueBody(200, new String(subject.bytes(), StandardCharsets.UTF_8), "Content-Type", MediaTypes.OCI_MANIFEST);

    assertEquals(List.of(), registry.repository().referrers(subject.descriptor(), null));
  }

  @Test
  void theApiIsPagedAndFilteredOnTheClientWhenTheRegistryDidNotFilter() throws Exception {
    Descriptor sig = Descriptor.of(MediaTypes.OCI_MANIFEST, "sig".getBytes(StandardCharsets.UTF_8)).withArtifactType(SIG);
    Descriptor sbomEntry = sbom.descriptor().withArtifactType(SBOM);
    registry.enqueueBody(200, json(Index.of(List.of(sig))), "Content-Type", MediaTypes.OCI_INDEX,
        "Link", "</v2/team/app/referrers/" + subject.digest() + "?artifactType=x&page=2>; rel=\"next\"");
    registry.enqueueBody(200, json(Index.of(List.of(sbomEntry))), "Content-Type", MediaTypes.OCI_INDEX);

    List<Descriptor> got = registry.repository().referrers(subject.descriptor(), SBOM);

    assertEquals(List.of(sbom.digest()), got.stream().map(Descriptor::digest).toList());
    registry.take("GET", "/v2/team/app/referrers/" + subject.digest());
    assertNotNull(registry.take("GET", "/v2/team/app/referrers/" + subject.digest()).getUrl().queryParameter("page"));
  }

  @Test
  void aRegistryThatFilteredIsTrusted() throws Exception {
    Descriptor sig = Descriptor.of(MediaTypes.OCI_MANIFEST, "sig".getBytes(StandardCharsets.UTF_8)).withArtifactType(SIG);
    registry.enqueueBody(200, json(Index.of(List.of(sig))), "Content-Type", MediaTypes.OCI_INDEX,
        "OCI-Filters-Applied", "artifactType");

    assertEquals(1, registry.repository().referrers(subject.descriptor(), SBOM).size());
  }

  private static String json(Index index) {
    return new String(EncodedManifest.of(index).bytes(), StandardCharsets.UTF_8);
  }

  private static String readBack(Descriptor... entries) {
    return new String(EncodedManifest.of(Index.of(List.of(entries))).bytes(), StandardCharsets.UTF_8);
  }
}
