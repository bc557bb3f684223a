package dev.berth.bench;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePush;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.TestPki;
import dev.berth.testkit.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * Many small artifacts pushed side by side over TLS to a token-auth docker-registry, once with HTTP/2
 * (what berth negotiates when the registry offers it: one multiplexed connection) and once held to
 * HTTP/1.1 (a connection per request in flight), in alternating rounds; prints each round and the
 * medians. In-process, warmed up by a first round of each that is not counted.
 * {@code java -cp berth-bench.jar dev.berth.bench.Http2Comparison [ARTIFACTS] [ROUNDS] [THREADS]}
 */
public final class Http2Comparison {
  private Http2Comparison() {}

  public static void main(String[] args) throws Exception {
    int artifacts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path dir = Files.createTempDirectory("berth-h2-");
    Path file = Files.writeString(dir.resolve("small.txt"), "x".repeat(1024), StandardCharsets.UTF_8);
    try (TestPki pki = TestPki.create();
         TokenServer tokens = TokenServer.builder().pki(pki).tls(true).user("bench", "bench-pw")
             .grant("bench", "h2/*", "pull", "push").start();
         RegistryServer registry = RegistryServer.builder().tls(pki).tokenAuth(tokens).start()) {
      List<Double> h2 = new ArrayList<>();
      List<Double> h1 = new ArrayList<>();
      for (int round = 0; round <= rounds; round++) {
        for (boolean http2 : round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
          double s = pushAll(registry, pki, http2, artifacts, threads, file, "r" + round);
          if (round > 0) {
            (http2 ? h2 : h1).add(s);
          }
          System.out.printf(Locale.ROOT, "round %d %-8s %d artifacts in %.2f s%s%n", round, http2 ? "HTTP/2" : "HTTP/1.1",
              artifacts, s, round == 0 ? " (warm-up, not counted)" : "");
        }
      }
      double m2 = Median.of(h2, d -> d);
      double m1 = Median.of(h1, d -> d);
      System.out.printf(Locale.ROOT, "median: HTTP/2 %.2f s, HTTP/1.1 %.2f s, HTTP/2 / HTTP/1.1 = %.2f%n", m2, m1, m2 / m1);
    }
  }

  private static double pushAll(RegistryServer registry, TestPki pki, boolean http2, int artifacts, int threads,
      Path file, String round) throws Exception {
    OkHttpClient.Builder base = new OkHttpClient.Builder().sslSocketFactory(pki.sslSocketFactory(), pki.trustManager());
    if (!http2) {
      base.protocols(List.of(Protocol.HTTP_1_1));
    }
    RegistryClient client = RegistryClient.builder().okHttpClient(base.build())
        .credentials(CredentialProvider.forHost(registry.host(), Credential.basic("bench", "bench-pw")))
        .build();
    Repository repo = client.repository(registry.host() + "/h2/" + (http2 ? "two-" : "one-") + round);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < artifacts; i++) {
        String tag = "a" + i;
        done.add(pool.submit(() -> FileArtifacts.push(repo, FilePush.builder().file(file).build(), tag)));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdown();
    }
  }
}
