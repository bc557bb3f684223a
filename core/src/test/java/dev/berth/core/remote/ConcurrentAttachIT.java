package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.testkit.RegistryServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two CI jobs attach to one image at the same time on a registry without the referrers API (CNCF
 * distribution 2.8): both update the subject's fallback tag ({@code sha256-<digest>}) by reading,
 * merging and writing it. Two JVMs, each with its own client, attach at once; every attachment of both
 * must be listed afterwards.
 */
class ConcurrentAttachIT {
  private static final int PER_PROCESS = 6;
  private static final String REPO = "attach/race";

  @TempDir Path dir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void twoProcessesAttachingToOneSubjectAtOnceKeepEveryAttachment() throws Exception {
    try (RegistryServer server = RegistryServer.builder().start()) {
      String host = server.host();
      Repository repo = RegistryClient.builder().plainHttp(host).build().repository(host + "/" + REPO);
      Descriptor subject = pushSubject(repo);
      Path go = dir.resolve("go");
      List<Process> writers = new ArrayList<>();
      for (String writer : List.of("a", "b")) {
        writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), AttachMany.class.getName(), host,
            subject.digest().toString(), Long.toString(subject.size()), writer, go.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve(writer + ".log").toFile()).start());
      }
      Files.createFile(go); // both wait for it, so their updates overlap
      for (Process p : writers) {
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "a writer did not finish");
        assertEquals(0, p.exitValue(), () -> logs());
      }

      Set<String> listed = new HashSet<>();
      for (Descriptor r : repo.referrers(subject, null)) {
        listed.add(r.annotations().get("org.example.writer"));
      }
      Set<String> expected = new HashSet<>();
      for (String writer : List.of("a", "b")) {
        for (int i = 0; i < PER_PROCESS; i++) {
          expected.add(writer + i);
        }
      }
      assertEquals(expected, listed, "attachments lost from the fallback tag");
    }
  }

  private String logs() {
    try {
      return Files.readString(dir.resolve("a.log")) + Files.readString(dir.resolve("b.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static Descriptor pushSubject(Repository repo) throws Exception {
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    repo.push(Descriptor.EMPTY_JSON, new ByteArrayInputStream(empty));
    EncodedManifest subject = EncodedManifest.of(Manifest.artifact("application/vnd.example.subject", List.of()));
    return repo.pushManifest(subject, List.of("v1"));
  }

  /** A writer process: waits for the go file, then attaches its referrers one after another. */
  public static final class AttachMany {
    public static void main(String[] args) throws Exception {
      String host = args[0];
      Descriptor subject = Descriptor.of(MediaTypes.OCI_MANIFEST, dev.berth.core.Digest.parse(args[1]),
          Long.parseLong(args[2]));
      String writer = args[3];
      Path go = Path.of(args[4]);
      Repository repo = RegistryClient.builder().plainHttp(host).build().repository(host + "/" + REPO);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(go) && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      for (int i = 0; i < PER_PROCESS; i++) {
        Manifest m = Manifest.artifact("application/vnd.example.attachment", List.of())
            .withSubject(subject).withAnnotations(Map.of("org.example.writer", writer + i));
        repo.pushManifest(EncodedManifest.of(m), List.of());
      }
    }
  }
}
