package dev.berth.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPushResult;
import dev.berth.artifacts.helm.PulledChart;
import dev.berth.artifacts.image.BakedImage;
import dev.berth.artifacts.wasm.PulledWasm;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.core.Descriptor;
import dev.berth.core.Reference;
import dev.berth.core.content.Contents;
import dev.berth.core.copy.Copier;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.remote.ProgressListener;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.cli.demo.DemoInputs;
import dev.berth.testkit.BaseImageLayout;
import dev.berth.testkit.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each runnable example the README quotes, run against real local registries. */
class ExamplesIT {
  private static RegistryServer first;
  private static RegistryServer second;
  private static RegistryClient client;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    first = RegistryServer.start();
    second = RegistryServer.start();
    client = RegistryClient.builder().plainHttp(first.host(), second.host()).build();
  }

  @AfterAll
  static void stop() {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  @Test
  void copyImageExampleMirrorsAnImageToAnotherRegistry() throws Exception {
    Reference source = Reference.parse(first.host() + "/library/base:1");
    Descriptor base = pushBaseImage(client.repository(source), "1");

    Descriptor copied = CopyImageExample.copy(client, source, Reference.parse(second.host() + "/mirror/base:1"));

    assertEquals(base.digest(), copied.digest());
    Repository mirror = client.repository(second.host() + "/mirror/base");
    assertEquals(base.digest(), mirror.resolve("1").digest());
    assertEquals(2, Contents.fetchManifest(mirror, copied).children().size());
  }

  @Test
  void offlineLayoutExampleSavesInspectsAndPublishes() throws Exception {
    Reference source = Reference.parse(first.host() + "/library/offline:2");
    Descriptor base = pushBaseImage(client.repository(source), "2");
    Path layout = tmp.resolve("layout");

    assertEquals(base.digest(), OfflineLayoutExample.save(client, source, layout).digest());
    String description = OfflineLayoutExample.describe(layout, "2");
    assertTrue(description.contains("tags [2]"), description);
    assertTrue(description.contains("2 children"), description);

    Reference destination = Reference.parse(second.host() + "/published/offline:2");
    assertEquals(base.digest(), OfflineLayoutExample.publish(client, layout, "2", destination).digest());
    assertEquals(base.digest(), client.repository(destination).resolve("2").digest());
  }

  @Test
  void bakeFilesExampleAddsALayerOnTopOfTheBase() throws Exception {
    Reference base = Reference.parse(first.host() + "/library/bake-base:1");
    Descriptor baseManifest = pushBaseImage(client.repository(base), "1");
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("run.sh"), "#!/bin/sh\necho hello\n");

    BakedImage image = BakeFilesExample.bake(client, base, app, Reference.parse(first.host() + "/team/app:1.0"));

    assertEquals(baseManifest.digest(), image.base().digest());
    assertEquals(1, image.addedLayers().size());
    Repository target = client.repository(first.host() + "/team/app");
    assertEquals(image.manifest().digest(), target.resolve("1.0").digest());
    assertEquals(3, Contents.fetchManifest(target, image.manifest()).children().size(), "config + base layer + new");
  }

  @Test
  void filesExamplePushesAFileAndADirectoryAndPullsThemBack() throws Exception {
    Path notes = Files.writeString(tmp.resolve("NOTES.md"), "# notes\n");
    Path site = Files.createDirectories(tmp.resolve("public/img"));
    Files.writeString(site.resolve("logo.svg"), "<svg/>");
    Reference ref = Reference.parse(first.host() + "/files/site:v1");

    List<String> sent = new CopyOnWriteArrayList<>();
    ProgressListener progress = new ProgressListener() {
      @Override
      public void onDone(Descriptor blob) {
        sent.add(blob.title() != null ? blob.title() : blob.mediaType());
      }
    };

    Descriptor pushed = FileArtifacts.push(client, ref, FilesExample.site(notes, tmp.resolve("public"), progress));
    var pulled = FileArtifacts.pull(client, ref, tmp.resolve("out"), FilePullOptions.defaults());

    assertEquals(pushed.digest(), pulled.manifest().digest());
    assertTrue(sent.containsAll(List.of("NOTES.md", "public")), "each file reported done: " + sent);
    assertEquals("# notes\n", Files.readString(tmp.resolve("out/NOTES.md")));
    assertEquals("<svg/>", Files.readString(tmp.resolve("out/public/img/logo.svg")));
  }

  @Test
  void helmChartExamplePushesAndPullsAChart() throws Exception {
    DemoInputs inputs = DemoInputs.write(tmp.resolve("inputs"));
    Path tgz = HelmPackager.packageChart(inputs.chartDir(), tmp.resolve("dist"));

    // The directory itself: packaged on the way, byte for byte as HelmPackager packages it.
    HelmPushResult pushed = HelmChartExample.push(client, inputs.chartDir(), "oci://" + first.host() + "/charts");
    assertEquals("0.1.0", pushed.tag());
    PulledChart pulled = HelmChartExample.pull(client, first.host() + "/charts/hello-chart", "0.1.0", tmp.resolve("out"));

    assertEquals(pushed.manifest().digest(), pulled.manifest().digest());
    assertArrayEquals(Files.readAllBytes(tgz), Files.readAllBytes(pulled.chart()));
  }

  @Test
  void wasmExamplePushesPullsAndRunsTheModule() throws Exception {
    DemoInputs inputs = DemoInputs.write(tmp.resolve("inputs"));
    Reference ref = Reference.parse(first.host() + "/wasm/add:1.0.0");

    WasmArtifacts.push(client, ref, inputs.wasmFile(), WasmPushOptions.defaults());
    PulledWasm pulled = WasmArtifacts.pull(client, ref, tmp.resolve("pulled.wasm"), WasmPullOptions.defaults());
    long[] result = WasmExample.run(pulled.file(), "add", 40, 2);

    assertArrayEquals(new long[] {42}, result);
  }

  @Test
  void embedOkHttpExampleRoutesBerthThroughTheCallersClient() throws Exception {
    Reference repo = Reference.parse(first.host() + "/library/embedded:7");
    pushBaseImage(client.repository(repo), "7");
    AtomicInteger seen = new AtomicInteger();
    OkHttpClient yours = new OkHttpClient.Builder()
        .addInterceptor(chain -> {
          seen.incrementAndGet();
          return chain.proceed(chain.request());
        })
        .build();
    RegistryClient embedded = RegistryClient.builder().okHttpClient(yours).plainHttp(first.host()).build();

    assertEquals(List.of("7"), EmbedOkHttpExample.tags(embedded, repo));
    assertTrue(seen.get() >= 1, "the caller's interceptor saw berth's requests");
  }

  @Test
  void errorHandlingExampleTellsEachFailureApartByTypeAndCode() throws Exception {
    Reference image = Reference.parse(first.host() + "/library/errors:1");
    pushBaseImage(client.repository(image), "1");
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String down = "127.0.0.1:" + closedPort;
    RegistryClient noRetries = RegistryClient.builder().plainHttp(first.host(), down)
        .retryPolicy(dev.berth.core.remote.RetryPolicy.none()).build();
    // No plainHttp for this registry: TLS meets a plain-HTTP server.
    RegistryClient tlsOnly = RegistryClient.builder().retryPolicy(dev.berth.core.remote.RetryPolicy.none()).build();

    try (RegistryServer locked = RegistryServer.builder().htpasswd("alice", "secret").start()) {
      RegistryClient anonymous = RegistryClient.builder().plainHttp(locked.host())
          .retryPolicy(dev.berth.core.remote.RetryPolicy.none()).build();
      assertEquals(ErrorHandlingExample.Outcome.NOT_LOGGED_IN,
          ErrorHandlingExample.resolve(anonymous, Reference.parse(locked.host() + "/library/errors:1")));
    }
    assertEquals(ErrorHandlingExample.Outcome.FOUND, ErrorHandlingExample.resolve(noRetries, image));
    assertEquals(ErrorHandlingExample.Outcome.NO_SUCH_TAG,
        ErrorHandlingExample.resolve(noRetries, image.withTag("missing")));
    assertEquals(ErrorHandlingExample.Outcome.NO_SUCH_REPOSITORY,
        ErrorHandlingExample.resolve(noRetries, Reference.parse(first.host() + "/library/nothing-here:1")));
    assertEquals(ErrorHandlingExample.Outcome.UNREACHABLE,
        ErrorHandlingExample.resolve(noRetries, Reference.parse(down + "/library/errors:1")));
    assertEquals(ErrorHandlingExample.Outcome.PLAIN_HTTP, ErrorHandlingExample.resolve(tlsOnly, image));
  }

  /** The testkit's base image, copied from its layout into {@code repo} as {@code tag} by berth's Copier. */
  private Descriptor pushBaseImage(Repository repo, String tag) throws java.io.IOException {
    Path layout = BaseImageLayout.write(tmp.resolve("base-image-layout-" + tag), "base");
    return Copier.copy(OciLayout.open(layout), "base", repo, tag, CopyOptions.defaults());
  }
}
