package dev.berth.core.remote;

import dev.berth.core.content.Target;
import dev.berth.core.content.TargetContract;
import dev.berth.testkit.RegistryServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The content contract run against {@link Repository} on a real registry (distribution 2.8 over plain
 * HTTP, deletes enabled). Each test gets a fresh repository on one shared server; distribution has no
 * referrers API, so referrers go through the fallback tag.
 */
class RepositoryContractIT extends TargetContract {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static RegistryServer server;
  private static RegistryClient client;

  @BeforeAll
  static void startRegistry() {
    server = RegistryServer.builder().deleteEnabled(true).start();
    client = RegistryClient.builder().plainHttp(server.host()).build();
  }

  @AfterAll
  static void stopRegistry() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected Target newTarget() {
    return client.repository(server.host() + "/contract/repo" + COUNTER.incrementAndGet());
  }
}
