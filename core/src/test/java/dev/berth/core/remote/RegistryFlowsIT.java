package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.testkit.FaultProxy;
import dev.berth.testkit.RegistryServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Flows that need a real registry's answers: mounts, fallback referrers under concurrency, round trips. */
class RegistryFlowsIT {
  private static RegistryServer server;
  private static FaultProxy counting;
  private static RegistryClient client;

  @BeforeAll
  static void start() {
    server = RegistryServer.builder().start();
    counting = FaultProxy.inFrontOf(server); // no faults: it counts requests
    client = RegistryClient.builder().plainHttp(counting.host()).build();
  }

  @AfterAll
  static void stop() {
    if (counting != null) {
      counting.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aBlobPresentInASiblingRepositoryIsMountedWithOnePost() throws Exception {
    byte[] layer = "mount me".getBytes(StandardCharsets.UTF_8);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    client.repository(counting.host() + "/flows/source").push(blob, new ByteArrayInputStream(layer));
    Repository target = client.repository(counting.host() + "/flows/target");
    counting.resetCounters();

    target.mount(blob, "flows/source", () -> {
      throw new AssertionError("the registry should mount, not ask for the bytes");
    });

    assertEquals(1, counting.requestsSeen());
    assertTrue(target.exists(blob));
  }

  @Test
  void referrersPushedConcurrentlyToOneSubjectAreAllListed() throws Exception {
    Repository repo = client.repository(counting.host() + "/flows/referrers");
    repo.push(Descriptor.EMPTY_JSON, new ByteArrayInputStream(Descriptor.emptyJsonContent()));
    EncodedManifest subject = EncodedManifest.of(Manifest.artifact("application/vnd.example.subject", List.of()));
    repo.pushManifest(subject, List.of("v1"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<EncodedManifest>> pushes = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        int n = i;
        pushes.add(pool.submit(() -> {
          EncodedManifest referrer = EncodedManifest.of(Manifest.artifact("application/vnd.example.note", List.of())
              .withSubject(subject.descriptor()).withAnnotations(Map.of("n", Integer.toString(n))));
          repo.pushManifest(referrer, List.of());
          return referrer;
        }));
      }
      Set<Object> expected = new java.util.HashSet<>();
      for (Future<EncodedManifest> f : pushes) {
        expected.add(f.get().digest());
      }

      List<Descriptor> listed = repo.referrers(subject.descriptor(), "application/vnd.example.note");

      assertEquals(expected, listed.stream().map(Descriptor::digest).collect(Collectors.toSet()));
      assertTrue(listed.stream().allMatch(d -> d.annotation("n") != null));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deletingAReferrerTakesItOutOfTheFallbackIndex() throws Exception {
    RegistryServer deletable = RegistryServer.builder().deleteEnabled(true).start();
    try (deletable) {
      Repository repo = RegistryClient.builder().plainHttp(deletable.host()).build()
          .repository(deletable.host() + "/flows/delete");
      repo.push(Descriptor.EMPTY_JSON, new ByteArrayInputStream(Descriptor.emptyJsonContent()));
      EncodedManifest subject = EncodedManifest.of(Manifest.artifact("application/vnd.example.subject", List.of()));
      repo.pushManifest(subject, List.of("v1"));
      EncodedManifest a = EncodedManifest.of(Manifest.artifact("application/vnd.example.a", List.of())
          .withSubject(subject.descriptor()));
      EncodedManifest b = EncodedManifest.of(Manifest.artifact("application/vnd.example.b", List.of())
          .withSubject(subject.descriptor()));
      repo.pushManifest(a, List.of());
      repo.pushManifest(b, List.of());

      repo.delete(a.descriptor());

      assertEquals(List.of(b.digest()),
          repo.referrers(subject.descriptor(), null).stream().map(Descriptor::digest).toList());
    }
  }
}
