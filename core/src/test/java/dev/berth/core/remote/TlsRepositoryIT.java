package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.UnauthorizedException;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** A registry over TLS with a CA the test generates, behind htpasswd (Basic) auth. */
class TlsRepositoryIT {
  @Test
  void pushAndPullOverTlsWithTheTestCaAndBasicAuth() throws Exception {
    try (TestPki pki = TestPki.create();
        RegistryServer server = RegistryServer.builder().tls(pki).htpasswd("alice", "secret").start()) {
      RegistryClient client = RegistryClient.builder()
          .caFile(pki.caPemFile())
          .credentials(CredentialProvider.of(Credential.basic("alice", "secret")))
          .build();
      Repository repo = client.repository(server.host() + "/team/app");
      byte[] layer = "layer over tls".getBytes(StandardCharsets.UTF_8);
      Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
      repo.push(Descriptor.EMPTY_JSON, new ByteArrayInputStream(Descriptor.emptyJsonContent()));
      repo.push(blob, new ByteArrayInputStream(layer));
      EncodedManifest m = EncodedManifest.of(Manifest.of(Descriptor.EMPTY_JSON, List.of(blob)));
      repo.pushManifest(m, List.of("v1"));

      assertEquals(m.digest(), repo.resolve("v1").digest());
      try (InputStream in = repo.fetch(blob)) {
        assertArrayEquals(layer, in.readAllBytes());
      }
      assertEquals(List.of("v1"), repo.tags());
    }
  }

  @Test
  void withoutTheCaTheHandshakeFailsAndWithWrongCredentialsAuthFails() throws Exception {
    try (TestPki pki = TestPki.create();
        RegistryServer server = RegistryServer.builder().tls(pki).htpasswd("alice", "secret").start()) {
      Repository untrusting = RegistryClient.create().repository(server.host() + "/team/app");
      IOException e = assertThrows(IOException.class, () -> untrusting.tags());
      assertEquals(true, e instanceof SSLException || e.getCause() instanceof SSLException, e.toString());

      Repository wrong = RegistryClient.builder().caFile(pki.caPemFile())
          .credentials(CredentialProvider.of(Credential.basic("alice", "wrong"))).build()
          .repository(server.host() + "/team/app");
      assertThrows(UnauthorizedException.class, () -> wrong.tags());

      Repository insecure = RegistryClient.builder().insecure(true)
          .credentials(CredentialProvider.of(Credential.basic("alice", "secret"))).build()
          .repository(server.host() + "/team/app");
      assertEquals(List.of(), insecureTags(insecure));
    }
  }

  private static List<String> insecureTags(Repository repo) throws IOException {
    try {
      return repo.tags();
    } catch (dev.berth.core.NotFoundException e) {
      return List.of(); // distribution answers 404 NAME_UNKNOWN for a repository nobody pushed to
    }
  }
}
