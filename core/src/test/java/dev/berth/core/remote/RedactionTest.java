package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void credentialHeadersKeepTheirSchemeAndLoseTheirValue() {
    String line = Redaction.header("Authorization", "Bearer eyJhbGciOi.secret");
    assertTrue(line.startsWith("Authorization: Bearer "), line);
    assertFalse(line.contains("eyJ"), line);
    assertEquals("Accept: application/json", Redaction.header("Accept", "application/json"));
    String all = Redaction.headers(Headers.of("Cookie", "session=abc", "User-Agent", "berth/0.1"));
    assertFalse(all.contains("abc"), all);
    assertTrue(all.contains("User-Agent: berth/0.1"), all);
  }

  @Test
  void tokenAndSignatureQueryParametersAreHidden() {
    String url = Redaction.url(HttpUrl.get(
        "https://pkg.example/blob?X-Amz-Signature=abc123&X-Amz-Expires=300&access_token=tok&n=10"));
    assertFalse(url.contains("abc123"), url);
    assertFalse(url.contains("tok&"), url);
    assertTrue(url.contains("X-Amz-Expires=300"), url);
    assertTrue(url.contains("n=10"), url);
  }

  @Test
  void theClientsToStringShowsNoCredentials() {
    RegistryClient client = RegistryClient.builder()
        .credentials(dev.berth.auth.CredentialProvider.of(dev.berth.auth.Credential.basic("alice", "hunter2")))
        .build();
    assertFalse(client.toString().contains("hunter2"));
    assertFalse(client.repository("ghcr.io/a/b").toString().contains("hunter2"));
  }
}
