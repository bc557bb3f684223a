package dev.berth.artifacts.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.files.PulledFiles;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.helm.PulledChart;
import dev.berth.artifacts.image.Images;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.Target;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fifty small artifacts of every kind berth moves, each pushed to a registry and pulled back through
 * the public APIs a user would call, with every byte compared: files and directories (FileArtifacts),
 * Helm charts (HelmCharts), container images (Images, saved to an OCI layout), multi-platform indexes
 * (Images, copied whole into memory) and wasm modules (WasmArtifacts). Sizes stay small (1 to 48 KiB per blob) so a run takes seconds.
 */
final class Workload {
  /** One artifact's round trip. */
  interface Job {
    String name();

    void push(RegistryClient client, String host) throws IOException;

    /** Pulls into {@code work} and checks every byte against what was pushed. */
    void pullAndVerify(RegistryClient client, String host, Path work) throws IOException;
  }

  /** One step of a job. */
  @FunctionalInterface
  interface Step {
    void run(Job job) throws Exception;
  }

  /** Parallel jobs, as an application sharing one client would run them. */
  static final int THREADS = 4;

  private Workload() {}

  /** Runs {@code step} for every job on {@link #THREADS} threads; throws the first failure, naming its job. */
  static void runAll(List<Job> jobs, Step step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (Job job : jobs) {
        results.add(pool.submit(() -> {
          try {
            step.run(job);
          } catch (Exception | AssertionError e) {
            throw new AssertionError(job.name() + ": " + e, e);
          }
          return null;
        }));
      }
      for (Future<?> f : results) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw (AssertionError) e.getCause();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** 15 file artifacts, 10 charts, 10 images, 10 wasm modules, 5 two-platform indexes. */
  static List<Job> fifty(Path sources, long seed) throws IOException {
    Random random = new Random(seed);
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      jobs.add(files(sources, i, random));
    }
    for (int i = 0; i < 10; i++) {
      jobs.add(chart(sources, i, random));
    }
    for (int i = 0; i < 10; i++) {
      jobs.add(image("images/app" + i, "v1", random, 1));
    }
    for (int i = 0; i < 10; i++) {
      jobs.add(wasm(sources, i, random));
    }
    for (int i = 0; i < 5; i++) {
      jobs.add(image("images/multi" + i, "v1", random, 2));
    }
    return jobs;
  }

  static byte[] bytes(Random random, int min, int max) {
    byte[] b = new byte[min + random.nextInt(max - min + 1)];
    random.nextBytes(b);
    return b;
  }

  private static Job files(Path sources, int i, Random random) throws IOException {
    Path src = Files.createDirectories(sources.resolve("files" + i));
    Path file = Files.write(src.resolve("report-" + i + ".bin"), bytes(random, 1024, 48 * 1024));
    Path dir = Files.createDirectories(src.resolve("docs"));
    Files.write(dir.resolve("a.txt"), bytes(random, 100, 4096));
    Files.createDirectories(dir.resolve("sub"));
    Files.write(dir.resolve("sub/b.bin"), bytes(random, 100, 8192));
    String repo = "files/set" + i;
    return new Job() {
      @Override
      public String name() {
        return repo;
      }

      @Override
      public void push(RegistryClient client, String host) throws IOException {
        FileArtifacts.push(client.repository(host, repo),
            FilePush.builder().file(file).file(dir).artifactType("application/vnd.example.files").build(), "v1");
      }

      @Override
      public void pullAndVerify(RegistryClient client, String host, Path work) throws IOException {
        Path out = work.resolve("files" + i);
        PulledFiles pulled = FileArtifacts.pull(client.repository(host, repo), "v1", out, FilePullOptions.defaults());
        assertEquals(2, pulled.files().size());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(out.resolve(file.getFileName())));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.txt")), Files.readAllBytes(out.resolve("docs/a.txt")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("sub/b.bin")), Files.readAllBytes(out.resolve("docs/sub/b.bin")));
      }
    };
  }

  private static Job chart(Path sources, int i, Random random) throws IOException {
    String version = "1." + i + ".0";
    Path dir = Files.createDirectories(sources.resolve("chart" + i));
    Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: web" + i + "\nversion: " + version
        + "\ntype: application\n");
    Files.writeString(dir.resolve("values.yaml"), "seed: \"" + random.nextLong() + "\"\n");
    Files.createDirectories(dir.resolve("templates"));
    Files.write(dir.resolve("templates/blob.bin"), bytes(random, 1024, 32 * 1024));
    Path tgz = HelmPackager.packageChart(dir, Files.createDirectories(sources.resolve("charts")));
    String repo = "charts/web" + i;
    return new Job() {
      @Override
      public String name() {
        return repo;
      }

      @Override
      public void push(RegistryClient client, String host) throws IOException {
        HelmCharts.push(client.repository(host, repo), tgz);
      }

      @Override
      public void pullAndVerify(RegistryClient client, String host, Path work) throws IOException {
        PulledChart pulled = HelmCharts.pull(client.repository(host, repo), version, work.resolve("chart" + i),
            HelmPullOptions.defaults());
        assertArrayEquals(Files.readAllBytes(tgz), Files.readAllBytes(pulled.chart()));
      }
    };
  }

  /** An image (or, with two platforms, an index of two images) built in memory, copied out and back. */
  private static Job image(String repo, String tag, Random random, int platforms) throws IOException {
    MemoryStore source = new MemoryStore();
    List<Descriptor> manifests = new ArrayList<>();
    String[] arches = {"amd64", "arm64"};
    for (int p = 0; p < platforms; p++) {
      Descriptor config = Contents.pushBytes(source, MediaTypes.OCI_CONFIG,
          ("{\"architecture\":\"" + arches[p] + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},"
              + "\"config\":{\"Env\":[\"SEED=" + random.nextLong() + "\"]}}").getBytes());
      List<Descriptor> layers = new ArrayList<>();
      for (int l = 0; l < 2; l++) {
        layers.add(Contents.pushBytes(source, MediaTypes.OCI_LAYER_TAR_GZIP, bytes(random, 2048, 48 * 1024)));
      }
      EncodedManifest m = EncodedManifest.of(Manifest.of(config, layers));
      Contents.pushManifest(source, m, platforms == 1 ? tag : null);
      manifests.add(m.descriptor().withPlatform(Platform.of("linux", arches[p], null)));
    }
    if (platforms > 1) {
      Contents.pushManifest(source, EncodedManifest.of(Index.of(manifests)), tag);
    }
    return imageJob(repo, tag, source, platforms == 1);
  }

  /** A wasm module (the preamble, then random bytes) pushed and pulled with WasmArtifacts. */
  private static Job wasm(Path sources, int i, Random random) throws IOException {
    byte[] module = bytes(random, 1024, 40 * 1024);
    System.arraycopy(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, 0, module, 0, 8);
    Path file = Files.write(Files.createDirectories(sources.resolve("wasm")).resolve("module" + i + ".wasm"), module);
    String repo = "wasm/module" + i;
    return new Job() {
      @Override
      public String name() {
        return repo;
      }

      @Override
      public void push(RegistryClient client, String host) throws IOException {
        WasmArtifacts.push(client.repository(host, repo), file, WasmPushOptions.defaults(), "v1");
      }

      @Override
      public void pullAndVerify(RegistryClient client, String host, Path work) throws IOException {
        Path out = work.resolve("wasm" + i).resolve("module.wasm");
        WasmArtifacts.pull(client.repository(host, repo), "v1", out, WasmPullOptions.defaults());
        assertArrayEquals(module, Files.readAllBytes(out));
      }
    };
  }

  /**
   * Pushes with {@link Images#copy} from memory; pulls with {@link Images#save} into an OCI layout, or
   * with {@link Images#copy} into memory, checking every node of the graph.
   */
  private static Job imageJob(String repo, String tag, MemoryStore source, boolean toLayout) {
    return new Job() {
      @Override
      public String name() {
        return repo;
      }

      @Override
      public void push(RegistryClient client, String host) throws IOException {
        Images.copy(source, tag, client.repository(host, repo), tag, null, CopyOptions.defaults());
      }

      @Override
      public void pullAndVerify(RegistryClient client, String host, Path work) throws IOException {
        Descriptor root;
        Target destination;
        if (toLayout) {
          Path dir = work.resolve(repo.replace('/', '-'));
          root = Images.save(client.repository(host, repo), tag, dir, tag, null);
          destination = OciLayout.open(dir);
        } else {
          destination = new MemoryStore();
          root = Images.copy(client.repository(host, repo), tag, destination, tag, null, CopyOptions.defaults());
        }
        assertEquals(source.resolve(tag), root);
        assertEquals(root, destination.resolve(tag));
        assertSameGraph(source, destination, root);
      }
    };
  }

  /** Every node below {@code root} is in {@code copy} with the very bytes of {@code original}. */
  static void assertSameGraph(MemoryStore original, Target copy, Descriptor root) throws IOException {
    byte[] expected = Contents.fetchAll(original, root, 64L << 20);
    assertArrayEquals(expected, Contents.fetchAll(copy, root, 64L << 20), root.toString());
    for (Descriptor child : Contents.successors(original, root)) {
      assertSameGraph(original, copy, child);
    }
  }
}
