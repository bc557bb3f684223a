package dev.berth.artifacts.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.Helm;
import dev.berth.artifacts.helm.ChartProvenance;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.helm.HelmPushOptions;
import dev.berth.artifacts.helm.ProvenanceKeyring;
import dev.berth.artifacts.helm.ProvenanceSigner;
import dev.berth.artifacts.helm.PulledChart;
import dev.berth.core.remote.ProgressListener;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.core.remote.TransferEvent;
import dev.berth.testkit.PgpTestKeys;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm provenance both ways with real Helm (its Go library through helm-java): a chart Helm signed
 * ({@code helm package --sign}) verifies in berth, and a chart berth signed verifies in Helm ({@code helm
 * dependency update --verify}, the one helm-java command that runs Helm's verification; it reads the
 * {@code .prov} layer over HTTPS, trusting the test CA through {@code SSL_CERT_FILE}, which the build sets
 * for this JVM).
 */
class HelmProvenanceInteropIT {
  static final PgpTestKeys.Key signer = PgpTestKeys.signer();
  static final PgpTestKeys.Key stranger = PgpTestKeys.stranger();
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
  void aChartHelmSignedIsPushedByBerthAndVerifiedOnPull() throws Exception {
    Path secring = signer.writeSecring(tmp.resolve("secring.gpg"));
    Helm.create().withName("signed").withDir(tmp).call();
    new Helm(tmp.resolve("signed")).packageIt().withDestination(tmp.resolve("dist")).sign()
        .withKey("Chart Signer").withKeyring(secring).call();
    Path tgz = tmp.resolve("dist/signed-0.1.0.tgz");
    Path prov = tmp.resolve("dist/signed-0.1.0.tgz.prov");
    assertTrue(Files.isRegularFile(prov), "helm package --sign wrote the provenance file");

    // Berth's format matches Helm's where it counts: same header, same files: line for the same archive.
    String helms = Files.readString(prov);
    String berths = new String(ProvenanceSigner.fromKeyring(secring, "Chart Signer", null).sign(tgz));
    assertEquals(helms.substring(0, helms.indexOf("\n\n") + 2), berths.substring(0, berths.indexOf("\n\n") + 2));
    String filesLine = "\n...\nfiles:\n  signed-0.1.0.tgz: sha256:";
    assertEquals(helms.substring(helms.indexOf(filesLine), helms.indexOf("-----BEGIN PGP SIGNATURE-----")),
        berths.substring(berths.indexOf(filesLine), berths.indexOf("-----BEGIN PGP SIGNATURE-----")));

    Repository repo = client.repository(registry.host() + "/helm-signed/signed");
    List<TransferEvent> events = new CopyOnWriteArrayList<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void onEvent(TransferEvent event) {
        events.add(event);
      }
    };
    HelmCharts.push(repo, tgz, HelmPushOptions.builder().provenance(prov).progressListener(listener).build());
    Path pubring = signer.writePubring(tmp.resolve("pubring.gpg"));
    PulledChart pulled = HelmCharts.pull(repo, "0.1.0", tmp.resolve("out"), HelmPullOptions.builder()
        .verify(pubring).progressListener(listener).build());

    assertEquals(signer.keyId(), pulled.verification().keyId());
    assertEquals("Chart Signer <signer@example.org>", pulled.verification().userId());
    assertEquals(helms, Files.readString(pulled.provenance()));
    ChartProvenance.verify(pulled.chart(), pulled.provenance(), ProvenanceKeyring.load(pubring));
    assertTrue(events.stream().anyMatch(e -> e.done()), "the operation's own listener saw its transfers");
  }

  @Test
  void aChartBerthSignedIsVerifiedByHelm() throws Exception {
    String certFile = System.getenv("SSL_CERT_FILE");
    assumeTrue(certFile != null, "SSL_CERT_FILE is set by the build for this test (Go reads it once)");
    try (TestPki pki = TestPki.create(); RegistryServer tls = RegistryServer.builder().tls(pki).start()) {
      Files.createDirectories(Path.of(certFile).getParent());
      Files.writeString(Path.of(certFile), pki.caPem());
      RegistryClient tlsClient = RegistryClient.builder().caFile(pki.caPemFile()).build();
      Path child = ArtifactsRegistryIT.chart(tmp, "child", "0.1.0");
      Path secring = signer.writeSecring(tmp.resolve("secring.gpg"));
      Repository repo = tlsClient.repository(tls.host() + "/charts/child");
      HelmCharts.push(repo, child, HelmPushOptions.builder()
          .signer(ProvenanceSigner.fromKeyring(secring, "Chart Signer", null)).build());

      Path parent = Files.createDirectories(tmp.resolve("parent"));
      Files.writeString(parent.resolve("Chart.yaml"), """
          apiVersion: v2
          name: parent
          version: 1.0.0
          dependencies:
            - name: child
              version: 0.1.0
              repository: oci://%s/charts
          """.formatted(tls.host()));

      Exception refused = assertThrows(Exception.class, () -> new Helm(parent).dependency().update()
          .withKeyring(stranger.writePubring(tmp.resolve("stranger.gpg"))).verify().call());
      assertTrue(String.valueOf(refused.getMessage()).contains("openpgp"), refused.getMessage());

      new Helm(parent).dependency().update().withKeyring(signer.writePubring(tmp.resolve("pubring.gpg"))).verify().call();
      assertTrue(Files.isRegularFile(parent.resolve("charts/child-0.1.0.tgz")), "Helm accepted and kept the chart");
    }
  }
}
