package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkopeoUmociIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void imageBuiltWithUmociRoundTripsThroughATlsRegistryWithSkopeo() throws Exception {
    Umoci umoci = Umoci.create();
    Skopeo skopeo = Skopeo.create();
    Path layout = tmp.resolve("layout");
    Path file = Files.writeString(tmp.resolve("hello.txt"), "hello from berth\n");
    umoci.init(layout);
    umoci.newImage(layout, "v1");
    umoci.insert(layout, "v1", file, "/etc/hello.txt");
    assertEquals(List.of("v1"), umoci.listTags(layout));
    assertTrue(JSON.readTree(umoci.stat(layout, "v1")).has("history"));

    try (TestPki pki = TestPki.create();
        RegistryServer registry = RegistryServer.builder().tls(pki).htpasswd("alice", "secret").start()) {
      String ref = "docker://" + registry.host() + "/team/app:v1";
      skopeo.copy("oci:" + layout + ":v1", ref, "--dest-cert-dir", pki.caCertDir().toString(),
          "--dest-creds", "alice:secret");
      JsonNode inspected = JSON.readTree(skopeo.inspect(ref, "--cert-dir", pki.caCertDir().toString(),
          "--creds", "alice:secret"));
      assertEquals(1, inspected.get("Layers").size());

      Path back = tmp.resolve("back");
      skopeo.copy(ref, "oci:" + back + ":copied", "--src-cert-dir", pki.caCertDir().toString(),
          "--src-creds", "alice:secret");
      Path bundle = tmp.resolve("bundle");
      umoci.unpack(back, "copied", bundle);
      assertEquals("hello from berth\n", Files.readString(bundle.resolve("rootfs/etc/hello.txt")));

      // Without trusting the CA skopeo fails, and the failure message hides the password.
      ProcessRunner.ProcessFailedException e = assertThrows(ProcessRunner.ProcessFailedException.class,
          () -> skopeo.inspect(ref, "--creds", "alice:secret"));
      assertTrue(e.getMessage().contains("x509"), e.getMessage());
      assertFalse(e.getMessage().contains("alice:secret"), e.getMessage());
    }
  }

  @Test
  void theBaseImageLayoutIsAnImageUmociUnpacks() throws Exception {
    Path layout = BaseImageLayout.write(tmp.resolve("base"), "1");
    Umoci umoci = Umoci.create();
    assertEquals(List.of("1"), umoci.listTags(layout));
    Path bundle = tmp.resolve("bundle");
    umoci.unpack(layout, "1", bundle); // checks every blob against its digest on the way
    assertEquals("NAME=berth-test\n", Files.readString(bundle.resolve("rootfs/etc/os-release")));
  }
}
