package dev.berth.artifacts.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import dev.berth.artifacts.helm.ChartArchive;
import dev.berth.artifacts.helm.ChartMetadata;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.helm.HelmPushOptions;
import dev.berth.artifacts.helm.HelmPushResult;
import dev.berth.artifacts.helm.PulledChart;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.testkit.RegistryServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Helm (v3, its Go library through helm-java) and berth exchange charts through a real registry,
 * both ways.
 */
class HelmInteropIT {
  static RegistryServer registry;
  static RegistryClient client;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    registry = RegistryServer.start();
    client = RegistryClient.builder().plainHttp(registry.host()).build();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void aChartHelmPushedPullsWithBerthAndBerthBuildsTheSameManifest() throws IOException {
    Helm.create().withName("webapp").withDir(tmp).call();
    new Helm(tmp.resolve("webapp")).packageIt().withDestination(tmp.resolve("helm-dist")).call();
    Path helmTgz = tmp.resolve("helm-dist/webapp-0.1.0.tgz");
    Helm.push().withChart(helmTgz).withRemote(URI.create("oci://" + registry.host() + "/helm")).plainHttp().call();

    Repository repo = client.repository(registry.host() + "/helm/webapp");
    PulledChart pulled = HelmCharts.pull(repo, "0.1.0", tmp.resolve("out"), HelmPullOptions.defaults());
    assertArrayEquals(Files.readAllBytes(helmTgz), Files.readAllBytes(pulled.chart()));
    assertEquals("webapp", pulled.metadata().name());

    // Same chart, same created time: berth's manifest and config are byte for byte Helm's.
    EncodedManifest helms = Contents.fetchManifest(repo, repo.resolve("0.1.0"));
    Manifest hm = helms.manifest();
    byte[] helmConfig = Contents.fetchAll(repo, hm.config(), 1 << 20);
    assertEquals(new String(helmConfig), new String(ChartArchive.readMetadata(helmTgz).toConfigJson()));
    Repository mine = client.repository(registry.host() + "/berth/webapp");
    HelmPushResult r = HelmCharts.push(mine, helmTgz, HelmPushOptions.builder()
        .created(Instant.parse(hm.annotations().get("org.opencontainers.image.created"))).build());
    assertEquals(new String(helms.bytes()), new String(Contents.fetchManifest(mine, r.manifest()).bytes()));
    assertEquals(helms.digest(), r.manifest().digest());
  }

  @Test
  void aChartBerthPushedIsAcceptedByHelmShowAndTemplate() throws IOException {
    Path chartDir = ArtifactsRegistryIT.chart(tmp, "greeter", "1.2.3");
    Files.writeString(chartDir.resolve(".helmignore"), "*.bak\n");
    Files.writeString(chartDir.resolve("templates/old.yaml.bak"), "this is not yaml: [");
    Path tgz = HelmPackager.packageChart(chartDir, tmp.resolve("dist"));
    ChartMetadata meta = ChartArchive.readMetadata(tgz);
    Repository repo = client.repository(HelmCharts.chartRepository("oci://" + registry.host() + "/charts", meta.name()));
    HelmCharts.push(repo, tgz);

    String ref = "oci://" + registry.host() + "/charts/greeter";
    String shown = Helm.show(ref).chart().withVersion("1.2.3").plainHttp().call();
    assertTrue(shown.contains("name: greeter"), shown);
    assertTrue(shown.contains("version: 1.2.3"), shown);

    String rendered = Helm.template(ref).withVersion("1.2.3").withName("hello").plainHttp().call();
    assertTrue(rendered.contains("name: hello-cm"), rendered);
    assertTrue(rendered.contains("greeting: \"hello\""), rendered);
    assertEquals(MediaTypes.HELM_CONFIG, Contents.fetchManifest(repo, repo.resolve("1.2.3")).manifest().config().mediaType());
  }
}
