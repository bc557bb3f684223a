package dev.berth.artifacts.github;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.berth.auth.SharedHttpClient;
import org.junit.jupiter.api.Test;

/** Without a client of its own, the API client shares the process's connection pool and dispatcher. */
class GitHubPackagesClientTest {
  @Test
  void withoutAClientItSharesTheDefaultPoolAndDispatcher() {
    GitHubPackages packages = GitHubPackages.builder().token("t").build();
    assertSame(SharedHttpClient.get().connectionPool(), packages.http().connectionPool());
    assertSame(SharedHttpClient.get().dispatcher(), packages.http().dispatcher());
  }
}
