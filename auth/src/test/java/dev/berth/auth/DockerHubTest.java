package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DockerHubTest {
  @Test
  void everyNameCredentialStoresWriteIsDockerHubInAnyCase() {
    for (String host : new String[] {"docker.io", "index.docker.io", "registry-1.docker.io",
        "registry.hub.docker.com", "Docker.IO"}) {
      assertTrue(DockerHub.isDockerHub(host), host);
    }
    assertFalse(DockerHub.isDockerHub("ghcr.io"));
    assertFalse(DockerHub.isDockerHub("docker.io.example"));
  }

  @Test
  void theApiIsServedByRegistryOneForTheNamesUsersType() {
    assertEquals("registry-1.docker.io", DockerHub.apiHost("docker.io"));
    assertEquals("registry-1.docker.io", DockerHub.apiHost("index.docker.io"));
    assertEquals("registry-1.docker.io", DockerHub.apiHost("registry-1.docker.io"));
    assertEquals("ghcr.io", DockerHub.apiHost("ghcr.io"));
    assertEquals("localhost:5000", DockerHub.apiHost("localhost:5000"));
  }
}
