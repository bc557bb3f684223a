package dev.berth.core.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.ReadOnlyStorage;
import dev.berth.core.copy.Copier;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.remote.RegistryClient;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.TestPki;
import dev.berth.testkit.TokenServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One {@link RegistryClient}, shared as the documentation says it may be, used by sixteen threads at
 * once against a real registry with token auth over TLS: each pushes its own image, all push the very
 * same image at the same moment, then each pulls its own, a neighbour's and the shared one. Every byte
 * comes back as pushed, and the token server is asked exactly once for each distinct scope.
 */
class SharedClientConcurrencyIT {
  private static final int THREADS = 16;
  private static final int REPOSITORIES = 4;

  private static TestPki pki;
  private static TokenServer tokens;
  private static RegistryServer registry;

  @BeforeAll
  static void start() {
    pki = TestPki.create();
    tokens = TokenServer.builder().pki(pki).tls(true).user("alice", "alice-pw")
        .grant("alice", "team/*", "pull", "push").expiresInSeconds(600).start();
    registry = RegistryServer.builder().tls(pki).tokenAuth(tokens).start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
    if (pki != null) {
      pki.close();
    }
  }

  @Test
  void sixteenThreadsSharingOneClientPushAndPullCorrectlyWithOneTokenFetchPerScope() throws Exception {
    RegistryClient client = RegistryClient.builder()
        .caFile(pki.caPemFile())
        .credentials(CredentialProvider.forHost(registry.host(), Credential.basic("alice", "alice-pw")))
        .build();
    MemoryStore shared = image(new Random(0));
    List<MemoryStore> own = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      own.add(image(new Random(i + 1)));
    }
    tokens.clearRequests();
    CyclicBarrier together = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int i = t;
        results.add(pool.submit(() -> {
          String mine = registry.host() + "/team/app" + (i % REPOSITORIES);
          String sharedRepo = registry.host() + "/team/shared";
          together.await();
          Copier.copy(own.get(i), "v1", client.repository(mine), "t" + i, CopyOptions.defaults());
          together.await(); // the identical pushes start together, to race on the same blobs and tag
          Copier.copy(shared, "v1", client.repository(sharedRepo), "same", CopyOptions.defaults());
          together.await(); // every push is done before anyone pulls a neighbour's image
          int next = (i + 1) % THREADS;
          assertPulledIntact(client, mine, "t" + i, own.get(i));
          assertPulledIntact(client, registry.host() + "/team/app" + (next % REPOSITORIES), "t" + next, own.get(next));
          assertPulledIntact(client, sharedRepo, "same", shared);
          return null;
        }));
      }
      for (Future<?> f : results) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    Map<String, Integer> fetchesPerScope = new TreeMap<>();
    for (TokenServer.TokenRequest r : tokens.requests()) {
      assertEquals(200, r.status(), r.toString());
      fetchesPerScope.merge(String.join(" ", r.requestedScopes()), 1, Integer::sum);
    }
    System.out.println("shared client: " + THREADS + " threads, " + millis + " ms, token fetches " + fetchesPerScope);
    assertTrue(fetchesPerScope.values().stream().allMatch(n -> n == 1), "a scope fetched twice: " + fetchesPerScope);
    // Pushes ask for pull,push and pulls for pull, on each of the five repositories.
    java.util.Set<String> expected = new java.util.TreeSet<>();
    for (String repo : List.of("team/app0", "team/app1", "team/app2", "team/app3", "team/shared")) {
      expected.add("repository:" + repo + ":pull");
      expected.add("repository:" + repo + ":pull,push");
    }
    assertEquals(expected, fetchesPerScope.keySet());
  }

  /** An image of a config and two layers, distinct per seed. */
  private static MemoryStore image(Random random) throws IOException {
    MemoryStore store = new MemoryStore();
    Descriptor config = Contents.pushBytes(store, MediaTypes.OCI_CONFIG,
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + random.nextLong() + "}").getBytes());
    List<Descriptor> layers = new ArrayList<>();
    for (int l = 0; l < 2; l++) {
      byte[] b = new byte[4096 + random.nextInt(28 * 1024)];
      random.nextBytes(b);
      layers.add(Contents.pushBytes(store, MediaTypes.OCI_LAYER_TAR_GZIP, b));
    }
    Contents.pushManifest(store, EncodedManifest.of(Manifest.of(config, layers)), "v1");
    return store;
  }

  private static void assertPulledIntact(RegistryClient client, String repository, String tag, MemoryStore original)
      throws IOException {
    MemoryStore pulled = new MemoryStore();
    Descriptor root = Copier.copy(client.repository(repository), tag, pulled, tag, CopyOptions.defaults());
    assertEquals(original.resolve("v1"), root, repository + ":" + tag);
    assertSameGraph(original, pulled, root);
  }

  private static void assertSameGraph(ReadOnlyStorage original, ReadOnlyStorage copy, Descriptor node)
      throws IOException {
    assertArrayEquals(Contents.fetchAll(original, node, 1 << 20), Contents.fetchAll(copy, node, 1 << 20));
    for (Descriptor child : Contents.successors(original, node)) {
      assertSameGraph(original, copy, child);
    }
  }
}
