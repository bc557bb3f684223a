package dev.berth.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.Descriptor;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.OciException;
import dev.berth.core.RegistryErrorException;
import dev.berth.core.SizeLimitExceededException;
import dev.berth.core.UnauthorizedException;
import dev.berth.core.copy.Copier;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.core.remote.RetryPolicy;
import dev.berth.testkit.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that lies, floods or points elsewhere: wrong bytes, bodies without end, pagination without
 * end, upload locations and token realms aimed at other hosts, redirects that fish for credentials. Each
 * case ends in a typed error, with memory and requests bounded, nothing written, and no credential sent
 * anywhere but the registry that asked for it.
 */
class HostileRegistryTest {
  private static final String USER = "alice";
  private static final String PASSWORD = "hostile-test-password-1";
  private static final byte[] CONTENT = "the real layer".getBytes(StandardCharsets.UTF_8);
  private static final Descriptor LAYER = Descriptor.of(MediaTypes.OCI_LAYER_TAR, CONTENT);

  private final MockWebServer registry = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();
  private final List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> seenElsewhere = new CopyOnWriteArrayList<>();

  HostileRegistryTest() throws IOException {
    registry.start();
    elsewhere.start();
  }

  @AfterEach
  void stop() {
    registry.close();
    elsewhere.close();
  }

  private void serve(Function<RecordedRequest, MockResponse> answer) {
    registry.setDispatcher(recording(seen, answer));
  }

  private void serveElsewhere(Function<RecordedRequest, MockResponse> answer) {
    elsewhere.setDispatcher(recording(seenElsewhere, answer));
  }

  private static Dispatcher recording(List<RecordedRequest> log, Function<RecordedRequest, MockResponse> answer) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        log.add(request);
        return answer.apply(request);
      }
    };
  }

  private String host() {
    return registry.getHostName() + ":" + registry.getPort();
  }

  private RegistryClient.Builder clientBuilder() {
    return RegistryClient.builder()
        .plainHttp(host())
        .credentials(CredentialProvider.of(Credential.basic(USER, PASSWORD)))
        .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  private Repository repository() {
    return clientBuilder().build().repository(host(), "team/app");
  }

  private static MockResponse json(String mediaType, byte[] body) {
    return new MockResponse.Builder().addHeader("Content-Type", mediaType)
        .addHeader("Docker-Content-Digest", Descriptor.of(mediaType, body).digest().toString())
        .body(new okio.Buffer().write(body)).build();
  }

  private static MockResponse code(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  // ---- wrong bytes ----

  @Test
  void wrongBytesForADigestFailThePullAndNothingReachesTheLayout(@TempDir Path dir) throws IOException {
    EncodedManifest manifest = EncodedManifest.of(Manifest.of(Descriptor.EMPTY_JSON, List.of(LAYER)));
    byte[] forged = "the fake layer".getBytes(StandardCharsets.UTF_8); // same length, other bytes
    serve(r -> {
      String path = r.getUrl().encodedPath();
      if (path.endsWith("/manifests/v1") || path.endsWith("/manifests/" + manifest.digest())) {
        return json(MediaTypes.OCI_MANIFEST, manifest.bytes());
      }
      if (path.endsWith(Descriptor.EMPTY_JSON.digest().toString())) {
        return new MockResponse.Builder().body(new okio.Buffer().write(Descriptor.emptyJsonContent())).build();
      }
      if (path.endsWith(LAYER.digest().toString())) {
        return new MockResponse.Builder().body(new okio.Buffer().write(forged)).build();
      }
      return code(404);
    });
    OciLayout layout = OciLayout.open(dir.resolve("layout"));
    DigestMismatchException e = assertThrows(DigestMismatchException.class,
        () -> Copier.copy(repository(), "v1", layout, "v1", CopyOptions.defaults()));
    assertEquals(LAYER.digest(), e.expected().digest());
    assertFalse(layout.exists(LAYER), "the forged blob was kept");
    assertFalse(layout.exists(manifest.descriptor()), "a manifest whose blobs are missing was kept");
    assertThrows(NotFoundException.class, () -> layout.resolve("v1"));
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> names = files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
      // What a layout holds before anything is copied into it, plus the one blob that was verified.
      assertEquals(List.of("layout/blobs/sha256/" + Descriptor.EMPTY_JSON.digest().hex(), "layout/index.json",
          "layout/oci-layout"), names);
    }
  }

  // ---- bodies without end ----

  @Test
  void anEndlessManifestIsCutOffAtTheLimitWithBoundedMemory() {
    EndlessBody endless = new EndlessBody("{\"layers\":[");
    serve(r -> new MockResponse.Builder().addHeader("Content-Type", MediaTypes.OCI_MANIFEST).body(endless).build());
    Repository repo = clientBuilder().maxManifestBytes(64 * 1024).build().repository(host(), "team/app");
    assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(SizeLimitExceededException.class, () -> repo.fetchManifest("v1")));
    assertTrue(endless.sent() < 64L << 20, "sent " + endless.sent());
  }

  @Test
  void anEndlessErrorBodyIsNotReadToItsEnd() {
    EndlessBody endless = new EndlessBody("{\"errors\":[{\"code\":\"X\"},");
    serve(r -> new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json").body(endless).build());
    Repository repo = repository();
    OciException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(OciException.class, () -> repo.resolve("v1")));
    assertTrue(e.getMessage().contains("400"), e.getMessage());
    assertTrue(endless.sent() < 64L << 20, "sent " + endless.sent());
  }

  @Test
  void anEndlessTokenAnswerIsCutOffAndNothingIsSentWithIt() {
    EndlessBody endless = new EndlessBody("{\"token\":\"");
    serve(r -> {
      if (r.getUrl().encodedPath().equals("/token")) {
        return new MockResponse.Builder().body(endless).build();
      }
      return new MockResponse.Builder().code(401)
          .addHeader("WWW-Authenticate", "Bearer realm=\"" + registry.url("/token") + "\",service=\"reg\"").build();
    });
    Repository repo = repository();
    UnauthorizedException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(UnauthorizedException.class, () -> repo.resolve("v1")));
    AuthenticationException cause = assertInstanceOf(AuthenticationException.class, e.getCause());
    assertEquals(AuthenticationException.Reason.PROTOCOL, cause.reason());
    assertTrue(endless.sent() < 64L << 20, "sent " + endless.sent());
  }

  @Test
  void anEndlessTagListPageIsCutOff() {
    EndlessBody endless = new EndlessBody("{\"name\":\"team/app\",\"tags\":[", "\"tag\",");
    serve(r -> new MockResponse.Builder().addHeader("Content-Type", "application/json").body(endless).build());
    Repository repo = repository();
    assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(SizeLimitExceededException.class, repo::tags));
  }

  // ---- pagination without end ----

  /**
   * Ten thousand pages over loopback would take minutes, so the registry here is an interceptor in the
   * client's base: every request is answered in-process, past berth's own interceptors and paging.
   */
  @Test
  void endlessPaginationWithFreshLinksIsCappedByAPageLimit() {
    java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
    OkHttpClient inProcess = new OkHttpClient.Builder().addInterceptor(chain -> {
      String last = chain.request().url().queryParameter("last");
      int page = last == null ? 0 : Integer.parseInt(last.substring(1)) + 1;
      pages.incrementAndGet();
      return new okhttp3.Response.Builder().request(chain.request()).protocol(okhttp3.Protocol.HTTP_1_1)
          .code(200).message("OK")
          .header("Link", "</v2/team/app/tags/list?n=1&last=t" + page + ">; rel=\"next\"")
          .body(okhttp3.ResponseBody.create("{\"name\":\"team/app\",\"tags\":[\"t" + page + "\"]}",
              okhttp3.MediaType.get("application/json")))
          .build();
    }).build();
    Repository repo = clientBuilder().okHttpClient(inProcess).build().repository(host(), "team/app");
    OciException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(OciException.class, () -> repo.tags(1)));
    assertTrue(e.getMessage().contains("pages"), e.getMessage());
    assertTrue(pages.get() <= 10_000, "pages fetched: " + pages.get());
  }

  @Test
  void paginationThatLinksBackToAnEarlierPageStopsAtOnce() {
    serve(r -> new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .addHeader("Link", "</v2/team/app/tags/list?n=1&last=a>; rel=\"next\"")
        .body("{\"name\":\"team/app\",\"tags\":[\"a\"]}").build());
    Repository repo = repository();
    OciException e = assertThrows(OciException.class, () -> repo.tags(1));
    assertTrue(e.getMessage().contains("already read"), e.getMessage());
    assertTrue(seen.size() <= 3, "requests: " + seen.size());
  }

  // ---- locations, realms and redirects aimed elsewhere ----

  @Test
  void anUploadLocationOnAnotherHostGetsNeitherTheBlobNorTheCredentials() {
    serveElsewhere(r -> code(201));
    serve(r -> {
      if (r.getHeaders().get("Authorization") == null) {
        return new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"r\"").build();
      }
      if (r.getMethod().equals("HEAD")) {
        return code(404);
      }
      return new MockResponse.Builder().code(202)
          .addHeader("Location", elsewhere.url("/v2/team/app/blobs/uploads/steal").toString()).build();
    });
    OciException e = assertThrows(OciException.class,
        () -> repository().push(LAYER, new java.io.ByteArrayInputStream(CONTENT)));
    assertTrue(e.getMessage().contains("another host"), e.getMessage());
    assertTrue(seenElsewhere.isEmpty(), "the other host was contacted");
  }

  @Test
  void anUploadLocationThatDowngradesHttpsToHttpIsRefused() throws IOException {
    try (TestPki pki = TestPki.create(); MockWebServer tls = new MockWebServer()) {
      tls.useHttps(pki.issueServerCertificate("localhost").serverSslContext().getSocketFactory());
      List<RecordedRequest> tlsSeen = new CopyOnWriteArrayList<>();
      tls.setDispatcher(recording(tlsSeen, r -> r.getMethod().equals("HEAD") ? code(404)
          : new MockResponse.Builder().code(202)
              .addHeader("Location", "http://localhost:" + tls.getPort() + "/v2/team/app/blobs/uploads/x").build()));
      tls.start();
      String tlsHost = "localhost:" + tls.getPort();
      Repository repo = RegistryClient.builder().caFile(pki.caPemFile())
          .credentials(CredentialProvider.of(Credential.basic(USER, PASSWORD))).build()
          .repository(tlsHost, "team/app");
      OciException e = assertThrows(OciException.class,
          () -> repo.push(LAYER, new java.io.ByteArrayInputStream(CONTENT)));
      assertTrue(e.getMessage().contains("https to http"), e.getMessage());
      assertEquals(List.of("HEAD", "POST"), tlsSeen.stream().map(RecordedRequest::getMethod).toList());
    }
  }

  @Test
  void aTokenRealmOnAPrivateOrLinkLocalAddressIsRefusedBeforeAnyCredentialLeaves() {
    for (String realm : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.1/token",
        "http://[fd00::1]/token", "http://0x7f.1:" + elsewhere.getPort() + "/token")) {
      seen.clear();
      serve(r -> new MockResponse.Builder().code(401)
          .addHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"reg\"").build());
      // The registry is reached by a public-looking name, so only its own host counts as its own.
      OkHttpClient base = new OkHttpClient.Builder()
          .dns(name -> name.equals("registry.example.com") ? List.of(InetAddress.getLoopbackAddress())
              : okhttp3.Dns.SYSTEM.lookup(name))
          .build();
      String named = "registry.example.com:" + registry.getPort();
      Repository repo = clientBuilder().okHttpClient(base).plainHttp(named).build().repository(named, "team/app");
      UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> repo.resolve("v1"), realm);
      AuthenticationException cause = assertInstanceOf(AuthenticationException.class, e.getCause());
      assertEquals(AuthenticationException.Reason.REALM_REFUSED, cause.reason(), realm);
      assertTrue(seen.stream().allMatch(r -> r.getHeaders().get("Authorization") == null));
    }
    assertTrue(seenElsewhere.isEmpty());
  }

  @Test
  void aRedirectToAnotherHostCarriesNoCredentialsEvenWhenThatHostChallenges() throws IOException {
    // The other host asks for credentials as a registry would: Basic, and Bearer with its own realm.
    for (String challenge : List.of("Basic realm=\"cdn\"",
        "Bearer realm=\"" + elsewhere.url("/token") + "\",service=\"cdn\"")) {
      seenElsewhere.clear();
      serveElsewhere(r -> r.getUrl().encodedPath().equals("/token")
          ? new MockResponse.Builder().body("{\"token\":\"cdn-token\"}").build()
          : new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", challenge).build());
      serve(r -> {
        if (r.getHeaders().get("Authorization") == null) {
          return new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"r\"").build();
        }
        return new MockResponse.Builder().code(307)
            .addHeader("Location", elsewhere.url("/blobs/" + LAYER.digest().hex()).toString()).build();
      });
      Repository repo = repository();
      assertThrows(IOException.class, () -> repo.fetch(LAYER).readAllBytes());
      assertTrue(seen.stream().anyMatch(r -> r.getHeaders().get("Authorization") != null),
          "the registry itself did get the credentials");
      for (RecordedRequest r : seenElsewhere) {
        assertNull(r.getHeaders().get("Authorization"), challenge + ": " + r.getRequestLine());
      }
    }
  }
}
