package dev.berth.artifacts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.RetryPolicy;
import dev.berth.testkit.Fault;
import dev.berth.testkit.FaultProxy;
import dev.berth.testkit.FaultRule;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.RequestMatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty artifacts of every kind pushed to and pulled from a real {@code docker-registry} through a
 * {@link FaultProxy} that faults one in ten blob and upload requests: connections reset mid-body (an
 * upload's request body or a download's response body), 503s, 429s with {@code Retry-After}, bodies
 * cut short, a flipped byte, a reset after the registry already acted, and delays. Every artifact must
 * arrive whole, every byte compared, and the registry must hold exactly what was pushed (read back
 * directly, past the proxy).
 */
class FaultInjectionIT {
  /** Seven faults at this rate each: 1 - (1 - r)^7 = 10% of blob and upload requests faulted. */
  private static final double RATE_PER_FAULT = 1 - Math.pow(0.9, 1.0 / 7);
  private static final long SEED = 20240611L;

  private static RegistryServer registry;
  private static FaultProxy proxy;

  @BeforeAll
  static void start() {
    registry = RegistryServer.start();
    proxy = FaultProxy.builder().target(registry).seed(SEED).start();
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  /** The client under test: default settings except that it waits milliseconds, not seconds, between tries. */
  static RegistryClient client(String host) {
    return RegistryClient.builder()
        .plainHttp(host)
        .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
            .withMaxRetryAfter(Duration.ofSeconds(2)))
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
        .build();
  }

  @Test
  void fiftyArtifactsSurviveTenPercentOfBlobAndUploadRequestsFaulted(@TempDir Path sources, @TempDir Path pulled,
      @TempDir Path direct) throws Exception {
    List<Workload.Job> jobs = Workload.fifty(sources, SEED);
    List<FaultRule> rules = new ArrayList<>();
    for (Fault fault : List.of(Fault.resetMidBody(), Fault.serviceUnavailable(),
        Fault.tooManyRequests(Duration.ofSeconds(1)), Fault.truncateBody(), Fault.flipByte(),
        Fault.resetBeforeResponse(), Fault.delay(Duration.ofMillis(200)))) {
      rules.add(proxy.add(FaultRule.when(RequestMatcher.blobsAndUploads()).then(fault).rate(RATE_PER_FAULT)));
    }
    RegistryClient client = client(proxy.host());

    long t0 = System.nanoTime();
    Workload.runAll(jobs, job -> job.push(client, proxy.host()));
    long t1 = System.nanoTime();
    Workload.runAll(jobs, job -> job.pullAndVerify(client, proxy.host(), pulled));
    long t2 = System.nanoTime();
    proxy.clearRules();

    // What the registry holds, read past the proxy: nothing corrupted was ever stored.
    RegistryClient clean = client(registry.host());
    Workload.runAll(jobs, job -> job.pullAndVerify(clean, registry.host(), direct));

    long matched = rules.get(0).matched();
    long fired = rules.stream().mapToLong(FaultRule::fired).sum();
    String figures = String.format("fault injection: %d artifacts, %d blob/upload requests, %d faulted (%.1f%%): %s;"
            + " push %d ms, pull %d ms", jobs.size(), matched, fired, 100.0 * fired / Math.max(1, matched), rules,
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    System.out.println(figures);
    Figures.record("FaultInjectionIT", figures);
    assertEquals(fired, proxy.faultsInjected());
    assertTrue(fired >= 20, "too few faults to mean anything: " + figures);
    assertTrue(rules.stream().allMatch(r -> r.fired() > 0), "every kind of fault fired: " + rules);
  }
}
